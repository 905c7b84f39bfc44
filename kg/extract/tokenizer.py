"""The blank English pipeline the extractor runs on (no trained model, ever).

spaCy's default English tokenizer already splits the hyphens the matchers care about
("Llama-2" "-" "7B", "NDC" "-" "Scene") and keeps "CIFAR-10" whole on both the
pattern and the text side; any change to its infix rules costs a third of its
speed, so it is used as is.

A word of ASCII letters alone, or of letters and digits ending in a digit
("A100", "2024"), is one token whatever the affix rules say (none of them splits
such a word: units split only after a digit; special cases such as "cannot"
still apply), so the tokenizer takes it whole at once instead of trying prefix,
suffix, URL and infix regexes on it. That matters inside spaCy's memory zones,
where the tokenizer caches nothing: three times faster on text it has not seen
before, with the same tokens (checked on the seeds, the vocabulary labels and
100,000 generated words).

Its suffix rules are searched for in the last few characters of a word only: each
rule matches a fixed number of characters at most, except a run of full stops,
so a match can start no earlier (and where a full stop stands just before that
window, the whole word is searched as before). ``re`` tries a ``$``-anchored
alternation at every position of the word, so on a long word ("coordinates,",
a URL) this is several times faster, with the same matches.

Its lexemes carry one attribute, ``LOWER``: the components read the text with
regexes and match on ``LOWER`` hashes, and the other dozen lexical attributes
(shape, norm, ``like_num``, ...) cost a fifth of the tokenizer's time on text
full of words it has not seen before (numbers, new names), as real corpora are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from re import _parser as re_parser  # the width of a pattern (as re compiles it)

import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.util import compile_suffix_regex

#: A full stop after a digit and a capital ends the sentence: "on GSM8K." and "MI250X."
#: split as they do mid-sentence (the default rule splits it after lower case only).
_STOP_AFTER_MODEL = r"(?<=[0-9][A-Z])\."

#: What the tokenizer takes whole without trying its affix rules.
_PLAIN_WORD = re.compile(r"(?:[A-Za-z]+|[A-Za-z0-9]*[0-9])\Z")


def blank_nlp() -> Language:
    """``spacy.blank("en")``, with one extra suffix rule (:data:`_STOP_AFTER_MODEL`),
    plain words taken whole (:data:`_PLAIN_WORD`) and lexemes that carry ``LOWER`` only."""
    nlp = spacy.blank("en")
    nlp.vocab.lex_attr_getters = {LOWER: str.lower}
    suffixes = [*nlp.Defaults.suffixes, _STOP_AFTER_MODEL]
    nlp.tokenizer.suffix_search = windowed_suffix_search(suffixes)
    nlp.tokenizer.token_match = _PLAIN_WORD.match
    nlp.tokenizer.max_cache_size = 100_000  # the chunks of the warm-up papers (spaCy: 10,000)
    return nlp


#: The rules whose matches have no length limit, and the characters they are made of.
_UNBOUNDED_SUFFIXES = {r"\.\.+": "."}


def windowed_suffix_search(suffixes: Sequence[str]) -> Callable[[str], re.Match | None]:
    """``compile_suffix_regex(suffixes).search`` that looks at the end of a word only.

    A match is at most ``window`` characters long unless it is a run of full stops
    (:data:`_UNBOUNDED_SUFFIXES`), so searching from ``len(word) - window`` finds
    the leftmost match a search of the whole word finds (``pos`` is not slicing:
    lookbehinds still see the characters before it), unless a full stop stands
    just before the window, when the whole word is searched. Rules of any other
    unbounded shape keep the plain search.
    """
    search = compile_suffix_regex(suffixes).search
    widths = {piece: re_parser.parse(piece).getwidth()[1] for piece in suffixes if piece}
    unbounded = {piece for piece, width in widths.items() if width >= re_parser.MAXREPEAT}
    if not unbounded <= _UNBOUNDED_SUFFIXES.keys():
        return search
    stops = "".join(_UNBOUNDED_SUFFIXES[piece] for piece in unbounded)
    # +1: ``$`` also matches before a final newline
    window = max(width for piece, width in widths.items() if piece not in unbounded) + 1

    def suffix_search(word: str) -> re.Match | None:
        start = len(word) - window
        if start <= 0 or word[start - 1] in stops:
            return search(word)
        return search(word, start)

    return suffix_search
