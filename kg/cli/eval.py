"""``kg eval``: score the extractor (or a prediction file) against a gold file."""

from __future__ import annotations

import argparse
import json

from kg.cli._common import write_output

NAME = "eval"
HELP = "Score extraction against a gold JSONL file: micro precision, recall and F1 per type."
EXAMPLES = """
  kg eval gold.jsonl examples/data/*.txt              # extract the listings, then score
  kg eval gold.jsonl examples/data/*.txt --show-errors 20
  kg eval gold.jsonl --predictions pred.jsonl --json  # score a prediction file as it is
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", metavar="GOLD", help="gold records, one JSON object per paper")
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="paper listings to extract")
    parser.add_argument(
        "--predictions", metavar="FILE", help="score these records instead of extracting INPUTs"
    )
    parser.add_argument(
        "--show-errors", type=int, default=0, metavar="N", help="list N papers' errors"
    )
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="extraction processes")
    parser.add_argument("--batch-size", type=int, default=256, metavar="N", help=argparse.SUPPRESS)
    parser.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--vocab", metavar="DIR", help="vocabulary folder")


def run(args: argparse.Namespace) -> int:
    from kg.errors import KGError
    from kg.extract.scoring import load_records, score

    gold = load_records(args.gold)
    if args.predictions:
        predictions = load_records(args.predictions)
    elif args.inputs:
        from kg.cli.extract import extractions
        from kg.extract.output import gold_record

        predictions = [gold_record(extraction) for extraction in extractions(args)]
    else:
        raise KGError("give paper listings to extract, or --predictions FILE")
    result = score(gold, predictions)
    if args.json:
        write_output(json.dumps(result.as_dict()))
        return 0
    lines = [result.table()]
    for row in result.errors[: args.show_errors]:
        lines.append(f"- {row.title} [{row.kind}] wrong={row.wrong} missed={row.missed}")
    write_output("\n".join(lines))
    return 0
