"""``kg why``: the evidence behind one paper → entity link."""

from __future__ import annotations

import argparse

from kg.cli._common import add_store_arguments, store_from_args, write_output
from kg.errors import NotFoundError
from kg.query import api, render
from kg.query.resolve import KINDS

NAME = "why"
HELP = "Say why the graph links PAPER to ENTITY: each sentence, its offsets and component."
EXAMPLES = """
  kg why 2401.00004 H100
  kg why "Efficient Image Classifiers at Scale" GPU     # evidence of the A100 link
  kg why 2401.00001 BreakHis --format json
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paper", help="the paper: an IRI, an arXiv or source id, a title, or the first words of one"
    )
    parser.add_argument("entity", help="an entity label, alias or IRI")
    parser.add_argument("--kind", choices=tuple(KINDS), help="look only among this kind")
    parser.add_argument("--format", choices=render.FORMATS, default="table")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    with store_from_args(args, read_only=True) as store:
        found = api.why(store, args.paper, args.entity, kind=args.kind)
    if not found:
        raise NotFoundError(
            f"the graph holds no evidence linking {args.paper!r} to {args.entity!r}"
        )
    write_output(render.evidence(found, args.format))
    return 0
