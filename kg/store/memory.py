"""An in-memory rdflib graph: the reference backend for tests and small jobs."""

from __future__ import annotations

import functools
import io
from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result

from kg.errors import QueryError
from kg.namespaces import KG, PREFIXES
from kg.store.base import Bindings, QueryResult, Store


@functools.lru_cache(maxsize=256)
def _prepared(query: str) -> Query:
    """Parse once: rdflib's SPARQL parser costs ~50 ms a query, evaluation often far less."""
    return prepareQuery(query)


_OWNED = (URIRef(KG + "hasMention"), URIRef(KG + "hasResult"))
_PAPER = URIRef(KG + "Paper")


class MemoryStore(Store):
    """rdflib's in-memory store; slower than Oxigraph, with no files."""

    name = "rdflib-memory"

    def __init__(self, graph: Graph | None = None) -> None:
        self.graph = graph if graph is not None else Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace, override=True)

    def replace(self, subjects_of: Iterable[str], ntriples: str) -> None:
        incoming = Graph()
        incoming.parse(data=ntriples, format="nt")  # parse first: a bad batch changes nothing
        for value in subjects_of:
            paper = URIRef(value)
            owned = [o for p in _OWNED for o in self.graph.objects(paper, p)]
            for node in [paper, *owned]:
                self.graph.remove((node, None, None))
        for triple in incoming:
            self.graph.add(triple)

    def existing(self, iris: Iterable[str]) -> set[str]:
        return {value for value in iris if (URIRef(value), RDF.type, _PAPER) in self.graph}

    def _select(self, query: str, bindings: Bindings | None) -> QueryResult:
        try:
            answer: Result = self.graph.query(_prepared(query), initBindings=dict(bindings or {}))
        except Exception as error:  # rdflib raises pyparsing and plain errors alike
            raise QueryError(f"SPARQL error: {error}") from None
        if answer.type == "ASK":
            return QueryResult(boolean=bool(answer.askAnswer))
        if answer.type in ("CONSTRUCT", "DESCRIBE"):
            return QueryResult(triples=list(answer.graph))
        variables = [str(v) for v in answer.vars]
        rows = [
            {name: row[i] for i, name in enumerate(variables) if row[i] is not None}
            for row in answer
        ]
        return QueryResult(variables=variables, rows=rows)

    def __len__(self) -> int:
        return len(self.graph)

    def export(self, destination: io.BufferedIOBase, *, format: str) -> None:
        rdflib_format = {"turtle": "turtle", "ntriples": "nt", "json-ld": "json-ld"}[format]
        destination.write(self.graph.serialize(format=rdflib_format, encoding="utf-8"))
