"""Interactive views of the graph: RDF → networkx view model → one HTML page.

>>> from kg.store import open_store
>>> from kg.views import GraphFilter, load_graph, overview, write  # doctest: +SKIP
>>> graph, report = load_graph(open_store(memory=True))
>>> len(graph)
0
"""

from __future__ import annotations

from kg.views.html import render, safe_url, script_json, write
from kg.views.model import DEFAULT_MAX_NODES, View, focus, overview, shared
from kg.views.network import (
    ENTITY_TYPES,
    NODE_TYPES,
    GraphFilter,
    LoadReport,
    ViewError,
    for_export,
    load_graph,
    type_counts,
)
from kg.views.resolve import Resolved, resolve

__all__ = [
    "DEFAULT_MAX_NODES",
    "ENTITY_TYPES",
    "NODE_TYPES",
    "GraphFilter",
    "LoadReport",
    "Resolved",
    "View",
    "ViewError",
    "focus",
    "for_export",
    "load_graph",
    "overview",
    "render",
    "resolve",
    "safe_url",
    "script_json",
    "shared",
    "type_counts",
    "write",
]
