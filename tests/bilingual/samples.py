"""A small made-up bilingual document (not taken from any source) for alignment tests."""

from __future__ import annotations

from zhengce.model import Document, Paragraph, Participant

CHINESE = [
    ("title", "王小明主持召开推动西部地区发展座谈会"),
    ("body", "新华社重庆5月12日电 王小明12日在重庆主持召开座谈会并发表讲话。"),
    ("body", "李大伟、张红出席座谈会。"),
    ("body", "王小明强调，要推动“冰雪经济”发展，加强黑土地保护，建设西部陆海新通道。"),
    ("body", "王小明指出，要提高人口整体素质，发展基础教育，完善人才政策。"),
]
ENGLISH = [
    "Wang Xiaoming chairs symposium on development of western region",
    "CHONGQING, May 12 (Xinhua) -- Wang Xiaoming on Tuesday chaired a symposium in Chongqing"
    " and delivered a speech.",
    'Wang stressed promoting the "ice and snow economy" and strengthening black soil conservation.',
    "He called for building the new western land-sea corridor.",
    "Wang noted that the overall population quality should be improved, with basic education"
    " and talent policies.",
    "Li Dawei and Zhang Hong attended the symposium.",
]


def bilingual_document() -> Document:
    text_parts: list[str] = []
    paragraphs: list[Paragraph] = []
    cursor = 0
    for kind, text in [*CHINESE, *(("english", t) for t in ENGLISH)]:
        paragraphs.append(Paragraph(text, cursor, cursor + len(text), kind=kind))
        text_parts.append(text)
        cursor += len(text) + 1
    raw = "\n".join(text_parts)
    doc = Document.from_raw(raw, source="sample.txt")
    doc.paragraphs = paragraphs
    doc.participants = [
        Participant(name, [], "attendee", 0, 0) for name in ("王小明", "李大伟", "张红")
    ]
    return doc
