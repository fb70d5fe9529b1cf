from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhengce.model import Document, Edit, rebuild_raw
from zhengce.pipeline import analyze, normalize


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


markdown = st.sampled_from(
    ["**", "__", "[", "](", ")", "http://a.cn/x", "查看原文", "\\", "&#xA0;", "&#x", "&#26032;"]
)


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(st.text(), st.lists(st.one_of(chinese, markdown, noisy), max_size=60).map("".join))
)
def test_markdown_normalization_is_lossless(raw: str) -> None:
    # The markup stage runs only for Markdown files: the tests above never reach it.
    doc = normalize(Document.from_raw(raw, metadata={"format": "markdown"}))
    assert rebuild_raw(doc.text, doc.edits) == raw


report = st.sampled_from(
    [
        "王明",
        "李强",
        "钱立群",
        "、",
        "，",
        "。",
        "\n",
        "出席",
        "会见",
        "同",
        "举行会谈",
        "主持",
        "国务院总理",
        "市领导",
        "某国总统",
        "发表讲话",
        "强调",
        "一、",
        "（一）",
        "要加快",
        "推动",
        "2024年6月24日",
        "二〇二四年六月二十四日",
        "本报讯（记者 张三）",
        "“",
        "”",
        "国发〔2024〕1号",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(report, max_size=80).map("".join))
def test_analysis_of_any_report_like_text_never_fails_and_points_into_it(raw: str) -> None:
    doc = analyze(normalize(Document.from_raw(raw)))
    for person in doc.participants:
        assert doc.text[person.start : person.end] == person.name
    for paragraph in doc.paragraphs:
        assert 0 <= paragraph.start <= paragraph.end <= len(doc.text)


def test_an_edit_gives_its_runs_of_changed_characters() -> None:
    edit = Edit(3, 10, "國家發展和改革", "国家发展和改革", "script", "t2s", 1.0, 5)
    runs = edit.character_runs()
    assert [(r.start, r.end, r.before, r.after) for r in runs] == [
        (3, 4, "國", "国"),
        (5, 6, "發", "发"),
    ]
    assert all((r.stage, r.reason, r.step) == ("script", "t2s", 5) for r in runs)
    whole = Edit(0, 2, "迴圈", "循环", "script", "vocabulary")
    assert whole.character_runs() == [whole]
    longer = Edit(0, 4, "網際網路", "互联网", "script", "vocabulary")
    assert longer.character_runs() == [longer]
