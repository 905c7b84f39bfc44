"""What the components leave on a ``Doc`` for the next ones: candidates and sentences.

Components talk through four ``Doc`` extensions, all plain Python values so that
the pipeline stays cheap:

``doc._.kg_sentences``
    ``[(start, end), ...]`` character offsets of the sentences (``kg_sentences``).
``doc._.kg_candidates``
    :class:`Candidate` spans proposed by the matchers, overlapping freely.
``doc._.kg_acronyms``
    ``{short: long}`` pairs the text defines ("Hybrid Data Parallelism (HDP)").
``doc._.kg_mentions`` / ``doc._.kg_results``
    The resolved :class:`~kg.records.Mention` and :class:`~kg.records.Result` lists.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

#: Kinds a candidate can have: the entity kinds plus software, which blocks others.
CANDIDATE_KINDS = ("dataset", "hardware", "metric", "method", "task", "code", "software")

for _name, _default in (
    ("kg_sentences", None),
    ("kg_candidates", None),
    ("kg_acronyms", None),
    ("kg_mentions", None),
    ("kg_results", None),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@dataclass(slots=True)
class Candidate:
    """A span some component believes names an entity."""

    kind: str
    start: int
    end: int
    label: str
    component: str
    concept: str | None = None
    priority: int = 0  # breaks ties between spans of equal length: higher wins
    proposed: bool = False
    aliases: tuple[str, ...] = ()
    needs_cue: bool = False  # a kg:ambiguous label: kept only with a cue nearby

    @property
    def length(self) -> int:
        return self.end - self.start


def candidates(doc: Doc) -> list[Candidate]:
    """The candidate list of ``doc``, created on first use."""
    found = doc._.kg_candidates
    if found is None:
        found = []
        doc._.kg_candidates = found
    return found


def sentences(doc: Doc) -> list[tuple[int, int]]:
    found = doc._.kg_sentences
    if found is None:  # no splitter in the pipeline: the whole text is one sentence
        found = [(0, len(text_of(doc)))]
        doc._.kg_sentences = found
    return found


def sentence_at(doc: Doc, offset: int) -> tuple[int, int]:
    """The ``(start, end)`` of the sentence holding character ``offset``."""
    spans = sentences(doc)
    starts = doc.user_data.get("kg_sentence_starts")
    if starts is None or len(starts) != len(spans):
        starts = [start for start, _ in spans]
        doc.user_data["kg_sentence_starts"] = starts
    index = max(bisect_right(starts, offset) - 1, 0)
    return spans[index]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from the tokens on every access."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.text
        doc.user_data["kg_text"] = text
    return text
