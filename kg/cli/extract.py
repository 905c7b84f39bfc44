"""``kg extract``: run the extractor over paper listings and print what it finds."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict

from kg.errors import InputError
from kg.records import Extraction

NAME = "extract"
HELP = "Extract datasets, hardware, metrics, methods, tasks and code links from paper listings."
EXAMPLES = """
  kg extract examples/data/*.txt                      # one JSON object per distinct paper
  kg extract papers.jsonl --jobs 4 > predictions.jsonl
  kg extract papers.jsonl --format full               # with mentions, evidence and results
  cat listing.txt | kg extract -                      # - reads standard input
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="input files (- for stdin)")
    parser.add_argument(
        "--format",
        choices=("jsonl", "full"),
        default="jsonl",
        help="jsonl: the gold record shape (default); full: every mention and result with evidence",
    )
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="extraction processes")
    parser.add_argument("--batch-size", type=int, default=256, metavar="N", help=argparse.SUPPRESS)
    parser.add_argument(
        "--strict", action="store_true", help="stop at the first bad record instead of skipping it"
    )
    parser.add_argument(
        "--vocab", metavar="DIR", help="vocabulary folder (default: the ontology's vocab/)"
    )


def extractions(args: argparse.Namespace) -> Iterator[Extraction]:
    """The extractions of the command's inputs: read, merged, extracted in order."""
    from pathlib import Path

    from kg.extract import Extractor
    from kg.sources import dedupe, read_papers
    from kg.vocab import load_vocabulary

    def report(error: InputError) -> None:
        print(f"warning: {error}", file=sys.stderr)

    vocabulary = load_vocabulary(Path(args.vocab)) if args.vocab else None
    extractor = Extractor(vocabulary)
    papers = dedupe(read_papers(args.inputs, strict=args.strict, on_error=report))
    yield from extractor.extract(
        papers, n_process=max(1, args.jobs), batch_size=max(1, args.batch_size)
    )


def full_record(extraction: Extraction) -> dict[str, object]:
    from kg.extract.output import gold_record

    record = gold_record(extraction)
    record["mentions"] = [asdict(mention) for mention in extraction.mentions]
    record["results"] = [asdict(result) for result in extraction.results]
    return record


def run(args: argparse.Namespace) -> int:
    from kg.extract.output import gold_record

    write = sys.stdout.write
    for extraction in extractions(args):
        record = gold_record(extraction) if args.format == "jsonl" else full_record(extraction)
        write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0
