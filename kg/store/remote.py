"""A graph held by any SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, Oxigraph server).

Queries go through the SPARQL 1.1 Protocol with the named graph as
``default-graph-uri``; writes are SPARQL Update (``INSERT DATA`` into ``GRAPH
<IRI>``) in batches, since servers cap the size of one request. Only the standard
library is used: ``urllib`` with digest and basic authentication (Virtuoso's
``/sparql-auth`` wants digest).
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import QueryError, StoreError
from kg.namespaces import KG, PREFIXES
from kg.store.base import Bindings, QueryResult, Store, inline_bindings

#: The graph used when none is given (every SPARQL server has a default graph,
#: but writing there mixes our triples with whatever else it holds).
DEFAULT_GRAPH = "https://w3id.org/kg-ml/graph"
#: Lines of N-Triples per INSERT DATA request: Virtuoso refuses requests that compile
#: to over 10,000 lines of SQL (about 2,000 triples).
BATCH_LINES = 1000

_RESULTS_JSON = "application/sparql-results+json"
_RDF_TYPE = "<" + PREFIXES["rdf"] + "type>"
_PAPER = f"<{KG}Paper>"


def json_to_term(value: dict[str, str]) -> Node:
    """A term of W3C SPARQL JSON results (and Virtuoso's older ``typed-literal``)."""
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        if "datatype" in value:
            return Literal(text, datatype=URIRef(value["datatype"]))
        return Literal(text)
    raise StoreError(f"unexpected term in SPARQL results: {value!r}")


def parse_results_json(data: bytes) -> QueryResult:
    try:
        answer = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise QueryError(f"endpoint did not answer SPARQL JSON: {error}") from None
    if "boolean" in answer:
        return QueryResult(boolean=bool(answer["boolean"]))
    variables = list(answer.get("head", {}).get("vars", []))
    rows = [
        {name: json_to_term(term) for name, term in binding.items()}
        for binding in answer.get("results", {}).get("bindings", [])
    ]
    return QueryResult(variables=variables, rows=rows)


def ntriples_batches(ntriples: str, size: int = BATCH_LINES) -> Iterator[str]:
    """N-Triples text in batches of ``size`` lines; lines with blank nodes stay together."""
    plain: list[str] = []
    blank: list[str] = []
    for line in ntriples.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        (blank if "_:" in line else plain).append(line)
        if len(plain) >= size:
            yield "\n".join(plain) + "\n"
            plain = []
    if plain:
        yield "\n".join(plain) + "\n"
    if blank:  # a blank node is local to one request: keep its triples in one
        yield "\n".join(blank) + "\n"


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint; all reads and writes confined to one named graph."""

    name = "remote"

    def __init__(
        self,
        endpoint: str,
        *,
        graph: str | None = None,
        user: str | None = None,
        password: str | None = None,
        update_endpoint: str | None = None,
        timeout: float = 300.0,
        batch_lines: int = BATCH_LINES,
    ) -> None:
        if not endpoint.startswith(("http://", "https://")):
            raise StoreError(f"endpoint {endpoint!r} is not an http(s) URL")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.graph = graph or DEFAULT_GRAPH
        self.timeout = timeout
        self.batch_lines = batch_lines
        handlers: list[urllib.request.BaseHandler] = []
        if user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.endpoint, self.update_endpoint}:
                passwords.add_password(None, url, user, password or "")
            handlers += [
                urllib.request.HTTPDigestAuthHandler(passwords),
                urllib.request.HTTPBasicAuthHandler(passwords),
            ]
        self._opener = urllib.request.build_opener(*handlers)

    # -- protocol --------------------------------------------------------------------

    def _post(self, url: str, form: dict[str, str] | list[tuple[str, str]], accept: str) -> bytes:
        body = urllib.parse.urlencode(form).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": accept,
            },
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:500]
            if error.code in (401, 403):
                raise StoreError(
                    f"{url} refused access ({error.code}); give --user and --password "
                    "(Virtuoso: the dba user on /sparql-auth)"
                ) from None
            raise QueryError(f"{url} answered {error.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise StoreError(f"cannot reach {url}: {reason}") from None

    def update(self, sparql: str) -> None:
        """Run SPARQL Update on the endpoint."""
        self._post(self.update_endpoint, {"update": sparql}, "*/*")

    def _select(self, query: str, bindings: Bindings | None) -> QueryResult:
        text = inline_bindings(query, bindings)
        form = [("query", text), ("default-graph-uri", self.graph)]
        if _is_graph_query(text):
            data = self._post(self.endpoint, form, "application/n-triples, text/plain;q=0.9")
            graph = Graph()
            try:
                graph.parse(data=data.decode("utf-8"), format="nt")
            except Exception as error:  # rdflib raises several parser errors
                raise QueryError(f"endpoint answered unreadable N-Triples: {error}") from None
            return QueryResult(triples=list(graph))
        return parse_results_json(self._post(self.endpoint, form, _RESULTS_JSON))

    # -- Store -----------------------------------------------------------------------

    def replace(self, subjects_of: Iterable[str], ntriples: str) -> None:
        graph = f"<{self.graph}>"
        owners = sorted(set(subjects_of))
        for start in range(0, len(owners), 200):
            papers = " ".join(f"<{iri}>" for iri in owners[start : start + 200])
            self.update(
                f"WITH {graph} DELETE {{ ?node ?p ?o }} WHERE {{ VALUES ?paper {{ {papers} }} "
                f"?paper <{KG}hasMention>|<{KG}hasResult> ?node . ?node ?p ?o }} ;\n"
                f"WITH {graph} DELETE {{ ?paper ?p ?o }} WHERE {{ VALUES ?paper {{ {papers} }} "
                "?paper ?p ?o }"
            )
        self.insert(ntriples)

    def insert(self, ntriples: str) -> int:
        """Add N-Triples to the graph in batches; returns the number of requests sent."""
        sent = 0
        for batch in ntriples_batches(ntriples, self.batch_lines):
            self.update(f"INSERT DATA {{ GRAPH <{self.graph}> {{\n{batch}}} }}")
            sent += 1
        return sent

    def clear(self) -> None:
        """Drop every triple of the named graph."""
        self.update(f"CLEAR SILENT GRAPH <{self.graph}>")

    def existing(self, iris: Iterable[str]) -> set[str]:
        wanted = sorted(set(iris))
        found: set[str] = set()
        for start in range(0, len(wanted), 200):
            nodes = " ".join(URIRef(v).n3() for v in wanted[start : start + 200])
            result = self._select(
                f"SELECT DISTINCT ?s WHERE {{ VALUES ?s {{ {nodes} }} ?s {_RDF_TYPE} {_PAPER} }}",
                None,
            )
            found |= {str(row["s"]) for row in result}
        return found

    def cheap_to_count(self) -> bool:
        return False  # COUNT(*) on a shared endpoint scans everything it holds

    def __len__(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", None).rows
        return int(rows[0]["n"]) if rows else 0

    def export(self, destination: io.BufferedIOBase, *, format: str, page: int = 10_000) -> None:
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        offset = 0
        while True:
            # Paged by a stable order: servers cap the rows of one answer (and Virtuoso
            # the rows it sorts for one page: 10,000 by default). SELECT rather than
            # CONSTRUCT: Virtuoso's N-Triples output turns IRI-like literals into IRIs.
            result = self._select(
                "SELECT ?s ?p ?o WHERE { ?s ?p ?o } "
                f"ORDER BY ?s ?p ?o LIMIT {page} OFFSET {offset}",
                None,
            )
            for row in result.rows:
                graph.add((row["s"], row["p"], row["o"]))
            if len(result.rows) < page:
                break
            offset += page
        rdflib_format = {"turtle": "turtle", "ntriples": "nt", "json-ld": "json-ld"}[format]
        destination.write(graph.serialize(format=rdflib_format, encoding="utf-8"))


def _is_graph_query(text: str) -> bool:
    """Whether a query is CONSTRUCT or DESCRIBE (answered with triples, not rows)."""
    from kg.server.guard import query_form

    return query_form(text) in ("CONSTRUCT", "DESCRIBE")


__all__ = ["DEFAULT_GRAPH", "RemoteStore", "json_to_term", "ntriples_batches"]
