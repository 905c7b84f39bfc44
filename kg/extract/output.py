"""The per-paper record ``kg extract`` prints: one name per entity, as the gold files list them.

:meth:`Extraction.as_gold_record` names a linked entity by its concept's prefLabel.
Annotators write the name the paper uses, and a vocabulary groups synonyms under
one concept ("memory footprint" under *memory usage*, "deconvolution" under
*transposed convolution*). So a linked entity that the paper names with a
lower-case synonym — a different word, not a spelling, an acronym or a vendor
prefix — is listed under that synonym. The graph still links the concept.
"""

from __future__ import annotations

from kg.records import ENTITY_KINDS, Extraction, Mention, entity_key

#: Gold record field of each entity kind.
FIELDS = {
    "dataset": "datasets",
    "hardware": "hardware",
    "metric": "metrics",
    "method": "methods",
    "task": "tasks",
    "code": "code",
}


def display_name(mention: Mention) -> str:
    """The name to list for ``mention``: its label, or the synonym the paper wrote."""
    written = mention.text
    if (
        mention.concept is not None
        and written == written.lower()
        and entity_key(written).rstrip("s") != entity_key(mention.label).rstrip("s")
    ):
        return " ".join(written.split())
    return mention.label


def gold_record(extraction: Extraction) -> dict[str, object]:
    """``extraction`` in the shape of ``shared/eval/dev.jsonl``."""
    record = extraction.as_gold_record()
    names: dict[str, dict[str, str]] = {kind: {} for kind in ENTITY_KINDS}
    proposed: dict[str, str] = {}
    for mention in extraction.mentions:
        # one entity (concept or new name) → the name of its first mention
        identity = mention.concept or entity_key(mention.label)
        name = names[mention.kind].setdefault(identity, display_name(mention))
        if mention.proposed and mention.kind in ("method", "dataset"):
            proposed.setdefault(identity, name)
    for kind, field in FIELDS.items():
        record[field] = list(dict.fromkeys(names[kind].values()))
    record["proposed"] = list(dict.fromkeys(proposed.values()))
    return record
