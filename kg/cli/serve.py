"""``kg serve``: a read-only SPARQL endpoint and query page over the embedded store."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.store import default_store_path

NAME = "serve"
HELP = "Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql, with a query page at /."
EXAMPLES = """
  kg serve --store kg-store --port 8000
  kg serve --views site/ --timeout 10 --max-rows 5000
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' \\
       http://127.0.0.1:8000/sparql
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store", metavar="DIR", type=Path, help="embedded store folder (default: $KG_STORE)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks one)")
    parser.add_argument("--views", metavar="DIR", type=Path, help="folder of `kg view` HTML files")
    parser.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="query time limit (default 30 s)"
    )
    parser.add_argument(
        "--max-rows", type=int, default=10_000, metavar="N", help="rows per answer (default 10000)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=max(2, min(4, os.cpu_count() or 2)),
        metavar="N",
        help="query processes (default: CPUs, 2 to 4)",
    )


def run(args: argparse.Namespace) -> int:
    from kg.server import make_server

    server = make_server(
        args.store or default_store_path(),
        host=args.host,
        port=args.port,
        workers=args.workers,
        timeout=args.timeout,
        max_rows=args.max_rows,
        views=args.views,
    )
    print(f"kg serve: {server.url}/sparql (Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
