"""``kg export``: the graph as GraphML or GEXF, for Gephi, Cytoscape or networkx."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli._common import add_store_arguments
from kg.cli.view import add_filter_arguments, load_filtered
from kg.errors import KGError

NAME = "export"
HELP = "Export papers, entities and their links as GraphML or GEXF (for Gephi)."
EXAMPLES = """
  kg export --format graphml -o graph.graphml
  kg export --format gexf --types dataset,method --min-papers 2 -o graph.gexf
  kg export --format graphml -o - | gzip > graph.graphml.gz
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("graphml", "gexf"), required=True)
    parser.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="file to write, or - for stdout"
    )
    add_filter_arguments(parser)
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import networkx as nx

    from kg.views import for_export

    graph, _report = load_filtered(args)
    flat = for_export(graph)
    writer = nx.write_graphml if args.format == "graphml" else nx.write_gexf
    try:
        if args.output == "-":
            writer(flat, sys.stdout.buffer)
            sys.stdout.flush()
        else:
            writer(flat, Path(args.output))
    except OSError as error:
        raise KGError(f"cannot write {args.output}: {error.strerror or error}") from error
    if args.output != "-":
        print(
            f"Wrote {args.output}: {len(flat)} nodes, {flat.number_of_edges()} links",
            file=sys.stderr,
        )
    return 0
