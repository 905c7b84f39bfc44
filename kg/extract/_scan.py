"""Small helpers for fast scanning: keyword positions and word walks around them.

Python's ``re`` is quick when a pattern starts with a literal or a single character
class and slow on alternations, so components look their trigger words up with
``str.find`` and run anchored patterns on short windows around the hits only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from re import _parser as re_parser  # what a pattern can start with (as re parses it)

import numpy as np
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from kg.extract.spans import token_starts


def gated(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, led by a lookahead on the characters a match can
    start with, for patterns searched over long text.

    ``re`` skips quickly to where a pattern can start only when it opens with a literal
    or one character class; one that opens with ``\\b``, a lookbehind or an
    alternation of words is tried in full at every position. The lookahead turns most
    positions away at the cost of one test, and changes no match. Non-ASCII first
    characters are let through as one range. Patterns whose first characters are not
    known, or are too many to help, are compiled as they are.
    """
    chars = first_chars(re_parser.parse(pattern, flags))
    if not chars or (pattern.startswith("(?") and pattern[2:3].isalpha()):
        return re.compile(pattern, flags)  # (global inline flags must stay first)
    ascii_chars = sorted(char for char in chars if char.isascii())
    if len(ascii_chars) > 40:
        return re.compile(pattern, flags)
    allowed = "".join(re.escape(char) for char in ascii_chars)
    if len(ascii_chars) < len(chars):
        allowed += "\\x80-\\U0010ffff"
    return re.compile(f"(?=[{allowed}])(?:{pattern})", flags)


def first_chars(tree: re_parser.SubPattern) -> frozenset[str] | None:
    """The characters a match of ``tree`` can start with (lookarounds before it skipped,
    as they consume nothing); None where that is not known or the match can be empty."""
    for op, arg in tree.data:
        if op in (re_parser.ASSERT, re_parser.ASSERT_NOT, re_parser.AT):
            continue
        return chars_of(op, arg, first_chars)
    return None


def chars_of(op, arg, recurse: Callable) -> frozenset[str] | None:
    """The characters one item of a pattern can match at the end ``recurse`` looks at."""
    if op is re_parser.LITERAL:
        return frozenset(chr(arg))
    if op is re_parser.IN:
        chars: set[str] = set()
        for item, value in arg:
            if item is re_parser.LITERAL:
                chars.add(chr(value))
            elif item is re_parser.RANGE:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a category (\\w, \\d), a negated class
                return None
        return frozenset(chars)
    if op is re_parser.SUBPATTERN and not arg[1] and not arg[2]:  # no inline flags
        return recurse(arg[3])
    if op is re_parser.BRANCH:
        found = [recurse(branch) for branch in arg[1]]
        return None if None in found else frozenset().union(*found)
    if op in (re_parser.MAX_REPEAT, re_parser.MIN_REPEAT) and arg[0] >= 1:
        return recurse(arg[2])
    return None  # an anchor, a lookaround, anything else: not known


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


#: Hash → word of every trigger word any component asked for (keys as ``LOWER`` values).
_TRIGGER_WORDS: dict[int, str] = {}
_HASHES: dict[frozenset[str], frozenset[int]] = {}
#: Which values of a hash's low 16 bits some trigger word has: a 64 KB table that
#: stays in the CPU cache, so only the few tokens that pass it are looked up.
_LOW_BITS = np.uint64(0xFFFF)
_MAY_TRIGGER = np.zeros(int(_LOW_BITS) + 1, dtype=bool)


def trigger_words(words: Iterable[str]) -> frozenset[str]:
    """``words`` (single tokens, in lower case) as a set :func:`find_words` looks for.

    Components declare their trigger words with it at import, so that the
    vocabulary ruler's phrase matcher (:func:`registered_words`) finds them in the
    pass it makes over the tokens anyway; words first met by :func:`find_words` are
    registered there.
    """
    words = frozenset(words)
    if words not in _HASHES:
        listed = [get_string_id(word) for word in words]
        _HASHES[words] = frozenset(listed)
        _TRIGGER_WORDS.update(zip(listed, words, strict=True))
        _MAY_TRIGGER[np.array(listed, dtype=np.uint64) & _LOW_BITS] = True
    return words


def registered_words() -> dict[int, str]:
    """Every trigger word registered so far, by hash, in the order of registration."""
    return _TRIGGER_WORDS


def keep_trigger_index(doc: Doc, known: int, index: dict[int, list[int]]) -> None:
    """Leave ``{hash: [token position, ...]}`` of the doc's trigger words for
    :func:`find_words`, found for the first ``known`` registered words."""
    doc.user_data["kg_triggers"] = known, index


def find_words(doc: Doc, words: frozenset[str]) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the tokens whose lower case is one of ``words``, in order.

    The positions of every trigger word of every component are indexed once per doc,
    instead of one text scan per word: by the vocabulary ruler's matcher
    (:func:`keep_trigger_index`), or else here from the doc's ``LOWER`` hashes (one
    array call). ``words`` must be single tokens in lower case.
    """
    hashes = _HASHES.get(words)
    if hashes is None:
        hashes = _HASHES[trigger_words(words)]
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
