"""The default store: embedded Oxigraph (RocksDB on disk, or in memory).

Each :meth:`OxigraphStore.replace` is one SPARQL Update, which Oxigraph applies
as a single transaction: a build killed at any moment leaves every batch either
fully in or fully out.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.namespaces import ID, KG
from kg.store.base import OWNED_BY, Bindings, QueryResult, Store, inline_bindings

_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
}
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_PAPER = ox.NamedNode(KG + "Paper")


def to_rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> Node | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"unsupported term in result: {term!r}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}: expected an IRI or a literal")


def _open_error(path: Path, error: OSError) -> StoreError:
    text = str(error)
    if "lock" in text.lower():
        return StoreLockedError(
            f"store {path} is in use by another process (a build or `kg serve`); "
            "wait for it to finish, or use another --store"
        )
    return StoreError(f"cannot open store {path}: {text}")


#: Largest store (data files on disk) whose triples a build counts: about 2
#: million triples, under a second to count.
COUNT_LIMIT_BYTES = 256 * 1024 * 1024

#: Journal of the papers a bulk load is writing (see :meth:`OxigraphStore.add_new`):
#: one triple per load, its object the papers' IRIs, one per line.
PENDING = ox.NamedNode(ID + "pending")
PENDING_PAPERS = ox.NamedNode(KG + "pendingPapers")
#: The journal as earlier versions wrote it: one triple per paper.
PENDING_PAPER = ox.NamedNode(KG + "pendingPaper")


class OxigraphStore(Store):
    """Oxigraph at ``path`` (created if missing), or in memory when ``path`` is None.

    Papers new to the store go in through Oxigraph's bulk loader, several times
    faster than a transaction; a journal makes that safe: the papers of a bulk
    load are noted first (one small transaction) and the note is cleared after.
    A process killed in between leaves the note, and the next writer removes
    those papers' partial triples before doing anything else, so a re-run of the
    build writes them whole. Papers already in the store are always replaced in
    one transaction, so an interrupted build never loses what was there.
    """

    name = "oxigraph"
    concurrent_writes = True  # RocksDB: readers see a consistent snapshot

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"no store at {self.path}; run `kg build` first")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as error:
            raise _open_error(self.path or Path("."), error) from None
        if not read_only:
            self.recover()

    def recover(self) -> list[str]:
        """Remove what an interrupted bulk load left half-written; return those papers."""
        pending = []
        for quad in self._store.quads_for_pattern(PENDING, None, None):
            if quad.predicate == PENDING_PAPERS:
                pending.extend(quad.object.value.split())
            elif quad.predicate == PENDING_PAPER:
                pending.append(quad.object.value)
        if pending:
            owners = " ".join(f"<{iri}>" for iri in pending)
            self._update(
                OWNED_BY % {"papers": owners} + f";\nDELETE WHERE {{ <{PENDING.value}> ?p ?o }}"
            )
        return pending

    def add_new(self, papers: list[str], ntriples: str) -> None:
        if not papers:
            self.replace([], ntriples)
            return
        # One triple, added and removed by its exact key: a triple per paper, cleared
        # by pattern, left tombstones that every later clearing scanned through.
        journal = ox.Quad(PENDING, PENDING_PAPERS, ox.Literal("\n".join(papers)))
        with self._writing("triples"):
            self._store.add(journal)
            # lenient: skip re-validating IRIs that kg.rdf.terms minted valid (~18% faster)
            self._store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)
            self._store.remove(journal)

    def _update(self, update: str) -> None:
        with self._writing("update"):
            self._store.update(update)

    @contextlib.contextmanager
    def _writing(self, what: str) -> Iterator[None]:
        """Store errors as :class:`StoreError`; ``what`` names the generated text parsed."""
        try:
            yield
        except SyntaxError as error:
            raise StoreError(f"internal error: generated {what} did not parse: {error}") from None
        except OSError as error:
            raise StoreError(f"cannot write store {self.path}: {error}") from None

    def replace(self, subjects_of: Iterable[str], ntriples: str) -> None:
        owners = " ".join(f"<{iri}>" for iri in subjects_of)
        update = (OWNED_BY % {"papers": owners} + ";\n") if owners else ""
        update += "INSERT DATA {\n" + ntriples + "}"
        self._update(update)

    def existing(self, iris: Iterable[str]) -> set[str]:
        # a point lookup of the one triple (a RocksDB get, bloom filters apply) is
        # 4-10x cheaper than opening a scan of the subject's types
        store = self._store
        return {
            value
            for value in iris
            if ox.Quad(ox.NamedNode(value), _RDF_TYPE, _PAPER, ox.DefaultGraph()) in store
        }

    def _select(self, query: str, bindings: Bindings | None) -> QueryResult:
        try:
            answer = self._store.query(inline_bindings(query, bindings))
        except SyntaxError as error:
            raise QueryError(f"SPARQL syntax error: {error}") from None
        except OSError as error:
            raise QueryError(f"query failed: {error}") from None
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            return QueryResult(
                triples=[
                    (to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                    for t in answer
                ]
            )
        variables = [v.value for v in answer.variables]
        rows = []
        for solution in answer:
            row = {}
            for name in variables:
                value = solution[name]
                if value is not None:
                    row[name] = to_rdflib(value)
            rows.append(row)
        return QueryResult(variables=variables, rows=rows)

    def cheap_to_count(self) -> bool:
        # counting walks the whole store: about 0.35 s per million triples, which
        # take ~140 MB on disk
        if self.path is None:
            return True
        size = 0
        for data in self.path.glob("*.sst"):
            with contextlib.suppress(FileNotFoundError):  # compactions remove files meanwhile
                size += data.stat().st_size
        return size < COUNT_LIMIT_BYTES

    def __len__(self) -> int:
        return len(self._store)

    def export(self, destination: io.BufferedIOBase, *, format: str) -> None:
        from kg.namespaces import PREFIXES

        fmt = _FORMATS[format]
        kwargs = {"prefixes": PREFIXES} if format == "turtle" else {}
        self._store.dump(destination, format=fmt, from_graph=ox.DefaultGraph(), **kwargs)

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None and self.path is not None and not self.read_only:
            store.flush()  # a read-only store has nothing to write (and refuses to flush)
        self._store = None
