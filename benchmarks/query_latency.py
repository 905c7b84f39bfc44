"""Latency of the ready answers (papers, shared, related, entity resolution) at scale.

Generates a synthetic graph of N papers (default 100,000) straight from
:mod:`kg.rdf.mapping` (synthetic :class:`~kg.records.Extraction` records with
Zipf-distributed entities, a hardware hierarchy, evidence mentions and results),
bulk-loads it into an embedded Oxigraph store, and prints the median and worst
latency of each answer. Target: each under 100 ms.

Run::

    .venv/bin/python benchmarks/query_latency.py               # 100,000 papers
    .venv/bin/python benchmarks/query_latency.py --papers 20000 --store /tmp/kg-bench
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import ID
from kg.query import api
from kg.query.stats import forget, graph_stats
from kg.rdf.mapping import extraction_triples, vocabulary_triples
from kg.records import Extraction, Mention, Paper, Result
from kg.store import OxigraphStore


@dataclass
class Concept:
    iri: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    exact_match: tuple[str, ...] = ()


def vocabulary(rng: random.Random) -> dict[str, list[Concept]]:
    """Synthetic concepts of each kind; hardware in families under GPU and TPU."""
    kinds: dict[str, list[Concept]] = {}
    roots = [
        Concept(ID + "hardware/gpu", "hardware", "GPU"),
        Concept(ID + "hardware/tpu", "hardware", "TPU"),
    ]
    families = [
        Concept(ID + f"hardware/family-{i}", "hardware", f"Family {i}", broader=(roots[i % 2].iri,))
        for i in range(8)
    ]
    devices = [
        Concept(
            ID + f"hardware/device-{i}",
            "hardware",
            f"Device-{i}X",
            aliases=(f"device {i} x",),
            broader=(families[i % 8].iri,),
        )
        for i in range(60)
    ]
    kinds["hardware"] = roots + families + devices
    for kind, count in (("dataset", 3000), ("method", 8000), ("metric", 200), ("task", 500)):
        kinds[kind] = [
            Concept(
                ID + f"{kind}/{kind}-{i}",
                kind,
                f"{kind.title()}-{i}",
                aliases=(f"{kind}{i}", f"{kind} {i} v1"),
            )
            for i in range(count)
        ]
    return kinds


def zipf_pick(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    return list({id(x): x for x in rng.choices(items, weights=weights, k=k)}.values())


def extractions(n: int, concepts: dict[str, list[Concept]], seed: int) -> Iterator[Extraction]:
    rng = random.Random(seed)
    weights = {kind: [1 / (i + 1) for i in range(len(items))] for kind, items in concepts.items()}
    per_paper = {
        "dataset": (1, 3),
        "hardware": (0, 2),
        "method": (2, 5),
        "metric": (1, 2),
        "task": (1, 2),
    }
    sentence = "We evaluate {} on a standard setup and report results."
    for i in range(n):
        year = 2019 + i % 6
        paper = Paper(
            title=f"Synthetic paper {i}: scaling study {rng.randint(0, 10**6)}",
            abstract="",
            arxiv_id=f"{year % 100:02d}{(i % 12) + 1:02d}.{i:05d}",
            date=f"{year}-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}",
        )
        mentions = []
        for kind, (low, high) in per_paper.items():
            for concept in zipf_pick(rng, concepts[kind], weights[kind], rng.randint(low, high)):
                text = sentence.format(concept.label)
                start = text.index(concept.label)
                mentions.append(
                    Mention(
                        kind=kind,  # type: ignore[arg-type]
                        label=concept.label,
                        text=concept.label,
                        start=start,
                        end=start + len(concept.label),
                        sentence=text,
                        sentence_start=0,
                        component="entity_ruler",
                        concept=concept.iri,
                        proposed=kind == "method" and rng.random() < 0.1,
                    )
                )
        results = []
        if rng.random() < 0.2:
            metric = rng.choice(concepts["metric"][:20])
            results.append(
                Result(
                    metric=metric.label,
                    value=f"{rng.uniform(50, 99):.2f}",
                    raw="xx.x% accuracy",
                    start=0,
                    end=14,
                    sentence="It reaches xx.x% accuracy.",
                    sentence_start=0,
                    unit="%",
                    metric_concept=metric.iri,
                )
            )
        yield Extraction(paper=paper, mentions=mentions, results=results)


def generate(path: Path, n: int, seed: int = 7) -> None:
    concepts = vocabulary(random.Random(seed))
    store = ox.Store(str(path))
    chunk: list[str] = list(vocabulary_triples(c for items in concepts.values() for c in items))
    for index, extraction in enumerate(extractions(n, concepts, seed)):
        chunk.extend(extraction_triples(extraction))
        if index % 5000 == 4999:
            store.bulk_load("".join(chunk).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
            chunk = []
    if chunk:
        store.bulk_load("".join(chunk).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store


def timed(call: Callable[[], object], repeat: int) -> tuple[float, float, float, int]:
    """(first, median, worst) in milliseconds, and the size of the answer."""
    times = []
    size = 0
    for _ in range(repeat):
        start = time.perf_counter()
        answer = call()
        times.append((time.perf_counter() - start) * 1000)
        size = len(answer) if hasattr(answer, "__len__") else 1  # type: ignore[arg-type]
    return times[0], statistics.median(times), max(times), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--papers", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="keep the generated store here (reused)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    folder = args.store or Path(tempfile.mkdtemp(prefix="kg-bench-")) / "store"
    if not (folder / "CURRENT").exists():
        started = time.perf_counter()
        generate(folder, args.papers)
        print(
            f"generated {args.papers:,} papers in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    store = OxigraphStore(folder, read_only=True)
    print(f"store: {folder}  papers: {api.paper_count(store):,}")
    start = time.perf_counter()
    stats = graph_stats(store)
    print(
        f"graph stats (name index + document frequencies): "
        f"{sum(len(v) for v in stats.by_key.values()):,} keys, {len(stats.df):,} entities, "
        f"{(time.perf_counter() - start) * 1000:.0f} ms (cached in the store folder)"
    )
    store.close()
    # A new process: the stats come from the cache file, as for every later command.
    forget(store)
    store = OxigraphStore(folder, read_only=True)
    start = time.perf_counter()
    graph_stats(store)
    print(f"graph stats from the cache: {(time.perf_counter() - start) * 1000:.0f} ms")
    paper = ID + "paper/arxiv-1901.00012"  # paper 12 of the generator
    cases: list[tuple[str, Callable[[], object]]] = [
        (
            "papers --dataset dataset0 (alias, key match)",
            lambda: api.papers(store, dataset="dataset0", limit=100),
        ),
        (
            "papers --dataset Dataset-1500 (exact label)",
            lambda: api.papers(store, dataset="Dataset-1500", limit=100),
        ),
        (
            "papers --hardware family-3 (narrower incl.)",
            lambda: api.papers(store, hardware="Family 3", limit=100),
        ),
        (
            "papers --hardware GPU (half the graph)",
            lambda: api.papers(store, hardware="GPU", limit=100),
        ),
        (
            "papers --hardware GPU --dataset dataset-7",
            lambda: api.papers(store, hardware="GPU", dataset="dataset-7", limit=100),
        ),
        (
            "papers --method Method-40 --task Task-3",
            lambda: api.papers(store, method="Method-40", task="Task-3", limit=100),
        ),
        ("shared --by hardware", lambda: api.shared(store, by="hardware")),
        ("shared --by dataset", lambda: api.shared(store, by="dataset")),
        (
            "shared --by method --min-papers 50",
            lambda: api.shared(store, by="method", min_papers=50),
        ),
        ("related PAPER", lambda: api.related(store, paper)),
        ("related PAPER --by dataset", lambda: api.related(store, paper, by="dataset")),
        ("entity Device-3X", lambda: [api.entity(store, "Device-3X")]),
    ]
    print("(papers: --limit 100 as the CLI; the 'first' column includes no cold cache)")
    print(f"\n{'answer':48} {'first':>8} {'median':>8} {'worst':>8} {'rows':>7}")
    for name, call in cases:
        first, median, worst, size = timed(call, args.repeat)
        flag = "" if median < 100 else "  > 100 ms"
        print(f"{name:48} {first:7.1f}  {median:7.1f}  {worst:7.1f}  {size:7}{flag}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
