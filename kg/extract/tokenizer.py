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

Its lexemes carry one attribute, ``LOWER``: the components read the text with
regexes and match on ``LOWER`` hashes, and the other dozen lexical attributes
(shape, norm, ``like_num``, ...) cost a fifth of the tokenizer's time on text
full of words it has not seen before (numbers, new names), as real corpora are.
"""

from __future__ import annotations

import re

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
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    nlp.tokenizer.token_match = _PLAIN_WORD.match
    nlp.tokenizer.max_cache_size = 100_000  # the chunks of the warm-up papers (spaCy: 10,000)
    return nlp
