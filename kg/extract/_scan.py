"""Small helpers for fast scanning: keyword positions and word walks around them.

Python's ``re`` is quick when a pattern starts with a literal or a single character
class and slow on alternations, so components look their trigger words up with
``str.find`` and run anchored patterns on short windows around the hits only.
"""

from __future__ import annotations

import re

import numpy as np
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
#: Which values of a hash's low 16 bits some trigger word has: a 64 KB table that
#: stays in the CPU cache, so only the few tokens that pass it are looked up.
_LOW_BITS = np.uint64(0xFFFF)
_MAY_TRIGGER = np.zeros(int(_LOW_BITS) + 1, dtype=bool)


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
        _MAY_TRIGGER[np.array(listed, dtype=np.uint64) & _LOW_BITS] = True
    known, index = doc.user_data.get("kg_triggers") or (0, None)
    if known != len(_TRIGGER_WORDS):  # none yet, or built before a component added words
        index = {}
        values = doc.to_array(LOWER)
        # the positions of trigger words, found without a Python-level loop over tokens
        passed = np.flatnonzero(_MAY_TRIGGER[(values & _LOW_BITS).astype(np.intp)])
        for position, value in zip(passed.tolist(), values[passed].tolist(), strict=True):
            if value in _TRIGGER_WORDS:
                index.setdefault(value, []).append(position)
        doc.user_data["kg_triggers"] = len(_TRIGGER_WORDS), index
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
