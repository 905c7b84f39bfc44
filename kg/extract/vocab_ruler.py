"""``kg_vocab_ruler``: find every name the SKOS vocabulary lists.

Two :class:`~spacy.matcher.PhraseMatcher` s: one on ``LOWER`` for ordinary labels,
one on ``ORTH`` for labels that must keep their case (``kg:matchCase`` concepts and
labels written in capitals, so ``MATH`` and ``GPU`` are not found in "math" or
"gpu-friendly" prose). Each label also matches its spelling variants (hyphen, space
or nothing between parts) and its plural. Software concepts are matched too: they
win overlaps and are then dropped, so ``CUDA`` or ``FP8`` are never taken for
hardware or methods.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extract.spans import Candidate, candidates
from kg.vocab import Concept, Vocabulary

#: Tie-break priority of a vocabulary match of each kind over other matches of equal length.
PRIORITY = {"software": 30, "dataset": 20, "hardware": 20, "metric": 20, "task": 20, "method": 19}


def is_capitals(label: str) -> bool:
    """``GPU``, ``MMLU``, ``A100``: every letter a capital (then case must match)."""
    letters = [char for char in label if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def needs_case(label: str) -> bool:
    """Labels matched with their exact case: capitals (``GPU``) and short mixed case
    (``mAP``, ``MoE``), whose lower-case forms are often ordinary words ("map")."""
    if is_capitals(label):
        return True
    letters = [char for char in label if char.isalpha()]
    return len(letters) <= 5 and any(char.isupper() for char in label[1:])


_KIND_WORDS = frozenset(
    {
        "dataset",
        "datasets",
        "hardware",
        "metric",
        "metrics",
        "method",
        "methods",
        "task",
        "tasks",
        "software",
    }
)
_JOINT = re.compile(r"(?<=\d)[- ](?=[A-Za-z0-9])|(?<=[A-Za-z])[- ](?=\d)")


def label_variants(label: str) -> Iterator[str]:
    """The label, its hyphen/space variants and their plurals.

    Parts are run together only where a digit meets the joint (``CIFAR-10`` →
    ``CIFAR10``, ``RTX 3090`` → ``RTX3090``): "MultiPL-E" must not become "multiple".
    """
    forms = {label}
    if "-" in label:
        forms.add(label.replace("-", " "))
    if " " in label and len(label.split()) <= 3:
        forms.add(label.replace(" ", "-"))
    if _JOINT.search(label):
        forms.add(_JOINT.sub("", label))
    for form in sorted(forms):
        yield form
        if form[-1:].isalpha() and not form.endswith("s"):
            yield form + ("es" if form.endswith(("x", "ch", "sh")) else "s")
        if form.endswith("y") and len(form) > 3 and form[-2] not in "aeiou":
            yield form[:-1] + "ies"


@Language.factory(
    "kg_vocab_ruler",
    assigns=["doc._.kg_candidates"],
    requires=["doc._.kg_sentences"],
)
def make_vocab_ruler(nlp: Language, name: str) -> VocabularyRuler:
    return VocabularyRuler(nlp, name)


class VocabularyRuler:
    """Matches vocabulary labels; call :meth:`set_vocabulary` before use."""

    def __init__(self, nlp: Language, name: str = "kg_vocab_ruler") -> None:
        self.nlp = nlp
        self.name = name
        self.vocabulary = Vocabulary()
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        """Compile ``vocabulary`` into the two matchers (replacing what they held)."""
        self.vocabulary = vocabulary
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        lower: dict[str, set[str]] = {}
        exact: dict[str, set[str]] = {}
        for concept in vocabulary:
            if concept.key in _KIND_WORDS:
                continue  # a scheme's root ("hardware", "dataset") names no entity
            for label in concept.labels:
                case = concept.match_case or needs_case(label)
                table = exact if case else lower
                for form in label_variants(label):
                    table.setdefault(concept.iri, set()).add(form if case else form.lower())
        for table, matcher in ((lower, self.lower), (exact, self.exact)):
            texts = sorted({form for forms in table.values() for form in forms})
            docs = dict(zip(texts, self.nlp.tokenizer.pipe(texts), strict=True))
            for iri, forms in table.items():
                matcher.add(iri, [docs[form] for form in sorted(forms)])

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        concepts = self.vocabulary.concepts
        strings = self.nlp.vocab.strings
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                concept: Concept = concepts[strings[match_id]]
                char_start = doc[start].idx
                char_end = doc[end - 1].idx + len(doc[end - 1])
                found.append(
                    Candidate(
                        kind=concept.kind,
                        start=char_start,
                        end=char_end,
                        label=concept.label,
                        component=self.name,
                        concept=concept.iri,
                        priority=PRIORITY.get(concept.kind, 0),
                        needs_cue=concept.ambiguous,
                    )
                )
        return doc
