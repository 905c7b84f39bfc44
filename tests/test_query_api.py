"""The ready answers on a hand-made miniature graph, on every backend, and on the seed graph."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import NotFoundError, QueryError
from kg.namespaces import ID
from kg.query import api, sparql
from kg.query.resolve import resolve_entities, resolve_paper
from kg.query.stats import graph_stats
from kg.store import MemoryStore, OxigraphStore, Store

MINI = Path(__file__).parent / "data" / "mini_graph.ttl"
P = ID + "paper/arxiv-"


def mini_ntriples() -> str:
    graph = Graph()
    graph.parse(MINI, format="turtle")
    return graph.serialize(format="nt")


@pytest.fixture(params=["oxigraph", "memory"], scope="module")
def mini(request: pytest.FixtureRequest) -> Iterator[Store]:
    store: Store = OxigraphStore(None) if request.param == "oxigraph" else MemoryStore()
    store.replace([], mini_ntriples())
    yield store
    store.close()


def titles(rows: list) -> set[str]:
    return {row.title for row in rows}


# -- named queries -----------------------------------------------------------------


def test_every_named_query_is_shipped_and_parses() -> None:
    names = sparql.names()
    assert {"papers_page", "papers_filter", "related_scores", "evidence"} <= set(names)
    from rdflib.plugins.sparql import prepareQuery

    from kg.namespaces import sparql_prologue

    for name in names:
        if name.startswith("papers_filter"):  # fragments, parsed inside papers_page below
            continue
        text = sparql.load(name).replace(sparql.VALUES_MARKER, "")
        prepareQuery(sparql_prologue() + text)
    targets = [[URIRef(ID + "hardware/gpu"), URIRef(ID + "hardware/tpu")], [URIRef(ID + "x")]]
    for name in ("papers_page",):
        text = sparql.with_slots(name, "papers_filter", targets, later="papers_filter_check")
        prepareQuery(sparql_prologue() + text)


def test_values_block_escapes_terms_and_rejects_strings() -> None:
    block = sparql.values_block(["x"], [(Literal('a" } ; DROP ALL #'),)])
    assert 'DROP ALL #"' in block and '\\"' in block
    with pytest.raises(QueryError):
        sparql.values_block(["x"], [("<http://evil>",)])  # a plain string is not a term


# -- papers ------------------------------------------------------------------------


def test_papers_filter_ignores_case_and_punctuation(mini: Store) -> None:
    assert titles(api.papers(mini, dataset="cifar10")) == titles(
        api.papers(mini, dataset="CIFAR-10")
    )
    assert "A Tiny Vision Transformer for CIFAR-10" in titles(api.papers(mini, dataset="cifar 10"))
    assert titles(api.papers(mini, dataset="gsm-8k")) == titles(api.papers(mini, dataset="GSM8K"))


def test_papers_include_narrower_concepts(mini: Store) -> None:
    gpu = api.papers(mini, hardware="GPU")
    assert {r.paper for r in gpu} == {
        P + "2401.00001",  # A100
        P + "2401.00002",  # H100
        P + "2401.00003",  # A100
        P + "2401.00004",  # H100
        P + "2402.00005",  # A100
        P + "2402.00006",  # GPU itself
        P + "2403.00009",  # NVIDIA Ampere
        P + "2404.00011",  # A100
    }
    ampere = {r.paper for r in api.papers(mini, hardware="ampere")}
    assert P + "2401.00002" not in ampere and P + "2401.00001" in ampere
    assert not {r.paper for r in gpu} & {r.paper for r in api.papers(mini, hardware="TPU")}


def test_papers_match_all_filters_and_sort_newest_first(mini: Store) -> None:
    rows = api.papers(mini, hardware="gpu", dataset="mmlu")
    assert [r.paper for r in rows] == [P + "2404.00011", P + "2402.00005", P + "2401.00004"]
    assert api.papers(mini, hardware="TPU", dataset="MMLU") == []
    assert len(api.papers(mini, hardware="gpu", limit=2)) == 2


def test_papers_unknown_name_suggests_close_labels(mini: Store) -> None:
    with pytest.raises(NotFoundError, match="H100"):
        api.papers(mini, hardware="H200")
    with pytest.raises(QueryError):
        api.papers(mini)


def test_hostile_names_are_bound_not_spliced(mini: Store) -> None:
    for name in ['x" } ; DROP ALL ; #', "} UNION { ?s ?p ?o", "<http://evil>", "GPU' OR 1=1"]:
        with pytest.raises(NotFoundError):
            api.papers(mini, hardware=name)
    assert len(mini) > 300  # nothing was dropped


# -- shared ------------------------------------------------------------------------


def test_shared_groups_largest_first_with_their_papers(mini: Store) -> None:
    groups = api.shared(mini, by="hardware")
    assert [(g.label, g.count) for g in groups] == [
        ("NVIDIA A100", 4),
        ("NVIDIA H100", 2),
        ("TPU v4", 2),
    ]
    assert {p.paper for p in groups[1].papers} == {P + "2401.00002", P + "2401.00004"}
    assert [g.label for g in api.shared(mini, by="hardware", min_papers=3)] == ["NVIDIA A100"]
    capped = api.shared(mini, by="hardware", papers_per_group=1, limit=1)
    assert len(capped) == 1 and capped[0].count == 4 and len(capped[0].papers) == 1


def test_shared_rejects_unknown_kind(mini: Store) -> None:
    with pytest.raises(QueryError, match="unknown entity kind"):
        api.shared(mini, by="author")


# -- related -----------------------------------------------------------------------


def test_related_weighs_rare_entities_over_common_ones(mini: Store) -> None:
    ranked = api.related(mini, "2401.00001", by=["dataset", "hardware"])
    assert ranked[0].paper == P + "2401.00002"
    assert ranked[0].shared == ["BreakHis"]
    by_paper = {r.paper: r for r in ranked}
    # One shared BreakHis (2 papers) outweighs one shared A100 (4 papers).
    assert by_paper[P + "2401.00002"].score > by_paper[P + "2404.00011"].score
    assert by_paper[P + "2404.00011"].shared == ["NVIDIA A100"]
    assert abs(by_paper[P + "2404.00011"].score - api.idf(12, 4)) < 1e-3


def test_related_accepts_iri_id_and_title(mini: Store) -> None:
    title = "Histopathology Classification with Residual Networks on BreakHis"
    first = [r.paper for r in api.related(mini, P + "2401.00001")]
    assert first == [r.paper for r in api.related(mini, "2401.00001")]
    assert first == [r.paper for r in api.related(mini, title)]
    assert first == [
        r.paper
        for r in api.related(
            mini, "histopathology classification with residual networks on breakhis"
        )
    ]
    assert P + "2401.00001" not in first
    scores = [r.score for r in api.related(mini, "2401.00001")]
    assert scores == sorted(scores, reverse=True)


def test_related_of_a_paper_without_links_is_empty(mini: Store) -> None:
    assert api.related(mini, "2404.00012") == []
    with pytest.raises(NotFoundError):
        api.related(mini, "no such paper at all")


# -- entity and evidence -------------------------------------------------------------


def test_entity_view(mini: Store) -> None:
    info = api.entity(mini, "a100")
    assert info.entity == ID + "hardware/a100"
    assert info.kind == "hardware" and info.label == "NVIDIA A100"
    assert "A100-80GB" in info.aliases
    assert [b["label"] for b in info.broader] == ["NVIDIA Ampere"]
    assert info.external_ids == ["https://www.wikidata.org/wiki/Q95401578"]
    assert info.paper_count == 4
    assert {c["label"] for c in info.cooccurring if c["papers"] == 2} >= {"MMLU", "LoRA"}
    assert info.evidence[0].sentence == "All models were trained on a single NVIDIA A100 GPU."
    gpu = api.entity(mini, "GPU", kind="hardware")
    assert {n["label"] for n in gpu.narrower} == {"NVIDIA Ampere", "NVIDIA Hopper"}


def test_why_gives_sentence_offsets_and_component(mini: Store) -> None:
    found = api.why(mini, "2401.00004", "H100")
    assert len(found) == 1
    evidence = found[0]
    assert evidence.sentence[evidence.start : evidence.end] == "H100"
    assert evidence.component.endswith("component/entity_ruler")
    assert evidence.link.endswith("usesHardware")
    # Asked about the broader concept, the narrower link's evidence answers.
    assert [e.entity for e in api.why(mini, "2401.00004", "GPU")] == [ID + "hardware/h100"]
    results = api.why(mini, "2401.00001", "breakhis")
    assert {e.link.rsplit("#", 1)[1] for e in results} == {"usesDataset", "onDataset"}


# -- resolution ----------------------------------------------------------------------


def test_resolution_paths(mini: Store) -> None:
    assert resolve_entities(mini, "hardware", "NVIDIA A100") == [URIRef(ID + "hardware/a100")]
    assert resolve_entities(mini, "hardware", "a100_80gb") == [URIRef(ID + "hardware/a100")]
    assert resolve_entities(mini, "hardware", ID + "hardware/a100") == [
        URIRef(ID + "hardware/a100")
    ]
    assert resolve_entities(mini, "hardware", "GPUs") == [URIRef(ID + "hardware/gpu")]
    assert resolve_paper(mini, "kgr:paper/arxiv-2401.00003") == URIRef(P + "2401.00003")
    assert resolve_paper(mini, "arXiv:2401.00003v2") == URIRef(P + "2401.00003")
    assert resolve_entities(mini, "dataset", "ilsvrc-2012") == [URIRef(ID + "dataset/imagenet")]
    stats = graph_stats(mini)
    assert stats.papers == 12 and stats.df[ID + "hardware/a100"] == 4
    assert stats.labels[ID + "hardware/a100"] == "NVIDIA A100"
    with pytest.raises(NotFoundError):
        resolve_entities(mini, "dataset", "A100")  # a name of another kind


def test_a_paper_by_the_beginning_of_its_title(mini: Store) -> None:
    assert resolve_paper(mini, "training language models") == URIRef(P + "2401.00004")
    assert resolve_paper(mini, "Residual") == URIRef(P + "2403.00010")
    with pytest.raises(NotFoundError, match="no paper"):
        resolve_paper(mini, "Resid")  # whole words only


def test_a_title_beginning_many_papers_share_lists_them(seed_graph_store: Store) -> None:
    bytescale = resolve_paper(seed_graph_store, "ByteScale")
    assert api.paper_rows(seed_graph_store, [str(bytescale)])[0].title.startswith("ByteScale:")
    with pytest.raises(NotFoundError, match=r"papers have titles starting 'Efficient': .* more"):
        resolve_paper(seed_graph_store, "Efficient")


# -- the seed graph ----------------------------------------------------------------


def test_seed_graph_answers(seed_graph_store: Store) -> None:
    """The seed pages built by the real extractor: each answer runs and is consistent."""
    groups = api.shared(seed_graph_store, by="dataset", papers_per_group=5)
    for group in groups:
        assert group.count >= 2 and group.papers
    if not groups:
        pytest.skip("the seed graph has no dataset shared by two papers yet")
    top = groups[0]
    found = {r.paper for r in api.papers(seed_graph_store, dataset=top.label)}
    assert {p.paper for p in top.papers} <= found
    ranked = api.related(seed_graph_store, top.papers[0].paper)
    assert ranked and ranked[0].shared
    info = api.entity(seed_graph_store, top.entity)
    assert info.paper_count >= top.count
