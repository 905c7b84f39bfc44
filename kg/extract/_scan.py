"""Small helpers for fast scanning: keyword positions and word walks around them.

Python's ``re`` is quick when a pattern starts with a literal or a single character
class and slow on alternations, so components look their trigger words up with
``str.find`` and run anchored patterns on short windows around the hits only.
"""

from __future__ import annotations

import re
from itertools import compress, count

from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc

from kg.extract.spans import token_starts

_WORD = re.compile(r"[\w+][\w+.'’-]*[\w+]|[\w+]|[,():;]|\.(?=\s|$)")


def is_word_start(text: str, position: int) -> bool:
    return position == 0 or not text[position - 1].isalnum()


def is_word_end(text: str, position: int) -> bool:
    return position >= len(text) or not text[position].isalnum()


def words_before(text: str, end: int, *, span: int = 120) -> list[tuple[int, int]]:
    """``(start, end)`` of the words and list punctuation before ``end``, nearest last."""
    start = max(0, end - span)
    cut = text.rfind("\n", start, end)
    if cut >= 0:
        start = cut + 1
    return [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]


def words_after(text: str, start: int, *, span: int = 160) -> list[tuple[int, int]]:
    """``(start, end)`` of the words and list punctuation after ``start``."""
    end = min(len(text), start + span)
    cut = text.find("\n", start, end)
    if cut >= 0:
        end = cut
    return [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]


#: Hash → word of every trigger word any component asked for.
_TRIGGER_WORDS: dict[int, str] = {}
_HASHES: dict[frozenset[str], frozenset[int]] = {}


def find_words(doc: Doc, words: frozenset[str]) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the tokens whose lower case is one of ``words``, in order.

    The doc's ``LOWER`` hashes are read once (one array call) and indexed for every
    trigger word of every component, instead of one text scan per word; ``words``
    must be single tokens in lower case.
    """
    hashes = _HASHES.get(words)
    if hashes is None:
        listed = [hash_string(word) for word in words]
        hashes = _HASHES[words] = frozenset(listed)
        _TRIGGER_WORDS.update(zip(listed, words, strict=True))
        doc.user_data.pop("kg_triggers", None)
    index = doc.user_data.get("kg_triggers")
    if index is None:
        index = {}
        values = doc.to_array(LOWER).tolist()
        # the positions of trigger words, found without a Python-level loop over tokens
        for position in compress(count(), map(_TRIGGER_WORDS.__contains__, values)):
            index.setdefault(values[position], []).append(position)
        doc.user_data["kg_triggers"] = index
    starts = token_starts(doc)
    # the doc holds a few dozen trigger words; a component asks for hundreds
    found = [
        (starts[position], starts[position] + len(_TRIGGER_WORDS[h]), _TRIGGER_WORDS[h])
        for h, positions in index.items()
        if h in hashes
        for position in positions
    ]
    found.sort()
    return found
