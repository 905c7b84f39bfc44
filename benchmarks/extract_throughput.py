"""Extraction throughput: abstracts per second per core, on the seed listings repeated.

    python benchmarks/extract_throughput.py [LISTING ...] [--repeat N] [--rounds R]

Reads the listings once (``examples/data/*.txt`` or ``/work/shared/seeds/*.txt`` by
default), builds the extractor, then times :meth:`Extractor.extract` alone in one
process over the papers repeated N times; prints the best of R rounds, per CPU
second of this process (the rate of one core, whatever else the machine runs) and
per wall-clock second.
"""

from __future__ import annotations

import argparse
import glob
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.extract import Extractor  # noqa: E402
from kg.sources import dedupe, read_papers  # noqa: E402


def default_inputs() -> list[str]:
    for pattern in (str(REPO / "examples" / "data" / "*.txt"), "/work/shared/seeds/*.txt"):
        found = sorted(glob.glob(pattern))
        if found:
            return found
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", metavar="LISTING")
    parser.add_argument("--repeat", type=int, default=10, help="passes over the papers per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    inputs = args.inputs or default_inputs()
    if not inputs:
        parser.error("no listings found; name some")
    papers = list(dedupe(read_papers(inputs)))
    started = time.perf_counter()
    extractor = Extractor()
    startup = time.perf_counter() - started
    list(extractor.extract(papers))  # warm the tokenizer's cache as a long run would
    best = best_cpu = float("inf")
    count = 0
    for _ in range(args.rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        count = sum(1 for _ in extractor.extract(papers * args.repeat))
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    chars = sum(len(paper.text) for paper in papers) / max(1, len(papers))
    print(f"papers: {len(papers)} distinct, {count} per round, {chars:.0f} characters each")
    print(f"start-up: {startup:.2f} s (vocabulary and matchers)")
    # CPU time is what one core spends; wall time also counts other processes' turns
    print(f"throughput: {count / best_cpu:,.0f} abstracts/s/core (CPU time, best of {args.rounds})")
    print(f"wall clock: {count / best:,.0f} abstracts/s in this process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
