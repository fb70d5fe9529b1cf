"""No page or asset refers to another host: every template and static file is read.

Templates and our own CSS/JS may hold no absolute URL at all (no scheme, no //host).  The
vendored builds (ECharts, htmx) are checked for anything that loads from elsewhere (an
absolute URL in a src/href/url()/import/fetch position); the absolute URLs they do hold must
be of the kinds named below, which are never requested: XML namespace names, and the licence
address in ECharts' header comment.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from fastapi.testclient import TestClient

from tests.web.conftest import Site
from tests.web.test_pages import page_urls

WEB = Path(str(resources.files("zhengce.web")))
ABSOLUTE = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//[a-z0-9.-]+\.[a-z]{2,}", re.I)
LOADS = re.compile(
    r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:[a-z]+:)?//"""
    r"""|url\(\s*["']?\s*(?:[a-z]+:)?//"""
    r"""|import\s*\(?\s*["'](?:[a-z]+:)?//"""
    r"""|fetch\(\s*["'](?:[a-z]+:)?//""",
    re.I,
)
NEVER_REQUESTED = {
    "http://www.w3.org": "XML namespace names (SVG, XLink, XMLNS, XML): identifiers, not fetched",
    "http://www.apache.org": "Apache-2.0 licence address in ECharts' header comment",
    "https://github.com": "zrender licence address in ECharts' header comment",
}


def files(*parts: str) -> list[Path]:
    found = sorted(p for p in WEB.joinpath(*parts).rglob("*") if p.is_file())
    assert found, parts
    return found


def test_templates_and_own_assets_hold_no_absolute_url() -> None:
    own = files("templates") + [
        p for p in files("static") if "vendor" not in p.parts and p.suffix in (".css", ".js")
    ]
    for path in own:
        text = path.read_text("utf-8")
        assert not ABSOLUTE.search(text), (path, ABSOLUTE.search(text))


def test_vendored_code_loads_nothing_from_elsewhere() -> None:
    vendored = [p for p in files("static", "vendor") if p.suffix in (".js", ".css")]
    assert {p.name for p in vendored} >= {"echarts.min.js", "htmx.min.js"}
    for path in vendored:
        text = path.read_text("utf-8")
        assert not LOADS.search(text), (path, LOADS.search(text))
        for match in ABSOLUTE.finditer(text):
            url = match.group()
            assert url.lower() in NEVER_REQUESTED, (path, url)


def test_vendored_code_comes_with_its_licence() -> None:
    names = {p.name for p in files("static", "vendor")}
    assert {"echarts.LICENSE", "htmx.LICENSE"} <= names


def test_pages_link_only_to_this_site(public_client: TestClient, site: Site) -> None:
    for url in page_urls(site):
        html = public_client.get(url).text
        for attribute in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert attribute.startswith(("/", "#", "?")), (url, attribute)
