"""``kg_metric_phrases``: metric names built from parts: ``pass@k``, ``top-5 accuracy``."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.spans import Candidate, candidates

_PATTERNS = (
    re.compile(r"\b[Pp]ass@(?:\d+|k)\b"),
    re.compile(r"\b(?:[Tt]op|[Rr]ank)-?\d+ (?:accuracy|error(?: rate)?)\b"),
    re.compile(r"\b(?:[Rr]ecall|[Hh]its|[Pp]recision|NDCG|nDCG|MRR)@\d+\b"),
    re.compile(r"\bmAP@?\d+(?:[.:]\d+)*\b"),
    re.compile(r"\bF\d(?:[- ]score)?\b"),
)


@Language.factory("kg_metric_phrases", assigns=["doc._.kg_candidates"])
def make_metric_phrases(nlp: Language, name: str) -> MetricPhrases:
    return MetricPhrases(name)


class MetricPhrases:
    def __init__(self, name: str = "kg_metric_phrases") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found = candidates(doc)
        for pattern in _PATTERNS:
            for match in pattern.finditer(text):
                found.append(
                    Candidate(
                        "metric", match.start(), match.end(), match.group(0), self.name, priority=18
                    )
                )
        return doc
