"""``kg view``: write an interactive HTML view of the graph (works offline)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli._common import add_store_arguments, store_from_args

NAME = "view"
HELP = "Write an interactive, self-contained HTML view: overview, a focus, or shared entities."
EXAMPLES = """
  kg view -o graph.html                          # the most connected papers and entities
  kg view --focus "ImageNet" --depth 2 -o imagenet.html
  kg view --focus 2401.01234 -o paper.html       # a paper by arXiv id, id, title or IRI
  kg view --focus ByteScale -o bytescale.html    # or by the first words of its title
  kg view --shared dataset -o datasets.html      # papers joined by the datasets they share
  kg view --types method,dataset --min-papers 2 --since 2024-01 -o recent.html
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE.html", type=Path, required=True)
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--focus",
        metavar="NAME",
        help="a paper (id, arXiv id, title or its first words, IRI) or entity (label, alias)",
    )
    which.add_argument(
        "--shared",
        metavar="TYPE",
        choices=("dataset", "hardware", "method", "metric", "task", "code"),
        help="papers joined through what they share: dataset|hardware|method|metric|task|code",
    )
    parser.add_argument(
        "--depth", type=int, default=2, metavar="N", help="hops around --focus (default 2)"
    )
    add_filter_arguments(parser)
    parser.add_argument(
        "--max-nodes",
        type=int,
        default=None,
        metavar="N",
        help="draw at most N nodes, the most important first (default 500)",
    )
    parser.add_argument("--title", help="page heading (default: the view's name)")
    add_store_arguments(parser)


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """Options that choose what is read from the store (shared with ``kg export``)."""
    group = parser.add_argument_group("filters")
    group.add_argument(
        "--types",
        metavar="T,T",
        help="entity types to draw: dataset,hardware,method,metric,task,code (papers always)",
    )
    group.add_argument(
        "--min-papers",
        type=int,
        default=1,
        metavar="N",
        help="drop entities named by fewer than N papers",
    )
    group.add_argument("--since", metavar="DATE", help="papers on or after YYYY[-MM[-DD]]")
    group.add_argument("--until", metavar="DATE", help="papers on or before YYYY[-MM[-DD]]")


def load_filtered(args: argparse.Namespace):
    """The networkx graph the filters describe, and the load report."""
    from kg.views import GraphFilter, load_graph

    chosen = GraphFilter.parse(
        types=args.types, since=args.since, until=args.until, min_papers=args.min_papers
    )
    with store_from_args(args, read_only=True) as store:
        return load_graph(store, chosen)


def run(args: argparse.Namespace) -> int:
    from kg.views import DEFAULT_MAX_NODES, focus, overview, shared, write

    graph, report = load_filtered(args)
    max_nodes = args.max_nodes if args.max_nodes is not None else DEFAULT_MAX_NODES
    if args.focus:
        view = focus(graph, args.focus, depth=args.depth, max_nodes=max_nodes, report=report)
    elif args.shared:
        view = shared(
            graph, args.shared, min_papers=args.min_papers, max_nodes=max_nodes, report=report
        )
    else:
        view = overview(graph, max_nodes=max_nodes, report=report)
    written = write(view, args.output, heading=args.title)
    print(
        f"Wrote {written}: {len(view.graph)} nodes, {view.graph.number_of_edges()} links"
        + (f" ({sum(view.left_out.values())} left out by --max-nodes)" if view.left_out else ""),
        file=sys.stderr,
    )
    return 0
