"""Every example query in examples/queries parses, runs, and (for most) answers rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from kg.store import MemoryStore, OxigraphStore, Store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples" / "queries").glob("*.rq"))
MINI = Path(__file__).parent / "data" / "mini_graph.ttl"


def expects_rows(path: Path) -> bool:
    match = re.search(r"^# expect: (\w+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"{path.name} must say '# expect: rows' or '# expect: any' in its header"
    return match.group(1) == "rows"


def test_there_are_at_least_twelve_documented_examples() -> None:
    assert len(EXAMPLES) >= 12
    for path in EXAMPLES:
        header = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert header.startswith("# ") and len(header) > 20, f"{path.name} lacks a header comment"
    assert sum(expects_rows(p) for p in EXAMPLES) >= len(EXAMPLES) - 3


@pytest.fixture(scope="module")
def mini_stores() -> dict[str, Store]:
    graph = Graph()
    graph.parse(MINI, format="turtle")
    text = graph.serialize(format="nt")
    stores: dict[str, Store] = {"oxigraph": OxigraphStore(None), "memory": MemoryStore()}
    for store in stores.values():
        store.replace([], text)
    return stores


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_on_seed_graph(path: Path, seed_store: Store) -> None:
    result = seed_store.query(path.read_text(encoding="utf-8"))
    if expects_rows(path):
        assert result.rows, f"{path.name} returned no rows on the seed graph"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs_on_every_backend(path: Path, mini_stores: dict[str, Store]) -> None:
    text = path.read_text(encoding="utf-8")
    counts = {name: len(store.query(text)) for name, store in mini_stores.items()}
    assert counts["oxigraph"] == counts["memory"], counts
