"""A per-call view of a doc's sentences for components that look many offsets up.

:func:`kg.extract.spans.sentence_at` reads ``doc.user_data`` and checks its cache on
every call; a component that asks for the sentence of each of its candidates
builds this index once and bisects a plain list instead.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from kg.extract.spans import sentences


class SentenceIndex:
    """The ``(start, end)`` sentences of one doc, looked up by character offset."""

    __slots__ = ("spans", "starts")

    def __init__(self, doc: Doc) -> None:
        self.spans = sentences(doc)
        self.starts = [start for start, _ in self.spans]

    def at(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset``, as :func:`~kg.extract.spans.sentence_at` gives it."""
        return self.spans[max(bisect_right(self.starts, offset) - 1, 0)]
