"""Speaker of each body paragraph: whose words the paragraph reports.

Reports open a paragraph of someone's speech with the person and a speech verb:
"习近平强调，…", "习近平最后强调，…", "李强在讲话中表示，…", or with 他/她 after a sentence
about that person ("…习近平…主持召开…座谈会并发表重要讲话。他强调，…").  Only the first two
sentences of a paragraph are read: that is where the attribution stands.  A paragraph whose
first speech verb has some other subject ("会议指出", "座谈会强调") has no speaker — a meeting
is not a person — and so does a paragraph without a speech verb (a list of attendees).

Speakers are the participants found before (`extract.participants`); the verbs and the
adverbs that may stand between a name and its verb come from `data/roles.tsv`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from zhengce.extract.participants.lexicon import Lexicon, lexicon
from zhengce.model import Document

SENTENCES_READ = 2
PRONOUNS = ("他", "她")
# An honorific may follow a name used as subject (习近平总书记强调, 袁家军同志指出).
HONORIFICS = ("总书记", "主席", "总理", "委员长", "同志", "书记", "省长", "市长")
# Verbs that make a person the subject of a sentence, for a 他 that follows.
ACTS = "主持|出席|讲话|发言|参加|听取|考察|调研|会见|视察|来到"
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_CLAUSE_BREAK = re.compile(r"[，,：:；;]")


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: str | None
    evidence: str
    subject: str | None  # the person the paragraph was about, for a later 他


class SpeechPatterns:
    """Patterns compiled once: speech verbs, trailing adverbs, what follows an actor."""

    def __init__(self, lex: Lexicon) -> None:
        # A speech verb introduces speech when a comma, colon, quote or 要 follows it.
        self.verb = re.compile(f'(?:{lex.speech_verbs})(?=[，,：:“"]|要|必须)')
        self.trailing_adverbs = re.compile(f"(?:{lex.adverbs})*$")
        honorific = "|".join(HONORIFICS)
        self.actor_follow = re.compile(
            f"(?:{honorific})?(?:{lex.adverbs}|{lex.speech_verbs}|[^，。]*?(?:{ACTS}))"
        )


@cache
def patterns() -> SpeechPatterns:
    return SpeechPatterns(lexicon())


class SpeakerFinder:
    """Attributes the paragraphs of one document to its participants."""

    def __init__(self, names: list[str], speech: SpeechPatterns) -> None:
        self.names = sorted(set(names), key=len, reverse=True)
        self.speech = speech

    def attribute(self, text: str, previous: str | None) -> Attribution:
        if not self.names and not self.speech.verb.search(text):
            # Nobody to be the subject and no speech verb: one scan of the paragraph says so.
            return Attribution(None, "", None)
        subject: str | None = None
        for count, sentence in enumerate(_SENTENCE.finditer(text)):
            if count >= SENTENCES_READ:
                break
            s_start, s_end = sentence.span()
            verb = self.speech.verb.search(text, s_start, s_end)
            if verb is None:
                subject = self.actor_in(text, s_start, s_end) or subject
                continue
            clause_start = s_start
            for brk in _CLAUSE_BREAK.finditer(text, s_start, verb.start()):
                clause_start = brk.end()
            evidence = text[clause_start : verb.end()]
            who = self.subject_of(text[clause_start : verb.start()])
            if who in PRONOUNS:
                who = subject or previous
            elif who == "":
                # "…许勤主持召开…会议，强调要…": the subject of the sentence goes on speaking.
                who = self.actor_in(text, s_start, clause_start) or subject
            # Anything else before the verb (会议指出) is not a person: no speaker.
            return Attribution(who, evidence if who else "", who or subject)
        return Attribution(None, "", subject)

    def subject_of(self, before: str) -> str | None:
        """The name or pronoun before a speech verb; "" when only adverbs stand there."""
        trailing = self.speech.trailing_adverbs.search(before)
        core = before[: trailing.start()] if trailing else before
        for honorific in HONORIFICS:
            if core.endswith(honorific):
                core = core[: -len(honorific)]
                break
        if not core:
            return ""
        for who in (*self.names, *PRONOUNS):
            if core.endswith(who):
                return who
        return None

    def actor_in(self, text: str, start: int, end: int) -> str | None:
        """The first participant who does something in text[start:end] (习近平…主持召开)."""
        best: tuple[int, str] | None = None
        for name in self.names:
            at = text.find(name, start, end)
            while at != -1 and not self.speech.actor_follow.match(text, at + len(name), end):
                at = text.find(name, at + len(name), end)
            if at != -1 and (best is None or at < best[0]):
                best = (at, name)
        return best[1] if best else None


def attribute_speakers(doc: Document) -> None:
    """Set `speaker`/`speaker_evidence` on every body paragraph (None where nobody speaks)."""
    finder = SpeakerFinder([p.name for p in doc.participants], patterns())
    previous: str | None = None
    for paragraph in doc.paragraphs:
        if paragraph.kind != "body":
            continue
        found = finder.attribute(paragraph.text, previous)
        paragraph.speaker = found.speaker
        paragraph.speaker_evidence = found.evidence
        previous = found.speaker or found.subject or previous
