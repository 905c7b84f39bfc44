"""End to end: seed pages → extraction → RDF in a store, incremental and idempotent."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from kg.build import build
from kg.store import Store

PAPER_COUNT = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a kg:Paper }"


def count(store: Store, sparql: str = PAPER_COUNT) -> int:
    return int(store.query(sparql).rows[0]["n"])


def as_graph(store: Store) -> Graph:
    buffer = io.BytesIO()
    store.export(buffer, format="ntriples")
    graph = Graph()
    graph.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    return graph


def test_seed_pages_give_288_papers_and_a_second_build_changes_nothing(
    store: Store, seed_paths: list[Path], extractor
) -> None:
    first = build(seed_paths, store, extractor=extractor, progress=False)
    assert (first.listings, first.skipped) == (359, 0)
    assert count(store) == 288
    size = len(store)
    again = build(seed_paths, store, extractor=extractor, progress=False)
    assert again.triples_before == again.triples_after == size
    assert count(store) == 288


def test_papers_carry_their_metadata(seed_store: Store) -> None:
    rows = seed_store.query(
        """SELECT ?abstract ?issued ?authors ?upvotes WHERE {
             ?p dcterms:title ?title ; dcterms:abstract ?abstract ; dcterms:issued ?issued ;
                kg:authorCount ?authors ; kg:upvotes ?upvotes }""",
        bindings={
            "title": __import__("rdflib").Literal(
                "A Strategic Coordination Framework of Small LLMs Matches Large LLMs in Data Synthesis"
            )
        },
    ).rows
    assert len(rows) == 1
    row = rows[0]
    assert str(row["issued"]) == "--04-11"
    assert row["issued"].datatype == URIRef("http://www.w3.org/2001/XMLSchema#gMonthDay")
    assert int(row["authors"]) == 8 and int(row["upvotes"]) == 2
    assert str(row["abstract"]).startswith("While data synthesis and distillation")
    dated = count(
        seed_store,
        """SELECT (COUNT(?p) AS ?n) WHERE {
        ?p dcterms:issued ?d FILTER(DATATYPE(?d) = xsd:date) }""",
    )
    assert dated > 50


def test_build_order_does_not_matter(tmp_path: Path, seed_paths: list[Path], extractor) -> None:
    from kg.store import MemoryStore

    together, piecewise = MemoryStore(), MemoryStore()
    build(seed_paths, together, extractor=extractor, progress=False)
    for path in reversed(seed_paths):  # one page at a time, last page first
        build([path], piecewise, extractor=extractor, progress=False)
    assert count(piecewise) == 288
    assert isomorphic(as_graph(together), as_graph(piecewise))


def test_small_batches_merge_across_batches(
    store: Store, seed_paths: list[Path], extractor
) -> None:
    build(seed_paths, store, extractor=extractor, progress=False, batch_size=7)
    assert count(store) == 288
    one_upvote_each = count(
        store,
        """SELECT (COUNT(?p) AS ?n) WHERE {
        ?p a kg:Paper . { SELECT ?p (COUNT(?u) AS ?c) WHERE { ?p kg:upvotes ?u } GROUP BY ?p }
        FILTER(?c > 1) }""",
    )
    assert one_upvote_each == 0


def test_parallel_build_writing_on_its_own_thread_equals_serial(
    tmp_path: Path, seed_paths: list[Path], extractor
) -> None:
    from kg.store import OxigraphStore

    # small batches: repeated listings land in different batches, written while
    # the main thread merges the next ones
    with (
        OxigraphStore(tmp_path / "parallel") as parallel,
        OxigraphStore(tmp_path / "serial") as serial,
    ):
        build(seed_paths, parallel, extractor=extractor, progress=False, jobs=2, batch_size=16)
        build(seed_paths, serial, extractor=extractor, progress=False, jobs=1, batch_size=16)
        assert count(parallel) == 288
        assert isomorphic(as_graph(parallel), as_graph(serial))


def test_a_failing_write_stops_the_build_with_its_error(
    tmp_path: Path, seed_paths: list[Path], extractor
) -> None:
    from kg.errors import StoreError
    from kg.store import OxigraphStore

    class DiskFull(OxigraphStore):
        writes = 0

        def add_new(self, papers: list[str], ntriples: str) -> None:
            self.writes += 1
            if self.writes == 2:
                raise StoreError("cannot write store: no space left on device")
            super().add_new(papers, ntriples)

    with DiskFull(tmp_path / "store") as store:
        with pytest.raises(StoreError, match="no space left"):
            build(seed_paths, store, extractor=extractor, progress=False, jobs=2, batch_size=32)
        # the first load (two batches of 32 go in one), whole; nothing after the failure
        assert 0 < count(store) <= 64


def test_every_link_has_evidence(seed_store: Store) -> None:
    unexplained = count(
        seed_store,
        """SELECT (COUNT(*) AS ?n) WHERE {
        ?paper ?link ?entity . ?link rdfs:subPropertyOf kg:mentionsEntity .
        FILTER NOT EXISTS { ?paper kg:hasMention ?m . ?m kg:mentionOf ?entity ; kg:sentence ?s }
    }""",
    )
    assert unexplained == 0
    links = count(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?p kg:mentionsEntity ?e }")
    assert links > 1000


def test_a_paper_links_an_entity_by_one_property(seed_store: Store) -> None:
    # what lets evidence name its link without storing it
    doubled = count(
        seed_store,
        """SELECT (COUNT(*) AS ?n) WHERE {
        ?paper ?a ?entity . ?a rdfs:subPropertyOf kg:mentionsEntity .
        ?paper ?b ?entity . ?b rdfs:subPropertyOf kg:mentionsEntity .
        FILTER(STR(?a) < STR(?b))
    }""",
    )
    assert doubled == 0


def test_evidence_offsets_cut_the_words_out_of_the_paper(seed_store: Store) -> None:
    rows = seed_store.query(
        """SELECT ?title ?abstract ?text ?start WHERE {
        ?paper dcterms:title ?title ; dcterms:abstract ?abstract ; kg:hasMention ?m .
        ?m prov:value ?text ; kg:start ?start .
    }"""
    ).rows
    assert len(rows) > 1000
    for row in rows:
        paper_text = f"{row['title']}\n\n{row['abstract']}"
        start = int(row["start"])
        assert paper_text[start : start + len(str(row["text"]))] == str(row["text"])


def test_seed_graph_conforms_to_the_shapes(seed_store: Store) -> None:
    pyshacl = pytest.importorskip("pyshacl")
    from kg.vocab import ontology_dir

    shapes = Graph().parse(ontology_dir() / "shapes.ttl")
    conforms, _, text = pyshacl.validate(as_graph(seed_store), shacl_graph=shapes, inference="none")
    assert conforms, text[:3000]


def test_turtle_export_roundtrips(seed_store: Store) -> None:
    graph = as_graph(seed_store)
    buffer = io.BytesIO()
    seed_store.export(buffer, format="turtle")
    again = Graph().parse(data=buffer.getvalue().decode("utf-8"), format="turtle")
    assert isomorphic(graph, again)


def test_vocabulary_concepts_keep_their_one_label(seed_store: Store) -> None:
    """A name found by a pattern must not relabel a vocabulary concept ('MATH+' on MATH)."""
    relabelled = seed_store.query("""SELECT ?c (COUNT(DISTINCT ?l) AS ?n) WHERE {
        ?c skos:inScheme ?scheme ; skos:prefLabel ?l } GROUP BY ?c HAVING (COUNT(DISTINCT ?l) > 1)""")
    assert relabelled.rows == []


def test_a_build_into_an_empty_store_asks_it_only_about_papers_it_wrote(tmp_path: Path) -> None:
    from kg.build import _PapersInStore
    from kg.store import OxigraphStore

    asked: list[str] = []

    class Counting(OxigraphStore):
        def existing(self, iris):
            iris = list(iris)
            asked.extend(iris)
            return super().existing(iris)

    paper = "https://w3id.org/kg-ml/id/paper/{}".format
    typed = (
        "<{}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/kg-ml/ontology#Paper> .\n"
    )
    with Counting(tmp_path / "store") as store:
        papers = _PapersInStore(store)
        assert papers.existing([paper(n) for n in range(1000)]) == set()
        assert asked == []  # an empty store holds none of them: not asked
        store.add_new([paper(1)], typed.format(paper(1)))
        papers.wrote([paper(1)])
        assert papers.existing([paper(1), paper(2)]) == {paper(1)}
        assert asked == [paper(1)]
        # a store that had papers when the build began is asked about every one
        asked.clear()
        assert _PapersInStore(store).existing([paper(1), paper(2)]) == {paper(1)}
        assert asked == [paper(1), paper(2)]
