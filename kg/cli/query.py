"""``kg query``: run SPARQL against the graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli._common import add_store_arguments, store_from_args, write_output
from kg.errors import KGError
from kg.namespaces import PREFIXES
from kg.store import QueryResult

NAME = "query"
HELP = "Run a SPARQL query; prefixes " + " ".join(f"{p}:" for p in PREFIXES) + " are pre-declared."
EXAMPLES = """
  kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }'
  kg query -f examples/queries/papers_sharing_hardware.rq --format csv
  echo 'SELECT ?l WHERE { ?d a kg:Dataset ; rdfs:label ?l } LIMIT 5' | kg query -
  kg query 'SELECT * WHERE { ?s ?p ?o } LIMIT 3' --format json
"""

FORMATS = ("table", "csv", "tsv", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sparql", nargs="?", help="the query text, or - to read it from stdin")
    parser.add_argument("-f", "--file", type=Path, metavar="FILE", help="read the query from FILE")
    parser.add_argument("--format", choices=FORMATS, default="table")
    add_store_arguments(parser)


def render(result: QueryResult, fmt: str) -> str:
    if result.triples is not None:
        from rdflib import Graph

        graph = Graph()
        for name, namespace in PREFIXES.items():
            graph.bind(name, namespace)
        for triple in result.triples:
            graph.add(triple)
        return graph.serialize(format="turtle")
    if fmt == "json":
        return result.to_json()
    if fmt == "csv":
        return result.to_delimited(",")
    if fmt == "tsv":
        return result.to_delimited("\t")
    return result.to_table()


def run(args: argparse.Namespace) -> int:
    if args.file:
        try:
            text = args.file.read_text(encoding="utf-8")
        except OSError as error:
            raise KGError(f"{args.file}: cannot read: {error.strerror}") from None
    elif args.sparql == "-":
        text = sys.stdin.read()
    elif args.sparql:
        text = args.sparql
    else:
        raise KGError("give a query, -f FILE, or - to read stdin")
    with store_from_args(args, read_only=True) as store:
        write_output(render(store.query(text), args.format))
    return 0
