"""``kg shared``: entities several papers have in common, largest groups first."""

from __future__ import annotations

import argparse

from kg.cli._common import add_store_arguments, store_from_args, write_output
from kg.query import api, render
from kg.query.resolve import KINDS

NAME = "shared"
HELP = "List datasets, hardware, methods, metrics or tasks shared by several papers."
EXAMPLES = """
  kg shared --by dataset
  kg shared --by hardware --min-papers 5 --format json
  kg shared --by method --limit 50 --papers-per-group 0 --format csv
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--by", choices=tuple(KINDS), default="dataset", help="entity kind")
    parser.add_argument(
        "--min-papers", type=int, default=2, metavar="N", help="smallest group (default 2)"
    )
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="groups (default 20)")
    parser.add_argument(
        "--papers-per-group",
        type=int,
        default=10,
        metavar="N",
        help="papers listed per group (default 10; 0 lists all)",
    )
    parser.add_argument("--format", choices=render.FORMATS, default="table")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    with store_from_args(args, read_only=True) as store:
        groups = api.shared(
            store,
            by=args.by,
            min_papers=args.min_papers,
            limit=args.limit or None,
            papers_per_group=args.papers_per_group or None,
        )
    write_output(render.shared(groups, args.format))
    return 0
