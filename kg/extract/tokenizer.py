"""The blank English pipeline with the one tokenizer change the matchers need.

spaCy splits ``Depth-Adaptive`` at the hyphen but keeps ``CIFAR-10`` and
``Llama-2`` whole; we split every hyphen between letters or digits, so a name
and its spelling variants tokenise alike (``ResNet-50`` = ``ResNet`` ``-`` ``50``)
and a size suffix (``Llama-2-7B``) stays outside the model's name.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

_EXTRA_INFIXES = (r"(?<=[0-9A-Za-z])[-‐–](?=[0-9A-Za-z])",)


def blank_nlp() -> Language:
    """``spacy.blank("en")`` with hyphens split between any letters and digits."""
    nlp = spacy.blank("en")
    infixes = list(nlp.Defaults.infixes) + list(_EXTRA_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp
