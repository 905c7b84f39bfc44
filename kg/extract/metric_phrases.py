"""``kg_metric_phrases``: metric names built from parts: ``pass@k``, ``top-5 accuracy``,
``eff@k``, ``top-1 test accuracy``.

Each pattern has a literal gate, checked with ``in`` before the regex runs at all.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.spans import Candidate, Component, candidates, text_of

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "@",
        # "pass@k", "Recall@10", "pass@N", and a paper's own "eff@k", "maj@32" (not an
        # e-mail address: nothing but the rank follows the "@")
        re.compile(
            r"(?<![\w.@-])[A-Za-z][A-Za-z0-9]{0,15}@(?:\d+|[kKnN])\b(?![.@-]?\w)(?: accuracy\b)?"
        ),
    ),
    # "top-1 eval accuracy", "Top-5 test error": a qualifier between rank and measure
    (
        "op-",
        re.compile(
            r"(?<![\w])[Tt]op-(?:\d+|k) (?:(?:eval|evaluation|test|validation|val|"
            r"classification) )?(?:accuracy|error(?: rate)?)\b"
        ),
    ),
)
_QUALIFIER = re.compile(r" (?:eval|evaluation|test|validation|val|classification) ")


@Language.factory("kg_metric_phrases", assigns=["doc._.kg_candidates"])
def make_metric_phrases(nlp: Language, name: str) -> MetricPhrases:
    return MetricPhrases(name)


class MetricPhrases(Component):
    def __init__(self, name: str = "kg_metric_phrases") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        for gate, pattern in _PATTERNS:
            if gate not in text:
                continue
            found = candidates(doc)
            for match in pattern.finditer(text):
                # the qualifier of "top-1 eval accuracy" is not part of the measure's name
                label = _QUALIFIER.sub(" ", match.group(0)) if gate == "op-" else match.group(0)
                found.append(
                    Candidate("metric", match.start(), match.end(), label, self.name, priority=18)
                )
        return doc
