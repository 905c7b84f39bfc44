"""``kg build``: read inputs, extract, and write the graph into the store."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.cli._common import add_store_arguments, store_from_args
from kg.errors import InputError, KGError

NAME = "build"
HELP = "Build or update the graph from paper listings (Daily Papers dumps, JSONL, arXiv)."
EXAMPLES = """
  kg build examples/data/*.txt                 # into ./kg-store
  kg build papers.jsonl --store /data/kg       # incremental: run again with new files
  kg build arxiv-metadata-oai-snapshot.json --jobs 8
  kg build examples/data/*.txt --out graph.ttl # also write the graph as Turtle
  cat papers.jsonl | kg build -                # - reads standard input
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="input files (- for stdin)")
    add_store_arguments(parser, remote=False)
    parser.add_argument(
        "--out", metavar="FILE", type=Path, help="also export the graph (.ttl, .nt or .jsonld)"
    )
    parser.add_argument(
        "--strict", action="store_true", help="stop at the first bad record; write nothing"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="extraction processes (default: all cores)",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=512,
        metavar="N",
        help="papers per batch handed to a worker (default: 512; with --jobs above 1, two "
        "batches go into the store per bulk load); larger batches hold more in memory",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress or summary")


def export_format(path: Path) -> str:
    suffix = path.suffix.lower()
    formats = {".ttl": "turtle", ".nt": "ntriples", ".jsonld": "json-ld", ".json": "json-ld"}
    if suffix not in formats:
        raise InputError(str(path), None, "unknown export format; use .ttl, .nt or .jsonld")
    return formats[suffix]


def run(args: argparse.Namespace) -> int:
    from kg.build import build

    if args.batch_size < 1:
        raise KGError("--batch-size must be at least 1")
    fmt = export_format(args.out) if args.out else None

    def report_error(error: InputError) -> None:
        print(f"warning: {error}", file=sys.stderr)

    with store_from_args(args, read_only=False) as store:
        report = build(
            args.inputs,
            store,
            strict=args.strict,
            jobs=max(1, args.jobs),
            batch_size=args.batch_size,
            progress=None if not args.quiet else False,
            on_error=report_error,
        )
        if args.out:
            with args.out.open("wb") as handle:
                store.export(handle, format=fmt)
    if not args.quiet:
        if report.triples_after is not None and report.triples_before is not None:
            changed = report.triples_after - report.triples_before
            triples = f"{report.triples_after} triples ({changed:+d})"
        else:
            triples = "triples not counted (slow on this store: `kg stats` counts them)"
        print(
            f"{report.listings} listings read, {report.papers_written} papers written, "
            f"{report.skipped} skipped; {triples} in {report.seconds:.1f}s",
            file=sys.stderr,
        )
    if report.skipped:
        print(f"Error: {report.skipped} record(s) skipped; see warnings above", file=sys.stderr)
        return 1
    return 0
