"""``kg push``: copy the embedded graph into a named graph of a SPARQL 1.1 server."""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

from kg.errors import KGError
from kg.store import OxigraphStore, default_store_path
from kg.store.remote import BATCH_LINES, DEFAULT_GRAPH, RemoteStore

NAME = "push"
HELP = "Upload the graph to a SPARQL 1.1 server (INSERT DATA into GRAPH <IRI>, in batches)."
EXAMPLES = """
  kg push --store kg-store --endpoint http://localhost:8890/sparql-auth \\
          --graph https://w3id.org/kg-ml/graph --user dba --password dba
  kg push --endpoint http://localhost:3030/kg/update --graph urn:kg --replace
  kg papers --dataset cifar10 --endpoint http://localhost:8890/sparql --graph urn:kg
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", metavar="DIR", type=Path, help="embedded store to read")
    parser.add_argument("--endpoint", metavar="URL", required=True, help="SPARQL Update endpoint")
    parser.add_argument(
        "--graph",
        metavar="IRI",
        default=DEFAULT_GRAPH,
        help=f"named graph (default {DEFAULT_GRAPH})",
    )
    parser.add_argument("--user", metavar="U", help="user (digest or basic auth)")
    parser.add_argument("--password", metavar="P", help="password (or $KG_ENDPOINT_PASSWORD)")
    parser.add_argument(
        "--replace", action="store_true", help="clear the named graph before uploading"
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=BATCH_LINES,
        metavar="N",
        help=f"triples per INSERT DATA request (default {BATCH_LINES})",
    )


def run(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        raise KGError("--batch-size must be at least 1")
    remote = RemoteStore(
        args.endpoint,
        graph=args.graph,
        user=args.user,
        password=args.password or os.environ.get("KG_ENDPOINT_PASSWORD"),
        batch_lines=args.batch_size,
    )
    buffer = io.BytesIO()
    with OxigraphStore(args.store or default_store_path(), read_only=True) as store:
        store.export(buffer, format="ntriples")
    text = buffer.getvalue().decode("utf-8")
    if args.replace:
        remote.clear()
    requests = remote.insert(text)
    count = text.count("\n")
    print(
        f"pushed {count} triples to <{args.graph}> at {args.endpoint} in {requests} requests",
        file=sys.stderr,
    )
    return 0
