"""Shared fixtures: the seed pages, stores of every backend, and the seed graph.

The seed graph is built once per session with the real extractor and vocabulary;
tests that only read it share it. Tests that write get a fresh store.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.store import MemoryStore, OxigraphStore, Store

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted((ROOT / "examples" / "data").glob("*.txt"))

#: Backends every store-level test runs on.
BACKENDS = ("oxigraph", "memory")


def make_store(backend: str, path: Path) -> Store:
    if backend == "oxigraph":
        return OxigraphStore(path / "store")
    return MemoryStore()


@pytest.fixture
def seed_paths() -> list[Path]:
    """The five Hugging Face Daily Papers dumps shipped in ``examples/data``."""
    assert len(SEEDS) == 5, "examples/data must hold the five seed pages"
    return list(SEEDS)


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend."""
    opened = make_store(request.param, tmp_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def extractor():
    from kg.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_store_dir(tmp_path_factory: pytest.TempPathFactory, extractor) -> Path:
    """A store folder holding the graph of the five seed pages (build it once)."""
    from kg.build import build

    folder = tmp_path_factory.mktemp("seed") / "store"
    with OxigraphStore(folder) as opened:
        build(SEEDS, opened, extractor=extractor, jobs=1, progress=False)
    return folder


@pytest.fixture
def seed_store(seed_store_dir: Path) -> Iterator[Store]:
    """The seed graph, read-only, in the embedded store."""
    opened = OxigraphStore(seed_store_dir, read_only=True)
    yield opened
    opened.close()


@pytest.fixture
def seed_store_copy(seed_store_dir: Path, tmp_path: Path) -> Iterator[Store]:
    """A writable copy of the seed graph, for tests that change it."""
    target = tmp_path / "store"
    shutil.copytree(seed_store_dir, target)
    opened = OxigraphStore(target)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def seed_memory_store(seed_store_dir: Path) -> MemoryStore:
    """The seed graph in an in-memory rdflib store (same triples as ``seed_store``)."""
    import io

    buffer = io.BytesIO()
    with OxigraphStore(seed_store_dir, read_only=True) as source:
        source.export(buffer, format="ntriples")
    memory = MemoryStore()
    memory.replace([], buffer.getvalue().decode("utf-8"))
    return memory


@pytest.fixture(scope="session")
def mini_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store folder holding ``data/mini_graph.ttl``: twelve hand-made papers."""
    from rdflib import Graph

    folder = tmp_path_factory.mktemp("mini") / "store"
    graph = Graph().parse(DATA / "mini_graph.ttl", format="turtle")
    with OxigraphStore(folder) as opened:
        opened.replace([], graph.serialize(format="nt"))
    return folder


@pytest.fixture(params=BACKENDS)
def seed_graph_store(request: pytest.FixtureRequest, seed_store_dir: Path, seed_memory_store):
    """The seed graph on every backend, for read-only query tests."""
    if request.param == "memory":
        yield seed_memory_store
        return
    opened = OxigraphStore(seed_store_dir, read_only=True)
    yield opened
    opened.close()
