"""The SKOS vocabularies of known entities, loaded into plain concept records.

>>> from kg.vocab import load_vocabulary
>>> vocabulary = load_vocabulary()  # doctest: +SKIP
>>> vocabulary.lookup("hardware", "NVIDIA A100 GPUs").label  # doctest: +SKIP
'A100'
"""

from __future__ import annotations

from kg.vocab.loader import load_vocabulary, ontology_dir, parse_file, vocab_dir
from kg.vocab.model import CONCEPT_KINDS, Concept, ConceptKind, Vocabulary, scorer_key

__all__ = [
    "CONCEPT_KINDS",
    "Concept",
    "ConceptKind",
    "Vocabulary",
    "load_vocabulary",
    "ontology_dir",
    "parse_file",
    "scorer_key",
    "vocab_dir",
]
