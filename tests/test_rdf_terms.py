"""Property tests: any text gives valid IRIs and literals that round-trip (issue: reliability)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.rdf.mapping import entity_iri, paper_iri, paper_triples
from kg.rdf.terms import date, decimal, literal, resource, triple
from kg.records import Paper

any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80)
hostile_text = st.text(max_size=60)  # includes lone surrogates and control characters


def parse(ntriples: str, fmt: str = "nt") -> Graph:
    graph = Graph()
    graph.parse(data=ntriples, format=fmt)
    return graph


def roundtrips(graph: Graph) -> None:
    for fmt in ("turtle", "nt"):
        again = Graph()
        again.parse(data=graph.serialize(format=fmt), format=fmt)
        assert isomorphic(graph, again), fmt


@settings(max_examples=200, deadline=None)
@given(hostile_text)
def test_any_text_mints_a_valid_iri(text: str) -> None:
    for node in (resource("method", text), entity_iri("dataset", text), entity_iri("task", text)):
        graph = parse(triple(node, "<http://example.org/p>", literal("x")))
        (subject,) = set(graph.subjects())
        assert isinstance(subject, URIRef)
        assert not any(c in str(subject) for c in ' <>"{}|^`\\')


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_literals_keep_their_text(text: str) -> None:
    graph = parse(triple("<http://example.org/s>", "<http://example.org/p>", literal(text)))
    (value,) = set(graph.objects())
    import unicodedata

    assert str(value) == unicodedata.normalize("NFC", text)
    roundtrips(graph)


@settings(max_examples=100, deadline=None)
@given(hostile_text, hostile_text)
def test_any_paper_gives_a_graph_that_roundtrips(title: str, abstract: str) -> None:
    paper = Paper(
        title=title or "untitled",
        abstract=abstract,
        organization=abstract or None,
        source_id=title,
        date="--02-29",
    )
    graph = parse("".join(paper_triples(paper)))
    assert len(graph) >= 4
    roundtrips(graph)
    assert paper_iri(paper) == paper_iri(Paper(title=paper.title.upper() + "  "))


def test_typed_dates_and_decimals() -> None:
    assert Literal(
        "2024-03-11", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")
    ).n3() in date("2024-03-11")
    assert date("--03-11").endswith("#gMonthDay>")
    assert date("2024-03").endswith("#gYearMonth>")
    assert date("11/03/2024") is None
    assert decimal("12,000") == '"12000.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert decimal("98.23") == '"98.23"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    assert decimal("nan") is None and decimal("x") is None
