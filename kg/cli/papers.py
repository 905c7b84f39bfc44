"""``kg papers``: papers matching every filter, narrower concepts included."""

from __future__ import annotations

import argparse
import sys

from kg.cli._common import add_store_arguments, store_from_args, write_output
from kg.query import api, render

NAME = "papers"
HELP = "List papers that use all the given datasets, hardware, methods, metrics and tasks."
EXAMPLES = """
  kg papers --dataset cifar10
  kg papers --hardware GPU --task "image classification" --format json
  kg papers --method LoRA --dataset MMLU --format csv
  kg papers --hardware A100 --endpoint http://localhost:8890/sparql --graph https://w3id.org/kg-ml/graph
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for kind in api.FILTER_KINDS:
        parser.add_argument(
            f"--{kind}",
            metavar="NAME",
            help=f"a {kind} label or alias (case and punctuation ignored; narrower concepts count)",
        )
    parser.add_argument(
        "--limit",
        type=int,
        default=100,
        metavar="N",
        help="print at most N papers (default 100; 0 prints all)",
    )
    parser.add_argument("--format", choices=render.FORMATS, default="table")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    filters = {kind: getattr(args, kind) for kind in api.FILTER_KINDS}
    with store_from_args(args, read_only=True) as store:
        found = api.papers(store, limit=args.limit or None, **filters)
    write_output(render.papers(found, args.format))
    if not found.complete:
        print(f"showing the first {len(found)} papers; --limit 0 prints all", file=sys.stderr)
    return 0
