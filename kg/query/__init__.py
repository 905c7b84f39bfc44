"""Ready answers over the graph: a small Python API backed by named SPARQL queries.

The queries live in ``kg/query/queries/*.rq`` (package data); user input reaches
them only as bound RDF terms. See :mod:`kg.query.api` for the answers and
:mod:`kg.query.render` for their table, CSV and JSON forms.
"""

from __future__ import annotations

from kg.query.api import (
    EntityInfo,
    Evidence,
    PaperRow,
    RelatedPaper,
    SharedGroup,
    entity,
    evidence,
    labels_of,
    paper_count,
    papers,
    related,
    shared,
    why,
)
from kg.query.resolve import resolve_entities, resolve_paper
from kg.query.sparql import load, names, run
from kg.query.stats import GraphStats, graph_stats

__all__ = [
    "EntityInfo",
    "Evidence",
    "GraphStats",
    "PaperRow",
    "RelatedPaper",
    "SharedGroup",
    "entity",
    "evidence",
    "graph_stats",
    "labels_of",
    "load",
    "names",
    "paper_count",
    "papers",
    "related",
    "resolve_entities",
    "resolve_paper",
    "run",
    "shared",
    "why",
]
