from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.model import Document, Edit, rebuild_raw
from zhengce.pipeline import normalize


def test_apply_and_rebuild_two_steps() -> None:
    doc = Document.from_raw("ab,cd")
    doc.apply_edits("one", [Edit(2, 3, ",", "，", "", "widen")])
    doc.apply_edits("two", [Edit(0, 2, "ab", "", "", "drop"), Edit(4, 5, "d", "dd", "", "x")])
    assert doc.text == "，cdd"
    assert rebuild_raw(doc.text, doc.edits) == "ab,cd"


def test_json_round_trip() -> None:
    doc = Document.from_raw("習近平(xí)", source="x.txt", metadata={"title": "t"})
    normalize(doc)
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert again.id == doc.id


@settings(max_examples=1000, deadline=None)
@given(st.text())
def test_normalization_is_lossless_for_any_unicode(raw: str) -> None:
    doc = normalize(Document.from_raw(raw))
    assert rebuild_raw(doc.text, doc.edits) == raw


chinese = st.sampled_from(list("習近平主持召開座談會報訊東北振興发展高质量同誌機製支援"))
noisy = st.sampled_from(
    ["(bào)", "(dòng)", "?xùn)|", "🏋️", "👩🏿‍🔬", "*️⃣", "𓀁", ",", ":", " ", "\u3000", "\n\n\n"]
)
kept = st.sampled_from(["(地)", "（记者 某某）", "(PPP)", "(一)"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(chinese, noisy, kept), max_size=60).map("".join))
def test_normalization_is_lossless_for_noisy_chinese(raw: str) -> None:
    doc = normalize(Document.from_raw(raw))
    assert rebuild_raw(doc.text, doc.edits) == raw
