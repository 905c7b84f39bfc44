"""RDF → networkx, filters, name resolution and the three view models."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from views_fixture import ID, IMAGENET, XSS_PAPER, fixture_store

from kg.errors import KGError, NotFoundError
from kg.views import (
    GraphFilter,
    ViewError,
    focus,
    for_export,
    load_graph,
    overview,
    resolve,
    shared,
)


@pytest.fixture(params=("oxigraph", "memory"))
def views_store(request: pytest.FixtureRequest, tmp_path: Path):
    store = fixture_store(request.param, tmp_path)
    yield store
    store.close()


@pytest.fixture
def graph(views_store) -> nx.Graph:
    return load_graph(views_store)[0]


def test_papers_entities_and_links_become_typed_nodes_and_edges(graph: nx.Graph) -> None:
    kinds = nx.get_node_attributes(graph, "type")
    assert sum(k == "paper" for k in kinds.values()) == 6
    assert kinds[IMAGENET] == "dataset"
    assert kinds["https://github.com/example/sparse-moe"] == "code"
    # GPU is only a broader concept: no paper names it, so it is not drawn.
    assert ID + "hardware/gpu" not in graph
    imagenet = graph.nodes[IMAGENET]
    assert imagenet["label"] == "ImageNet"
    assert sorted(imagenet["aliases"]) == ["ILSVRC 2012", "ImageNet-1k"]
    assert imagenet["papers"] == 3
    assert graph.nodes[ID + "hardware/a100"]["broader"] == [ID + "hardware/gpu"]
    p1 = graph.nodes[ID + "paper/p1"]
    assert (p1["date"], p1["upvotes"], p1["author_count"]) == ("2024-01-15", 42, 5)
    assert p1["url"] == "https://arxiv.org/abs/2401.00001"
    assert graph.nodes[XSS_PAPER]["date"] == "--05-01"


def test_edges_carry_relations_and_evidence(graph: nx.Graph) -> None:
    edge = graph.edges[ID + "paper/p1", ID + "hardware/a100"]
    assert edge["relations"] == ["usesHardware"]
    assert edge["evidence"] == [
        {
            "sentence": "Training takes 3 days on 64 A100 GPUs.",
            "relation": "usesHardware",
            "component": "entity_ruler",
        }
    ]
    assert graph.edges[ID + "paper/p1", ID + "method/sparsemoe"]["relations"] == ["proposesMethod"]
    assert graph.edges[ID + "paper/p3", ID + "hardware/a100"]["evidence"] == []


def test_filters_by_type_date_and_paper_count(views_store) -> None:
    graph, _ = load_graph(views_store, GraphFilter.parse(types="datasets, method"))
    assert {t for _, t in graph.nodes(data="type")} == {"paper", "dataset", "method"}

    graph, report = load_graph(views_store, GraphFilter.parse(since="2024", until="2024-03"))
    papers = {n for n, t in graph.nodes(data="type") if t == "paper"}
    assert papers == {ID + "paper/p1", ID + "paper/p2", ID + "paper/p3"}
    assert report.papers_out_of_range == 3  # p4 (April), p6 (2023), xss (no year)
    assert graph.nodes[IMAGENET]["papers"] == 2  # counted inside the range

    graph, report = load_graph(views_store, GraphFilter.parse(min_papers=2))
    entities = {n for n, t in graph.nodes(data="type") if t != "paper"}
    assert IMAGENET in entities and ID + "method/vit" not in entities
    assert report.entities_below_min > 0


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"types": "dataset,widgets"}, "unknown type 'widgets'"),
        ({"since": "March 2024"}, "not a date"),
        ({"min_papers": 0}, "at least 1"),
    ],
)
def test_bad_filters_say_what_was_expected(options: dict, message: str) -> None:
    with pytest.raises(ViewError, match=message):
        GraphFilter.parse(**options)
    assert issubclass(ViewError, KGError)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("imagenet", IMAGENET),
        ("ILSVRC-2012", IMAGENET),  # alias, other punctuation
        ("llama2", ID + "method/llama2"),
        ("LLaMA 2", ID + "method/llama2"),
        ("evaluating llms on mmlu", ID + "paper/p4"),  # title
        ("p3", ID + "paper/p3"),  # the listing's id
        (ID + "paper/p6", ID + "paper/p6"),  # IRI
        (f"<{ID}paper/p6>", ID + "paper/p6"),
        ("qa", ID + "task/questionanswering"),
        ("A100s", ID + "hardware/a100"),  # a plural names the concept, as in `kg papers`
        ("Scaling Vision", ID + "paper/p2"),  # the first words of one title
    ],
)
def test_focus_names_resolve_by_label_alias_title_id_or_iri(
    graph: nx.Graph, name: str, expected: str
) -> None:
    assert resolve(graph, name).node == expected


def test_a_title_beginning_several_papers_share_lists_them() -> None:
    graph = nx.Graph()
    for number, title in enumerate(["ByteScale: Long Context", "ByteScale v2", "Other"]):
        graph.add_node(f"{ID}paper/{number}", type="paper", label=title)
    with pytest.raises(NotFoundError, match="2 papers have titles starting 'ByteScale'"):
        resolve(graph, "ByteScale")
    assert resolve(graph, "bytescale long").node == f"{ID}paper/0"


def test_unknown_names_suggest_close_labels(graph: nx.Graph) -> None:
    with pytest.raises(NotFoundError, match="did you mean 'ImageNet'"):
        resolve(graph, "ImageNett")


def test_overview_caps_nodes_and_says_what_it_left_out(graph: nx.Graph) -> None:
    view = overview(graph, max_nodes=8)
    assert len(view.graph) == 8
    assert sum(view.left_out.values()) == len(graph) - 8
    assert view.notes and "Showing 8 of 22 nodes" in view.notes[0]
    # The best-connected nodes survive the cap.
    assert IMAGENET in view.graph
    assert set(view.groups) == set(view.graph) == set(view.positions)
    full = overview(graph)
    assert len(full.graph) == len(graph) and not full.left_out and not full.notes


def test_focus_follows_depth(graph: nx.Graph) -> None:
    one = focus(graph, "ImageNet-1k", depth=1)
    assert one.focus == IMAGENET
    assert set(one.graph) == {IMAGENET, ID + "paper/p1", ID + "paper/p2", XSS_PAPER}
    two = focus(graph, "ImageNet", depth=2)
    assert ID + "hardware/a100" in two.graph and ID + "paper/p3" not in two.graph
    capped = focus(graph, "ImageNet", depth=2, max_nodes=3)
    assert IMAGENET in capped.graph and len(capped.graph) == 3


def test_shared_joins_papers_through_entities_of_one_type(graph: nx.Graph) -> None:
    view = shared(graph, "dataset")
    hubs = {n for n, t in view.graph.nodes(data="type") if t == "dataset"}
    assert hubs == {IMAGENET, ID + "dataset/mmlu"}  # SynthInstruct has one paper only
    papers = {n for n, t in view.graph.nodes(data="type") if t == "paper"}
    assert papers == {ID + f"paper/{p}" for p in ("p1", "p2", "p3", "p4", "xss")}
    assert all(view.graph.degree(p) >= 1 for p in papers)
    none = shared(graph, "code")
    assert len(none.graph) == 0 and "No code" in none.notes[0]
    with pytest.raises(ViewError, match="unknown type"):
        shared(graph, "authors")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_round_trips_through_graphml_and_gexf(
    graph: nx.Graph, tmp_path: Path, fmt: str
) -> None:
    flat = for_export(graph)
    path = tmp_path / f"graph.{fmt}"
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(flat, path)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert len(back) == len(graph) and back.number_of_edges() == graph.number_of_edges()
    node = back.nodes[ID + "paper/p1"]
    assert node["type"] == "paper"
    assert int(node["upvotes"]) == 42
    assert node["date"] == "2024-01-15"
    assert back.nodes[IMAGENET]["aliases"] in (
        "ILSVRC 2012; ImageNet-1k",
        "ImageNet-1k; ILSVRC 2012",
    )
    for _, data in flat.nodes(data=True):
        assert all(isinstance(v, str | int | float) for v in data.values())
