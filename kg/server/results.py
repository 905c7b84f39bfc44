"""Run one query on an Oxigraph store and serialise its answer, capped at ``max_rows``.

Formats follow the SPARQL 1.1 Protocol: results as JSON, XML, CSV or TSV; graphs
(CONSTRUCT, DESCRIBE) as Turtle or N-Triples. A capped answer says so: JSON gets
``"truncated": true`` and XML a ``<link href="urn:kg:truncated"/>`` in its head;
the HTTP layer adds an ``X-KG-Truncated`` header to every format.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.namespaces import PREFIXES, sparql_prologue
from kg.server.pool import Answer
from kg.store.base import QueryResult
from kg.store.oxigraph import to_rdflib

#: Result formats by short name: (content type, serialiser kind).
SELECT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
GRAPH_TYPES = {
    "turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}


def open_read_only(path: str) -> ox.Store:
    return ox.Store.read_only(path)


def _error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def to_xml(result: QueryResult, truncated: bool) -> str:
    """W3C SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>")
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    if truncated:
        out.append('<link href="urn:kg:truncated"/>')
    out.append("</head>")
    if result.boolean is not None:
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            for name, term in row.items():
                kind = type(term).__name__
                value = escape(str(term))
                if kind == "URIRef":
                    cell = f"<uri>{value}</uri>"
                elif kind == "BNode":
                    cell = f"<bnode>{value}</bnode>"
                elif getattr(term, "language", None):
                    cell = f"<literal xml:lang={quoteattr(term.language)}>{value}</literal>"
                elif getattr(term, "datatype", None):
                    cell = f"<literal datatype={quoteattr(str(term.datatype))}>{value}</literal>"
                else:
                    cell = f"<literal>{value}</literal>"
                out.append(f"<binding name={quoteattr(name)}>{cell}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def execute(store: ox.Store, query: str, form: str, fmt: str, max_rows: int) -> Answer:
    """Run ``query`` (prefixes pre-declared) and serialise at most ``max_rows`` rows."""
    try:
        answer = store.query(sparql_prologue() + query)
    except SyntaxError as error:
        return _error(400, f"SPARQL syntax error: {error}")
    except Exception as error:  # Oxigraph raises OSError and others for evaluation failures
        return _error(500, f"query failed: {error}")
    try:
        if isinstance(answer, ox.QueryBoolean):
            result = QueryResult(boolean=bool(answer))
            return _select_answer(result, fmt if fmt in SELECT_TYPES else "json", False)
        if isinstance(answer, ox.QueryTriples):
            triples = []
            for triple in answer:
                if len(triples) >= max_rows:
                    return _graph_answer(triples, fmt, truncated=True)
                triples.append(triple)
            return _graph_answer(triples, fmt, truncated=False)
        variables = [v.value for v in answer.variables]
        rows = []
        truncated = False
        for solution in answer:
            if len(rows) >= max_rows:
                truncated = True
                break
            rows.append(
                {
                    name: to_rdflib(solution[name])
                    for name in variables
                    if solution[name] is not None
                }
            )
        result = QueryResult(variables=variables, rows=rows)
        return _select_answer(result, fmt if fmt in SELECT_TYPES else "json", truncated)
    except Exception as error:  # evaluation errors surface while iterating
        return _error(500, f"query failed: {error}")


def _select_answer(result: QueryResult, fmt: str, truncated: bool) -> Answer:
    if fmt == "json":
        payload = json.loads(result.to_json())
        if truncated:
            payload["truncated"] = True
        body = json.dumps(payload, ensure_ascii=False)
    elif fmt == "xml":
        body = to_xml(result, truncated)
    elif result.boolean is not None:
        body = "true\n" if result.boolean else "false\n"
    else:
        body = result.to_delimited("," if fmt == "csv" else "\t")
    return Answer(200, SELECT_TYPES[fmt], body.encode("utf-8"), len(result.rows), truncated)


def _graph_answer(triples: list, fmt: str, *, truncated: bool) -> Answer:
    content_type, rdf_format = GRAPH_TYPES.get(fmt, GRAPH_TYPES["turtle"])
    kwargs = {"prefixes": PREFIXES} if rdf_format == ox.RdfFormat.TURTLE else {}
    body = ox.serialize(triples, format=rdf_format, **kwargs) or b""
    return Answer(200, content_type, body, len(triples), truncated)


__all__ = ["GRAPH_TYPES", "SELECT_TYPES", "execute", "open_read_only", "to_xml"]
