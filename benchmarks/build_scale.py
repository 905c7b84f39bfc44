"""Build and query at scale: one command, a table of figures.

For each corpus size N it generates N distinct synthetic papers
(:mod:`benchmarks.corpus`), then measures

- extraction alone, in this process, on one core (papers/s);
- the whole build into the embedded Oxigraph store, as ``kg build --jobs J`` in a
  subprocess (papers/s, peak memory of the build's whole process tree as PSS,
  store size on disk);
- the latency of ``kg papers``, ``kg shared``, ``kg related`` and a SPARQL
  aggregate on the result (median of several runs after a warm-up);

and the same build and queries on Oxigraph and on the in-memory rdflib store
side by side (``--compare N``), as ratios, to show why Oxigraph is the default.

    python benchmarks/build_scale.py                      # N = 10,000 and 100,000
    python benchmarks/build_scale.py --sizes 1000000      # where time allows
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from corpus import generate

from kg.query import api
from kg.store import MemoryStore, OxigraphStore, Store

AGGREGATE = """
SELECT ?dataset (COUNT(DISTINCT ?paper) AS ?papers)
WHERE { ?paper kg:usesDataset|kg:introducesDataset ?dataset }
GROUP BY ?dataset ORDER BY DESC(?papers) LIMIT 10
"""


def write_corpus(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in generate(count):
            handle.write(json.dumps(record) + "\n")


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                queue += [int(child) for child in task.read_text().split()]
    return pids


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def run_measured(argv: list[str]) -> tuple[float, float]:
    """Run a command; return (seconds, peak PSS of its process tree in MiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_pss_kib(pid) for pid in _tree(process.pid)))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{err}")
    return time.perf_counter() - started, peak / 1024


def folder_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def latency_ms(call: Callable[[], object], runs: int = 5) -> float:
    call()  # warm caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def query_latencies(store: Store) -> dict[str, float]:
    some_paper = str(store.query("SELECT ?p WHERE { ?p a kg:Paper } LIMIT 1").rows[0]["p"])
    return {
        "papers": latency_ms(lambda: api.papers(store, hardware="GPU", limit=100)),
        "shared": latency_ms(lambda: api.shared(store, by="dataset", min_papers=2)),
        "related": latency_ms(lambda: api.related(store, some_paper)),
        "aggregate": latency_ms(lambda: store.query(AGGREGATE)),
    }


def extraction_rate(corpus: Path) -> float:
    from kg.extract import Extractor
    from kg.sources import read_papers

    extractor = Extractor()
    started = time.perf_counter()
    count = sum(1 for _ in extractor.extract(read_papers([corpus])))
    return count / (time.perf_counter() - started)


def in_process_figures(
    corpus: Path, count: int, store: Store, extractor
) -> tuple[float, dict[str, float]]:
    """Build into ``store`` in this process on one core; papers/s and query latencies.

    The extractor is built beforehand, so both stores are timed on the same work.
    """
    from kg.build import build

    started = time.perf_counter()
    build([corpus], store, extractor=extractor, jobs=1, progress=False)
    return count / (time.perf_counter() - started), query_latencies(store)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--workdir", type=Path, help="keep corpora and stores here")
    parser.add_argument(
        "--compare",
        type=int,
        default=2000,
        metavar="N",
        help="papers for the Oxigraph vs rdflib comparison (0 skips it; default 2000)",
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; build --jobs {args.jobs}"
    )
    header = (
        "papers",
        "extract/s/core",
        "build/s",
        "peak MiB",
        "store MiB",
        "papers ms",
        "shared ms",
        "related ms",
        "aggregate ms",
    )
    print(" | ".join(header))
    for count in sizes:
        corpus = workdir / f"corpus-{count}.jsonl"
        if not corpus.exists():
            write_corpus(corpus, count)
        extract = extraction_rate(corpus)
        store_dir = workdir / f"store-{count}"
        if store_dir.exists():
            import shutil

            shutil.rmtree(store_dir)
        seconds, peak = run_measured(
            [
                sys.executable,
                "-m",
                "kg",
                "build",
                str(corpus),
                "--store",
                str(store_dir),
                "--jobs",
                str(args.jobs),
                "--quiet",
            ]
        )
        with OxigraphStore(store_dir, read_only=True) as store:
            latencies = query_latencies(store)
        row = (
            f"{count:,}",
            f"{extract:,.0f}",
            f"{count / seconds:,.0f}",
            f"{peak:,.0f}",
            f"{folder_mib(store_dir):,.0f}",
            *(f"{latencies[k]:.1f}" for k in ("papers", "shared", "related", "aggregate")),
        )
        print(" | ".join(row), flush=True)

    if args.compare:
        # The same build and questions on both stores, one process each, same corpus.
        count = args.compare
        corpus = workdir / f"corpus-{count}.jsonl"
        if not corpus.exists():
            write_corpus(corpus, count)
        from kg.extract import Extractor

        extractor = Extractor()
        cmp_dir = workdir / f"cmp-{count}"
        if cmp_dir.exists():
            import shutil

            shutil.rmtree(cmp_dir)
        ox_rate, ox = in_process_figures(corpus, count, OxigraphStore(cmp_dir), extractor)
        mem_rate, mem = in_process_figures(corpus, count, MemoryStore(), extractor)
        print(f"\n{count:,} papers, one process: Oxigraph vs rdflib in-memory store")
        print(f"build: {ox_rate:,.0f} vs {mem_rate:,.0f} papers/s ({ox_rate / mem_rate:.1f}x)")
        for name in ox:
            print(f"{name}: {ox[name]:.1f} vs {mem[name]:.1f} ms ({mem[name] / ox[name]:.0f}x)")
    print(f"\n(corpora and stores in {workdir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
