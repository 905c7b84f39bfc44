"""The cached graph stats: built once, kept beside an embedded store, rebuilt after a write."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.query import api
from kg.query.stats import CACHE_FILE, GraphStats, fingerprint, forget, graph_stats
from kg.store import OxigraphStore

MINI = Path(__file__).parent / "data" / "mini_graph.ttl"
P = "https://w3id.org/kg-ml/id/paper/"


def test_cache_round_trip_and_invalidation(tmp_path: Path) -> None:
    graph = Graph()
    graph.parse(MINI, format="turtle")
    folder = tmp_path / "store"
    with OxigraphStore(folder) as store:
        store.replace([], graph.serialize(format="nt"))
    with OxigraphStore(folder, read_only=True) as store:
        built = graph_stats(store)
    assert (folder / CACHE_FILE).exists()
    stamp = fingerprint(folder)
    loaded = GraphStats.from_json((folder / CACHE_FILE).read_text(encoding="utf-8"), stamp)
    assert loaded is not None
    assert loaded.find("dataset", "cifar10") == built.find("dataset", "cifar10")
    assert (loaded.df, loaded.labels, loaded.narrower) == (built.df, built.labels, built.narrower)
    assert GraphStats.from_json((folder / CACHE_FILE).read_text(), "another store") is None
    # A write changes the store's files, so the next reader rebuilds the stats.
    with OxigraphStore(folder) as store:
        store.replace(
            [],
            f"<{P}new> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
            "<https://w3id.org/kg-ml/ontology#Paper> .\n"
            f"<{P}new> <https://w3id.org/kg-ml/ontology#mentionsEntity> "
            "<https://w3id.org/kg-ml/id/dataset/breakhis> .\n",
        )
        forget(store)
    assert fingerprint(folder) != stamp
    with OxigraphStore(folder, read_only=True) as store:
        fresh = graph_stats(store)
        assert fresh.papers == 13 and fresh.df["https://w3id.org/kg-ml/id/dataset/breakhis"] == 3
        assert [g.count for g in api.shared(store, by="dataset", limit=1)] == [3]
