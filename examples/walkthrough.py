"""A walk through the library: build the example pages, then ask the graph questions.

    python examples/walkthrough.py            # uses a temporary store
    python examples/walkthrough.py kg-store   # or build into (and keep) this one

Run by the test suite (tests/test_examples.py), so it stays true.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import kg

HERE = Path(__file__).resolve().parent


def main(store_dir: str | None = None) -> None:
    folder = store_dir or tempfile.mkdtemp(prefix="kg-walkthrough-")
    with kg.open_store(folder) as store:
        report = kg.build(sorted((HERE / "data").glob("*.txt")), store, progress=False)
        print(f"{report.listings} listings, {report.papers_written} papers, {len(store)} triples")

        # Which papers run on GPUs? An A100 counts: the hierarchy answers the broader question.
        on_gpus = kg.papers(store, hardware="GPU")
        print(f"\n{len(on_gpus)} papers use GPUs, for example:")
        for row in list(on_gpus)[:3]:
            print("  -", row.title)

        # What do several papers share? Largest groups first.
        print("\nDatasets shared by several papers:")
        for group in kg.shared(store, by="dataset", min_papers=2)[:5]:
            print(f"  {group.label}: {group.count} papers")

        # Papers related to one paper, weighted so that rare shared entities count most.
        title = "MoE++: Accelerating Mixture-of-Experts Methods with Zero-Computation Experts"
        print(f"\nRelated to {title[:40]}...:")
        for related in kg.related(store, title, limit=3):
            print(
                f"  {related.score:5.2f}  {related.title[:60]}  (shares {', '.join(related.shared[:3])})"
            )

        # Why does the graph say so? Every link keeps the sentence it came from.
        for evidence in kg.why(store, title, "GPU")[:1]:
            print(f"\nWhy GPU? “{evidence.text}” in: {evidence.sentence}")

        # Any SPARQL: the project's prefixes are pre-declared.
        answer = store.query(
            "SELECT ?label (COUNT(?p) AS ?n) WHERE { ?p kg:usesHardware ?h . ?h rdfs:label ?label }"
            " GROUP BY ?label ORDER BY DESC(?n) LIMIT 3"
        )
        print("\nMost used hardware:", ", ".join(f"{r['label']} ({r['n']})" for r in answer))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
