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

Its suffix rules are searched for in the last few characters of a word only, and
only those that can end with the word's last character (:func:`suffix_searcher`);
its prefix rules only where they can start with the word's first character
(:func:`prefix_searcher`); its infix rules only at the few characters an infix can
start with (:func:`infix_finder`); its URL pattern only on words with a dot
(:func:`url_matcher`). Each gives the same matches, several times faster, and
most words that miss the cache pass through all four.

Its lexemes carry one attribute, ``LOWER``: the components read the text with
regexes and match on ``LOWER`` hashes, and the other dozen lexical attributes
(shape, norm, ``like_num``, ...) cost a fifth of the tokenizer's time on text
full of words it has not seen before (numbers, new names), as real corpora are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from re import _parser as re_parser  # the width of a pattern (as re compiles it)

import spacy
from spacy.attrs import LOWER
from spacy.lang.tokenizer_exceptions import URL_MATCH
from spacy.language import Language
from spacy.util import compile_prefix_regex, compile_suffix_regex

from kg.extract._scan import chars_of, first_chars, gated

#: A full stop after a digit and a capital ends the sentence: "on GSM8K." and "MI250X."
#: split as they do mid-sentence (the default rule splits it after lower case only).
_STOP_AFTER_MODEL = r"(?<=[0-9][A-Z])\."


def _plain_word(word: str) -> bool:
    """What the tokenizer takes whole without trying its affix rules: ASCII letters, or
    ASCII letters and digits ending in a digit (string methods: a third of the time of
    the equivalent regex, and the tokenizer asks this of every word it has not cached,
    several times)."""
    return word.isascii() and (word.isalpha() or (word.isalnum() and word[-1].isdigit()))


def blank_nlp() -> Language:
    """``spacy.blank("en")``, with one extra suffix rule (:data:`_STOP_AFTER_MODEL`),
    plain words taken whole (:func:`_plain_word`) and lexemes that carry ``LOWER`` only."""
    nlp = spacy.blank("en")
    nlp.vocab.lex_attr_getters = {LOWER: str.lower}
    suffixes = [*nlp.Defaults.suffixes, _STOP_AFTER_MODEL]
    nlp.tokenizer.prefix_search = prefix_searcher(nlp.Defaults.prefixes)
    nlp.tokenizer.suffix_search = suffix_searcher(suffixes)
    nlp.tokenizer.infix_finditer = infix_finder(nlp.Defaults.infixes)
    nlp.tokenizer.url_match = url_matcher(nlp.Defaults.url_match)
    nlp.tokenizer.token_match = _plain_word
    nlp.tokenizer.max_cache_size = 100_000  # the chunks of the warm-up papers (spaCy: 10,000)
    return nlp


#: The rules whose matches have no length limit, and the characters they are made of.
_UNBOUNDED_SUFFIXES = {r"\.\.+": "."}


def suffix_searcher(suffixes: Sequence[str]) -> Callable[[str], re.Match | None]:
    """``compile_suffix_regex(suffixes).search``, with the same matches, faster.

    ``re`` tries every rule of a ``$``-anchored alternation at every position of
    a word (about 0.6 us a position with spaCy's 84 rules). Two things are known
    before searching:

    - the last character of a word is the last character of any match, so only
      the rules that can end with it are tried (a rule whose last character is
      not known, such as ``\\w``, is tried for every word);
    - a match is at most ``window`` characters long unless it is a run of full
      stops (:data:`_UNBOUNDED_SUFFIXES`), so the search starts at
      ``len(word) - window`` (``pos`` is not slicing: lookbehinds still see the
      characters before it), or at 0 when a full stop stands just before.

    Dropping rules that cannot match keeps the leftmost match and, at it, the
    first rule that matches: the same span as the full search.
    """
    pieces = [piece for piece in suffixes if piece.strip()]
    search = compile_suffix_regex(pieces).search
    parsed = {piece: re_parser.parse(piece) for piece in pieces}
    widths = {piece: tree.getwidth()[1] for piece, tree in parsed.items()}
    unbounded = {piece for piece, width in widths.items() if width >= re_parser.MAXREPEAT}
    if not unbounded <= _UNBOUNDED_SUFFIXES.keys():
        return search
    stops = "".join(_UNBOUNDED_SUFFIXES[piece] for piece in unbounded)
    window = max(width for piece, width in widths.items() if piece not in unbounded)
    trees = [parsed[piece] for piece in pieces]
    by_last, other = _rules_by_char(pieces, trees, _last_chars, compile_suffix_regex)

    def suffix_search(word: str) -> re.Match | None:
        if not word or word[-1] == "\n":  # ``$`` also matches before a final newline
            return search(word)
        rules = by_last.get(word[-1], other)
        if rules is None:
            return None
        start = len(word) - window
        if start <= 0 or word[start - 1] in stops:
            return rules(word)
        return rules(word, start)

    return suffix_search


def prefix_searcher(prefixes: Sequence[str]) -> Callable[[str], re.Match | None]:
    """``compile_prefix_regex(prefixes).search``, with the same matches, faster.

    Every rule is anchored at the word's start, yet ``re`` tries all of them (120
    in spaCy's English) at every position. Only the rules that can start with the
    word's first character can match, so only those are tried, at position 0.
    """
    pieces = [piece for piece in prefixes if piece.strip()]
    search = compile_prefix_regex(pieces).search
    trees = [re_parser.parse(piece) for piece in pieces]
    by_first, other = _rules_by_char(pieces, trees, first_chars, compile_prefix_regex)

    def prefix_search(word: str) -> re.Match | None:
        if not word:
            return search(word)
        rules = by_first.get(word[0], other)
        return rules(word) if rules is not None else None

    return prefix_search


def infix_finder(infixes: Sequence[str]) -> Callable[[str], Iterator[re.Match]]:
    """``compile_infix_regex(infixes).finditer``, with the same matches, faster.

    Most infix rules open with a lookbehind on a class of every letter of every
    script, which ``re`` tests one range at a time at every position of a word.
    An infix can only start with one of a few characters (a hyphen, a slash, a
    dot, ...), so :func:`~kg.extract._scan.gated` leads the rules with a lookahead
    on those characters, which turns most positions away at the cost of one test.
    """
    return gated("|".join(piece for piece in infixes if piece.strip())).finditer


def url_matcher(url_match: Callable[[str], re.Match | None] | None) -> Callable | None:
    """spaCy's URL pattern, skipped for words without a dot (most words that reach it).

    Both of its host forms, a dotted IP address and a dotted domain, hold a dot, so
    no word without one matches. Any other pattern is returned as it is.
    """
    if url_match is not URL_MATCH:
        return url_match

    def match_url(word: str) -> re.Match | None:
        return URL_MATCH(word) if "." in word else None

    return match_url


def _rules_by_char(
    pieces: list[str],
    trees: list[re_parser.SubPattern],
    chars_at: Callable[[re_parser.SubPattern], frozenset[str] | None],
    compile_rules: Callable[[list[str]], re.Pattern],
) -> tuple[dict[str, Callable[..., re.Match | None] | None], Callable[..., re.Match | None] | None]:
    """Search functions by character: the rules (``pieces``, parsed as ``trees``) that
    ``chars_at`` says can have it there (plus those it cannot tell), in the rules' own
    order; and one for other characters."""
    always: list[int] = []
    by_char: dict[str, list[int]] = {}
    for number, tree in enumerate(trees):  # (a rule may be listed twice)
        chars = chars_at(tree)
        if chars is None:
            always.append(number)
        else:
            for char in chars:
                by_char.setdefault(char, []).append(number)
    compiled: dict[tuple[int, ...], Callable[..., re.Match | None] | None] = {}

    def rules_for(numbers: list[int]) -> Callable[..., re.Match | None] | None:
        chosen = tuple(sorted({*numbers, *always}))  # in the rules' own order
        if chosen not in compiled:
            rules = [pieces[number] for number in chosen]
            compiled[chosen] = compile_rules(rules).search if rules else None
        return compiled[chosen]

    return {char: rules_for(numbers) for char, numbers in by_char.items()}, rules_for([])


def _last_chars(tree: re_parser.SubPattern) -> frozenset[str] | None:
    """The characters a match of ``tree`` can end with; None where that is not known."""
    if not tree.data:
        return None
    return chars_of(*tree.data[-1], _last_chars)
