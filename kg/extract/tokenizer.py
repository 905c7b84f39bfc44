"""The blank English pipeline the extractor runs on (no trained model, ever).

spaCy's default English tokenizer already splits the hyphens the matchers care about
("Llama-2" "-" "7B", "NDC" "-" "Scene") and keeps "CIFAR-10" whole on both the
pattern and the text side; any change to its infix rules costs a third of its
speed, so it is used as is.
"""

from __future__ import annotations

import spacy
from spacy.language import Language


def blank_nlp() -> Language:
    """``spacy.blank("en")``."""
    return spacy.blank("en")
