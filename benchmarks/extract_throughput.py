"""Extraction throughput: abstracts per second per core, on text the extractor has not seen.

    python benchmarks/extract_throughput.py [LISTING ...] [--rounds R] [--warm N]

Each round runs five folds of the listings (``examples/data/*.txt`` or
``/work/shared/seeds/*.txt`` by default), each fold in a fresh process: it builds
the extractor, warms it up on N papers (the other folds, then generated abstracts
from ``corpus.py``) as a long build is by its first papers, then times
:meth:`Extractor.extract` over the fold's papers, each once, so none of their
words is already cached. Prints the best and the median of R rounds, per CPU
second of those processes (the rate of one core, whatever else the machine runs).
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics
import subprocess
import sys
import time
from itertools import chain
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from kg.extract import Extractor  # noqa: E402
from kg.records import Paper  # noqa: E402
from kg.sources import dedupe, read_papers  # noqa: E402

FOLDS = 5


def default_inputs() -> list[str]:
    for pattern in (str(REPO / "examples" / "data" / "*.txt"), "/work/shared/seeds/*.txt"):
        found = sorted(glob.glob(pattern))
        if found:
            return found
    return []


def one_fold(inputs: list[str], fold: int, warm: int) -> dict[str, float]:
    """Time the papers of ``fold`` (every fifth), after warming up on the others."""
    from corpus import generate

    papers = list(dedupe(read_papers(inputs)))
    timed = papers[fold::FOLDS]
    unseen = {paper.key for paper in timed}
    others = [paper for paper in papers if paper.key not in unseen]
    started = time.perf_counter()
    extractor = Extractor()
    startup = time.perf_counter() - started
    generated = (
        Paper(title=str(r["title"]), abstract=str(r["abstract"]))
        for r in generate(max(0, warm - len(others)))
    )
    for _ in extractor.extract(chain(others, generated)):
        pass
    started = time.process_time()
    count = sum(1 for _ in extractor.extract(timed))
    return {
        "papers": count,
        "seconds": time.process_time() - started,
        "chars": sum(len(paper.text) for paper in timed),
        "startup": startup,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", metavar="LISTING")
    parser.add_argument("--rounds", type=int, default=3, help="five-fold runs to time")
    parser.add_argument(
        "--warm", type=int, default=2048, help="papers run before timing (as WARM_PAPERS)"
    )
    parser.add_argument("--fold", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    inputs = args.inputs or default_inputs()
    if not inputs:
        parser.error("no listings found; name some")
    if args.fold is not None:
        print(json.dumps(one_fold(inputs, args.fold, args.warm)))
        return 0
    rates, folds = [], []
    for _ in range(args.rounds):
        folds = [
            json.loads(
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--fold",
                        str(fold),
                        "--warm",
                        str(args.warm),
                        *inputs,
                    ],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            for fold in range(FOLDS)
        ]
        rates.append(round(sum(f["papers"] for f in folds) / sum(f["seconds"] for f in folds)))
    papers = sum(f["papers"] for f in folds)
    print(f"papers: {papers}, {sum(f['chars'] for f in folds) / papers:.0f} characters each")
    print(f"start-up: {folds[0]['startup']:.2f} s (vocabulary and matchers)")
    print(f"warm-up: the other folds and generated abstracts, {args.warm} papers before timing")
    # CPU time is what one core spends, whatever else the machine runs
    print(
        f"throughput (each paper once, unseen): {max(rates):,} abstracts/s/core best, "
        f"{statistics.median(rates):,.0f} median (rounds: {', '.join(map(str, rates))})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
