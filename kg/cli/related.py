"""``kg related``: papers ranked by the IDF-weighted entities they share with one paper."""

from __future__ import annotations

import argparse

from kg.cli._common import add_store_arguments, store_from_args, write_output
from kg.query import api, render
from kg.query.resolve import KINDS

NAME = "related"
HELP = "Rank papers by what they share with PAPER (rare shared entities weigh more)."
EXAMPLES = """
  kg related 2401.00001
  kg related "Efficient Image Classifiers at Scale" --by dataset --by hardware
  kg related https://w3id.org/kg-ml/id/paper/arxiv-2401.00001 --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paper", help="the paper: an IRI, an arXiv or source id, a title, or the first words of one"
    )
    parser.add_argument(
        "--by",
        choices=tuple(KINDS),
        action="append",
        help="compare only these kinds (repeatable; default all)",
    )
    parser.add_argument("--limit", type=int, default=20, metavar="N", help="papers (default 20)")
    parser.add_argument("--format", choices=render.FORMATS, default="table")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    with store_from_args(args, read_only=True) as store:
        found = api.related(store, args.paper, by=args.by, limit=args.limit)
    write_output(render.related(found, args.format))
    return 0
