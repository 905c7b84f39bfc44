"""Memory stays flat as the input grows: the build streams (issue: scale)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from corpus import generate

pytestmark = pytest.mark.slow


def peak_rss_mib(corpus: Path, store: Path) -> float:
    """Peak RSS of one `kg build` process (a child of its own, so the figure is its alone)."""
    script = (
        "import resource, subprocess, sys;"
        f"subprocess.run([sys.executable, '-m', 'kg', 'build', {str(corpus)!r}, '--store', {str(store)!r},"
        " '--jobs', '1', '--quiet'], check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    return int(out.stdout.split()[-1]) / 1024


def test_peak_memory_does_not_grow_with_the_corpus(tmp_path: Path) -> None:
    records = list(generate(4000, seed=7))
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_text("".join(json.dumps(r) + "\n" for r in records[:500]), encoding="utf-8")
    large.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    small_peak = peak_rss_mib(small, tmp_path / "s1")
    large_peak = peak_rss_mib(large, tmp_path / "s2")
    # Holding the 3,500 extra papers' records and triples would cost well over 70 MiB;
    # what is allowed here is caches filling up (RocksDB memtables, spaCy's string store).
    assert large_peak - small_peak < 45, (small_peak, large_peak)
