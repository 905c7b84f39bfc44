"""``kg_sentences``: a rule-based sentence splitter tuned for abstracts.

A regex over the text finds sentence ends; abbreviations ("e.g.", "i.e.", "et al.",
"vs.", "Fig.") and decimal points ("98.23%") do not end a sentence, blank lines (the
title's end) always do. Much faster than a parser, and right on abstracts.
"""

from __future__ import annotations

import re
import string

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.spans import Component, text_of

#: Words that end with a dot without ending the sentence (compared in lower case).
ABBREVIATIONS = frozenset(
    """e.g i.e a.k.a al etc. vs cf fig figs eq eqs sec secs tab tabs approx resp no nos dr mr
    ms prof ca incl viz st jr sr ref refs vol pp ed eds est eqn eqns thm lem def prop cor
    alg w.r.t w.l.o.g""".replace("etc.", "").split()
)
# A sentence end: . ! or ? (plus closing quotes/brackets), then space, then a capital,
# digit, quote or bracket. Newlines always end a sentence.
_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|[\"'”’)\]]*[ \t]+(?=[A-Z0-9\"'“‘(\[]))")
#: The characters of a word before a dot that may not end the sentence ("e.g", "al").
_WORD_CHARS = string.ascii_letters + "."
#: How far back that word is read.
_WORD_SPAN = 12
# single letters joined by dots: "a.k.a", "w.r.t", "U.S"
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text``, surrounding space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        dot = match.start()
        if text[dot] == "." and _not_an_end(text, dot):
            continue
        _append(text, spans, start, match.end())
        start = match.end()
    _append(text, spans, start, len(text))
    return spans


def _not_an_end(text: str, dot: int) -> bool:
    """Whether the dot at ``dot`` closes an abbreviation ("et al.", "e.g.", "a.k.a.") or
    a single initial ("J. Smith"), not the sentence; "7.89x." ends it (the word must
    not follow a digit or a dot)."""
    window = max(0, dot - _WORD_SPAN)
    # the run of letters and dots before the dot, one C call instead of a regex
    word_start = window + len(text[window:dot].rstrip(_WORD_CHARS))
    if word_start == dot:
        return False
    before = text[word_start - 1] if word_start > window else " "
    if before.isalnum() or before == "_":
        return False
    token = text[word_start:dot].lower().rstrip(".")
    return (
        token in ABBREVIATIONS
        or (len(token) == 1 and token.isalpha())
        or ("." in token and _DOTTED.fullmatch(token) is not None)
    )


def _append(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@Language.factory("kg_sentences", assigns=["doc._.kg_sentences"])
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(name)


class SentenceSplitter(Component):
    """Leaves the :func:`split_sentences` offsets on the doc for the other components.

    spaCy's own sentence flags (``token.is_sent_start``) are not set: every
    component works on character offsets, and setting them cost a quarter of this
    component's time for nothing that reads them.
    """

    def __init__(self, name: str = "kg_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data["kg_sentences"] = split_sentences(text_of(doc))
        return doc
