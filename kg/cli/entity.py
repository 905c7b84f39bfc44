"""``kg entity``: what the graph knows about one entity, and the evidence for it."""

from __future__ import annotations

import argparse

from kg.cli._common import add_store_arguments, store_from_args, write_output
from kg.query import api, render
from kg.query.resolve import KINDS, resolve_entity_any

NAME = "entity"
HELP = "Show one entity: class, labels, broader/narrower concepts, ids, papers, evidence."
EXAMPLES = """
  kg entity A100
  kg entity cifar10 --kind dataset --format json
  kg entity H100 --evidence            # every sentence that links a paper to it
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="a label, alias or IRI (case and punctuation ignored)")
    parser.add_argument("--kind", choices=tuple(KINDS), help="look only among this kind")
    parser.add_argument(
        "--evidence",
        action="store_true",
        help="print only the evidence: sentence, offsets and component of each link",
    )
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="papers/evidence shown")
    parser.add_argument("--format", choices=render.FORMATS, default="table")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    with store_from_args(args, read_only=True) as store:
        if args.evidence:
            node = resolve_entity_any(store, args.name, args.kind)[0]
            write_output(render.evidence(api.evidence(store, node, limit=args.limit), args.format))
            return 0
        info = api.entity(
            store, args.name, kind=args.kind, max_papers=args.limit, max_evidence=args.limit
        )
    write_output(render.entity(info, args.format))
    return 0
