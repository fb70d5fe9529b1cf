from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import SHARED
from zhengce.cli import app


def test_eval_json_lists_every_seed(shared: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--gold", str(SHARED / "gold"), "--json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    seeds = [name for name in data["seeds"] if not name.startswith("policy/")]
    policy = [name for name in data["seeds"] if name.startswith("policy/")]
    assert len(seeds) == len(list((SHARED / "gold" / "seeds").glob("*.json")))
    assert len(policy) == len(list((SHARED / "gold" / "policy").glob("*.json")))
    assert {"name", "value", "passed"} <= set(data["overall"][0])


def test_eval_unknown_threshold_fails(shared: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--gold", str(SHARED / "gold"), "--min", "nope=1"])
    assert result.exit_code == 1
    assert "no such metric" in result.stdout


def test_eval_bad_threshold_is_a_clear_error(shared: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--gold", str(SHARED / "gold"), "--min", "x"])
    assert result.exit_code == 2
    assert "NAME=NUMBER" in result.stderr


def test_eval_missing_gold_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--gold", str(tmp_path)])
    assert result.exit_code == 2
    assert "no seeds/ folder" in result.stderr
