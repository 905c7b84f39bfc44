"""What every store backend offers, and the query result they all return.

Terms cross this boundary as rdflib terms (``URIRef``, ``Literal``, ``BNode``), so
the query layer and the views never see which backend answered.
"""

from __future__ import annotations

import csv
import io
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError
from kg.namespaces import KG, PREFIXES, sparql_prologue

Term = Node
Bindings = Mapping[str, Term]

#: Every link a paper can have to an entity (the materialised super-property).
MENTIONS = URIRef(KG + "mentionsEntity")


@dataclass
class QueryResult:
    """A SELECT (``variables`` + ``rows``), ASK (``boolean``) or CONSTRUCT (``triples``) answer."""

    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Term]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] | None = None

    def __iter__(self) -> Iterator[dict[str, Term]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self, variable: str) -> list[Term]:
        return [row[variable] for row in self.rows if variable in row]

    # -- serialisations -------------------------------------------------------------

    def to_json(self) -> str:
        """W3C SPARQL 1.1 Query Results JSON."""
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [
            {name: term_to_json(term) for name, term in row.items() if term is not None}
            for row in self.rows
        ]
        return json.dumps(
            {"head": {"vars": self.variables}, "results": {"bindings": bindings}},
            ensure_ascii=False,
        )

    def to_delimited(self, delimiter: str) -> str:
        """CSV (plain values, W3C SPARQL CSV) or TSV (N-Triples-encoded terms, W3C TSV)."""
        buffer = io.StringIO()
        if delimiter == ",":
            writer = csv.writer(buffer, lineterminator="\r\n")
            writer.writerow(self.variables)
            for row in self.rows:
                writer.writerow(
                    [str(row[v]) if row.get(v) is not None else "" for v in self.variables]
                )
        else:
            buffer.write("\t".join(f"?{v}" for v in self.variables) + "\n")
            for row in self.rows:
                cells = [row[v].n3() if row.get(v) is not None else "" for v in self.variables]
                buffer.write("\t".join(cell.replace("\t", "\\t") for cell in cells) + "\n")
        return buffer.getvalue()

    def to_table(self, *, width: int = 60) -> str:
        """A plain-text table for people, prefixed names shortened."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        header = self.variables
        body = [[shorten(row.get(v), width) for v in header] for row in self.rows]
        widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body
        ]
        lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
        return "\n".join(lines)


def term_to_json(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def shorten(term: Term | None, width: int = 60) -> str:
    """A term as a person reads it: ``kg:Paper`` rather than the full IRI."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for name, base in PREFIXES.items():
            if text.startswith(base) and len(text) > len(base):
                text = f"{name}:{text[len(base) :]}"
                break
    else:
        text = str(term)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class Store(ABC):
    """A place the graph lives: embedded Oxigraph, in-memory rdflib, or a remote endpoint."""

    #: Short name shown by ``kg stats`` and in benchmarks.
    name: str = "store"
    #: Whether one thread may write while another reads (a build then writes a
    #: batch while it reads and merges the next).
    concurrent_writes: bool = False

    @abstractmethod
    def replace(self, subjects_of: Iterable[str], ntriples: str) -> None:
        """In one transaction: drop what the given papers own, then add ``ntriples``.

        ``subjects_of`` are paper IRIs (without angle brackets) already in the store;
        their own triples and their mention and result nodes are removed first.
        """

    def cheap_to_count(self) -> bool:
        """Whether ``len(store)`` is quick enough for a build to report totals.

        Counting walks every triple on most backends: at millions of papers that
        would cost a daily update build minutes, twice.
        """
        return True

    def add_new(self, papers: list[str], ntriples: str) -> None:
        """Add the triples of papers the store does not hold yet.

        Backends may load these faster than :meth:`replace`, as long as a crash
        leaves nothing half-written once the store is next opened for writing.
        """
        self.replace([], ntriples)

    @abstractmethod
    def existing(self, iris: Iterable[str]) -> set[str]:
        """Which of these papers (IRIs) are in the store: typed ``kg:Paper``."""

    @abstractmethod
    def _select(self, query: str, bindings: Bindings | None) -> QueryResult:
        """Run a full SPARQL query (prologue included)."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of triples."""

    def query(self, sparql: str, *, bindings: Bindings | None = None) -> QueryResult:
        """Run SPARQL with the project prefixes pre-declared; ``bindings`` fix variables."""
        return self._select(sparql_prologue() + sparql, bindings)

    @abstractmethod
    def export(self, destination: io.BufferedIOBase, *, format: str) -> None:
        """Write the whole graph: ``turtle``, ``ntriples`` or ``json-ld``."""

    def close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release files and locks."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_WHERE_BRACE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def inline_bindings(query: str, bindings: Bindings | None) -> str:
    """Fix variables by a ``VALUES`` block opening the query's outer ``WHERE`` group.

    Each value is written as an escaped RDF term (``Node.n3()``), never spliced in
    as raw text, so user input cannot change the query's shape.
    """
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(term.n3() for term in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    match = _WHERE_BRACE.search(query)
    if match:
        return query[: match.end()] + block + query[match.end() :]
    brace = query.find("{")
    if brace < 0:
        raise QueryError("cannot bind variables: the query has no WHERE group")
    return query[: brace + 1] + block + query[brace + 1 :]


#: The SPARQL that removes what some papers own: their mention and result nodes,
#: then their own triples. Two operations of one request, so one transaction.
OWNED_BY = f"""
DELETE {{ ?node ?p ?o }}
WHERE {{ VALUES ?paper {{ %(papers)s }} ?paper <{KG}hasMention>|<{KG}hasResult> ?node . ?node ?p ?o }} ;
DELETE {{ ?paper ?p ?o }}
WHERE {{ VALUES ?paper {{ %(papers)s }} ?paper ?p ?o }}
"""
