"""The hand-made view fixture (``tests/data/views_graph.ttl``) loaded into a store."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.store import MemoryStore, OxigraphStore, Store

FIXTURE = Path(__file__).resolve().parent / "data" / "views_graph.ttl"
ID = "https://w3id.org/kg-ml/id/"
IMAGENET = ID + "dataset/imagenet"
XSS_PAPER = ID + "paper/xss"
XSS_TITLE = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)>"


def fixture_ntriples() -> str:
    return Graph().parse(FIXTURE, format="turtle").serialize(format="nt")


def fixture_store(backend: str, folder: Path) -> Store:
    """The fixture graph in a fresh store of the given backend."""
    store: Store = OxigraphStore(folder / "store") if backend == "oxigraph" else MemoryStore()
    store.replace([], fixture_ntriples())
    return store
