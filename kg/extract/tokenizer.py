"""The blank English pipeline the extractor runs on (no trained model, ever).

spaCy's default English tokenizer already splits the hyphens the matchers care about
("Llama-2" "-" "7B", "NDC" "-" "Scene") and keeps "CIFAR-10" whole on both the
pattern and the text side; any change to its infix rules costs a third of its
speed, so it is used as is.

Its lexemes carry one attribute, ``LOWER``: the components read the text with
regexes and match on ``LOWER`` hashes, and the other dozen lexical attributes
(shape, norm, ``like_num``, ...) cost a fifth of the tokenizer's time on text
full of words it has not seen before (numbers, new names), as real corpora are.
"""

from __future__ import annotations

import spacy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.util import compile_suffix_regex

#: A full stop after a digit and a capital ends the sentence: "on GSM8K." and "MI250X."
#: split as they do mid-sentence (the default rule splits it after lower case only).
_STOP_AFTER_MODEL = r"(?<=[0-9][A-Z])\."


def blank_nlp() -> Language:
    """``spacy.blank("en")``, with one extra suffix rule (:data:`_STOP_AFTER_MODEL`)
    and lexemes that carry ``LOWER`` only."""
    nlp = spacy.blank("en")
    nlp.vocab.lex_attr_getters = {LOWER: str.lower}
    suffixes = [*nlp.Defaults.suffixes, _STOP_AFTER_MODEL]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp
