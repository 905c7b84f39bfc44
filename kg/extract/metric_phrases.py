"""``kg_metric_phrases``: metric names built from parts: ``pass@k``, ``top-5 accuracy``.

Each pattern has a literal gate, checked with ``in`` before the regex runs at all.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.spans import Candidate, candidates, text_of

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "@",
        re.compile(
            r"(?<![\w])(?:[Pp]ass|[Rr]ecall|[Hh]its|[Pp]recision|NDCG|nDCG|MRR|mAP)@(?:\d+|k)\b"
        ),
    ),
    ("op-", re.compile(r"(?<![\w])[Tt]op-(?:\d+|k) (?:accuracy|error(?: rate)?)\b")),
)


@Language.factory("kg_metric_phrases", assigns=["doc._.kg_candidates"])
def make_metric_phrases(nlp: Language, name: str) -> MetricPhrases:
    return MetricPhrases(name)


class MetricPhrases:
    def __init__(self, name: str = "kg_metric_phrases") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        for gate, pattern in _PATTERNS:
            if gate not in text:
                continue
            found = candidates(doc)
            for match in pattern.finditer(text):
                found.append(
                    Candidate(
                        "metric", match.start(), match.end(), match.group(0), self.name, priority=18
                    )
                )
        return doc
