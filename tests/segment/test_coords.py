from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.model import Document, Edit
from zhengce.segment.coords import lifted_spans, map_span


def test_span_after_shrinking_and_growing_edits() -> None:
    doc = Document.from_raw("ab,cd 来源：某网 ef")
    doc.apply_edits("one", [Edit(2, 3, ",", "，，", "", "widen")])  # grows by 1 before the span
    doc.apply_edits("two", [Edit(0, 2, "ab", "", "", "drop")])  # shrinks by 2 before it
    start, end = map_span(doc, 6, 12)
    assert doc.text[start:end] == "来源：某网 "


def test_span_inside_a_replacement_snaps_to_its_edges() -> None:
    doc = Document.from_raw("前文 發佈時間 后文")
    doc.apply_edits("script", [Edit(3, 7, "發佈時間", "发布时间", "", "simplify")])
    assert map_span(doc, 4, 6) == (3, 7)


def test_lifted_spans_accept_dicts_and_pairs() -> None:
    doc = Document.from_raw(
        "x" * 20, metadata={"metadata_spans": [{"start": 1, "end": 3}, [5, 8], "junk"]}
    )
    assert lifted_spans(doc) == [(1, 3), (5, 8)]


def test_lifted_spans_accept_the_chrome_stage_mapping() -> None:
    spans = {"source": [1, 3], "published": [5, 8], "editor": [[9, 10], [12, 14]]}
    doc = Document.from_raw("x" * 20, metadata={"metadata_spans": spans})
    assert lifted_spans(doc) == [(1, 3), (5, 8), (9, 10), (12, 14)]


WORDS = st.sampled_from(["甲", "乙乙", ",", "，", " ", "丙"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=12), st.lists(WORDS, min_size=1, max_size=12))
def test_an_untouched_span_maps_onto_itself(before: list[str], after: list[str]) -> None:
    # Edits replace every "," before and after a marked span; the span itself is untouched.
    head, tail = "".join(before), "".join(after)
    raw = head + "【标记】" + tail
    doc = Document.from_raw(raw)
    edits = [Edit(i, i + 1, ",", "，，", "", "x") for i, ch in enumerate(raw) if ch == ","]
    doc.apply_edits("widen", edits)
    start, end = map_span(doc, len(head), len(head) + 4)
    assert doc.text[start:end] == "【标记】"


def test_insertion_at_a_span_end_stays_outside() -> None:
    doc = Document.from_raw("编辑：张三标题")
    doc.apply_edits("chrome", [Edit(5, 5, "", "\n", "", "split glued headline")])
    start, end = map_span(doc, 3, 5)
    assert doc.text[start:end] == "张三"
    assert map_span(doc, 5, 7) == (6, 8)
