"""Realistic synthetic corpora for benchmarks: N distinct papers as JSONL records.

Titles and abstracts are assembled from the project's vocabulary (real dataset,
hardware, metric, method and task names) and sentence templates written like ML
abstracts, with names, numbers and sentence order drawn at random, so no two
abstracts are the same and the extractor does real work on each.

    python benchmarks/corpus.py 100000 > corpus.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator

from kg.vocab import load_vocabulary

TITLES = (
    "{new}: {adj} {task} with {method}",
    "{new}: Scaling {method} to {hardware} Clusters",
    "Towards {adj} {task} on {hardware}",
    "{adj} {method} for {task}",
    "On the {noun} of {method} for {task}",
    "{new}: A Benchmark for {task}",
    "Rethinking {method} under {noun} Constraints",
)
OPENERS = (
    "{task_cap} is central to modern machine learning systems, yet existing approaches "
    "based on {method} remain costly.",
    "Recent advances in {method} have improved {task}, but their {noun} on {hardware} is poorly understood.",
    "Training large models for {task} requires substantial compute and careful system design.",
    "Deploying {method} on {hardware} devices is limited by memory and latency budgets.",
)
CLAIMS = (
    "In this paper, we propose {new}, a {adj} framework that combines {method} with {method2}.",
    "We introduce {new}, a new approach to {task} built on {method}.",
    "We present {new}, which exploits {method2} to reduce the {metric} of {method}.",
    "To address this, we design {new}, a method called {new} that co-designs {method} and {hardware} kernels.",
)
EVALS = (
    "Experiments on {dataset} and {dataset2} show that {new} improves {metric} by {pct}% over {method2}.",
    "On {dataset}, {new} reaches {value}% {metric} while using {count} {hardware} GPUs.",
    "We evaluate {new} on {hardware} and {hardware2}, achieving a {speed}x speedup and {pct}% lower {metric}.",
    "Compared with {method2}, {new} attains {value} {metric} on {dataset} with {pct}% less memory.",
    "Across {count} benchmarks including {dataset}, our method consistently outperforms strong baselines.",
)
CLOSERS = (
    "Code is available at https://github.com/{owner}/{repo}.",
    "Our results suggest that {method} remains a strong baseline for {task}.",
    "We release our models and data at https://huggingface.co/{owner}/{repo}.",
    "These findings open new directions for efficient {task}.",
)
ADJECTIVES = ("Efficient", "Scalable", "Robust", "Fast", "Memory-Efficient", "Adaptive", "Sparse")
NOUNS = ("Efficiency", "Robustness", "Scalability", "Cost", "Limits", "Generalization")
SYLLABLES = (
    "Flex",
    "Turbo",
    "Hydra",
    "Neo",
    "Swift",
    "Quant",
    "Spark",
    "Mamba",
    "Orion",
    "Vega",
    "Lumen",
    "Atlas",
    "Pico",
    "Nova",
    "Zeta",
    "Byte",
    "Tera",
    "Giga",
)


def _names(vocabulary, kind: str) -> list[str]:
    return sorted(c.label for c in vocabulary.concepts.values() if c.kind == kind)


def generate(count: int, *, seed: int = 0) -> Iterator[dict[str, object]]:
    """``count`` distinct paper records, reproducible for a given ``seed``."""
    rng = random.Random(seed)
    vocabulary = load_vocabulary()
    pools = {
        kind: _names(vocabulary, kind) or [kind]
        for kind in ("dataset", "hardware", "metric", "method", "task")
    }

    def pick(kind: str) -> str:
        return rng.choice(pools[kind])

    for number in range(count):
        new = (
            rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + (str(number % 97) if number % 3 else "")
        )
        fields = {
            "new": new,
            "adj": rng.choice(ADJECTIVES),
            "noun": rng.choice(NOUNS),
            "task": pick("task"),
            "method": pick("method"),
            "method2": pick("method"),
            "hardware": pick("hardware"),
            "hardware2": pick("hardware"),
            "metric": pick("metric"),
            "dataset": pick("dataset"),
            "dataset2": pick("dataset"),
            "pct": rng.randint(2, 80),
            "value": round(rng.uniform(20, 99), 2),
            "speed": round(rng.uniform(1.1, 12), 2),
            "count": rng.choice((4, 8, 16, 64, 256, 1024)),
            "owner": f"lab{rng.randint(1, 5000)}",
            "repo": new.lower(),
        }
        fields["task_cap"] = fields["task"][:1].upper() + fields["task"][1:]
        sentences = [rng.choice(OPENERS), rng.choice(CLAIMS)]
        sentences += rng.sample(EVALS, k=rng.randint(1, 3))
        sentences.append(rng.choice(CLOSERS))
        yield {
            "id": f"synthetic-{seed}-{number}",
            "title": rng.choice(TITLES).format(**fields) + f" ({number})",
            "abstract": " ".join(s.format(**fields) for s in sentences),
            "date": f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "authors": [f"Author {rng.randint(1, 50000)}" for _ in range(rng.randint(1, 9))],
        }


def main(argv: list[str]) -> int:
    count = int(argv[1]) if len(argv) > 1 else 1000
    out = sys.stdout
    for record in generate(count):
        out.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
