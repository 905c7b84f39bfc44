"""Records → triples. Pure functions: no store, no spaCy.

A paper owns its outgoing triples and the mention and result nodes minted under
its IRI (``.../paper/<id>/m/<n>``); rebuilding a paper replaces exactly those.
Entity nodes are shared by every paper that names them.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from typing import Protocol

from kg.namespaces import ID, KIND_CLASS, KIND_PATH
from kg.rdf.terms import (
    RDF_TYPE,
    date,
    decimal,
    integer,
    iri,
    kg,
    literal,
    prefixed,
    resource,
    triple,
)
from kg.records import Extraction, Mention, Paper, Result, entity_key

RDFS_LABEL = prefixed("rdfs", "label")
PREF_LABEL = prefixed("skos", "prefLabel")
ALT_LABEL = prefixed("skos", "altLabel")
BROADER = prefixed("skos", "broader")
EXACT_MATCH = prefixed("skos", "exactMatch")
IN_SCHEME = prefixed("skos", "inScheme")
CONCEPT = prefixed("skos", "Concept")
PROV_GENERATED_BY = prefixed("prov", "wasGeneratedBy")
PROV_VALUE = prefixed("prov", "value")
TITLE = prefixed("dcterms", "title")
ABSTRACT = prefixed("dcterms", "abstract")
PAPER = kg("Paper")
AUTHOR_NAME = kg("authorName")
MENTIONS = kg("mentionsEntity")
HAS_MENTION = kg("hasMention")
MENTION = kg("Mention")
MENTION_OF = kg("mentionOf")
SENTENCE = kg("sentence")
START = kg("start")
HAS_RESULT = kg("hasResult")
RESULT = kg("Result")
METRIC = kg("metric")
VALUE = kg("value")
UNIT = kg("unit")
ON_DATASET = kg("onDataset")
ON_HARDWARE = kg("onHardware")

#: The link property for each entity kind and role.
LINK = {
    ("dataset", False): kg("usesDataset"),
    ("dataset", True): kg("introducesDataset"),
    ("method", False): kg("usesMethod"),
    ("method", True): kg("proposesMethod"),
    ("hardware", False): kg("usesHardware"),
    ("metric", False): kg("reportsMetric"),
    ("task", False): kg("addressesTask"),
    ("code", False): kg("hasCode"),
}


class ConceptLike(Protocol):
    iri: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    broader: tuple[str, ...]
    exact_match: tuple[str, ...]


def paper_iri(paper: Paper) -> str:
    """``<.../id/paper/arxiv-2401.01234>`` or ``<.../id/paper/<title hash>>``."""
    kind, value = paper.key.split(":", 1)
    return resource("paper", f"arxiv-{value}" if kind == "arxiv" else value)


@functools.lru_cache(maxsize=1 << 16)
def entity_iri(kind: str, label: str, concept: str | None = None) -> str:
    """The node of an entity: its vocabulary concept, its URL for code, else minted from
    its key (cached: most entities recur across papers)."""
    if concept:
        return iri(concept)
    if kind == "code":
        return iri(label)
    return resource(KIND_PATH[kind], entity_key(label) or label)


def link_property(kind: str, *, proposed: bool) -> str:
    """``kg:proposesMethod`` for a proposed method, ``kg:usesHardware`` for hardware, ..."""
    return LINK.get((kind, proposed)) or LINK[(kind, False)]


def paper_triples(paper: Paper, node: str | None = None) -> Iterator[str]:
    """Metadata of one paper: title, abstract, typed date, counts, identifiers.
    ``node`` is the paper's IRI where the caller has it already."""
    node = node or paper_iri(paper)
    title = literal(paper.title)
    yield (
        f"{node} {RDF_TYPE} {PAPER} .\n"
        f"{node} {TITLE} {title} .\n"
        f"{node} {RDFS_LABEL} {title} .\n"
        f"{node} {PREF_LABEL} {title} .\n"
    )
    if paper.abstract:
        yield triple(node, ABSTRACT, literal(paper.abstract))
    if paper.date and (typed := date(paper.date)):
        yield triple(node, prefixed("dcterms", "issued"), typed)
    if paper.page_date and (typed := date(paper.page_date)):
        yield triple(node, kg("listedOn"), typed)
    if paper.author_count is not None:
        yield triple(node, kg("authorCount"), integer(paper.author_count))
    if paper.upvotes is not None:
        yield triple(node, kg("upvotes"), integer(paper.upvotes))
    if paper.organization:
        yield triple(node, kg("organization"), literal(paper.organization))
    for name in paper.authors:
        yield triple(node, AUTHOR_NAME, literal(name))
    if paper.source_id:
        yield triple(node, prefixed("dcterms", "identifier"), literal(paper.source_id))
    if paper.arxiv_id:
        yield triple(node, kg("arxivId"), literal(paper.arxiv_id))
    if paper.url:
        yield triple(node, prefixed("schema", "url"), literal(paper.url, datatype="anyURI"))
    for category in paper.categories:
        yield triple(node, kg("arxivCategory"), literal(category))


def _mention_node(paper_node: str, tag: str, *parts: object) -> str:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8", "replace")).hexdigest()
    return f"{paper_node[:-1]}/{tag}/{digest[:12]}>"


def _new_entity_triples(mention: Mention, node: str) -> Iterator[str]:
    """Type and labels of an entity no vocabulary lists (a name the patterns found)."""
    label = literal(mention.label)
    yield triple(node, RDF_TYPE, iri(KIND_CLASS[mention.kind]))
    yield triple(node, RDFS_LABEL, label)
    if mention.kind != "code":
        yield triple(node, RDF_TYPE, CONCEPT)
        yield triple(node, PREF_LABEL, label)
        for alias in mention.aliases:
            if entity_key(alias) != entity_key(mention.label):
                yield triple(node, ALT_LABEL, literal(alias))


class _Evidence:
    """Where the words are and who found them, as N-Triples lines.

    The end offset is not stored: it is the start plus the length of the words
    (``prov:value`` or the result's label). The paper's sentence literals are
    cached here (most hold several mentions); the components' IRIs come from
    :func:`resource`'s own cache.
    """

    __slots__ = ("sentences",)

    def __init__(self) -> None:
        self.sentences: dict[str, str] = {}

    def __call__(self, node: str, sentence: str, start: int, component: str) -> str:
        text = self.sentences.get(sentence)
        if text is None:
            text = self.sentences[sentence] = literal(sentence)
        return (
            f"{node} {SENTENCE} {text} .\n"
            f"{node} {START} {integer(start)} .\n"
            f"{node} {PROV_GENERATED_BY} {resource('component', component)} .\n"
        )


def extraction_triples(extraction: Extraction) -> Iterator[str]:
    """Every triple a paper owns: metadata, links, their evidence, and results, as
    N-Triples text in pieces of whole lines.

    Each link gets one evidence node, from its first mention in the text: enough to
    answer "why does the graph say this?", at a fraction of the triples that one
    node per occurrence would cost on a large corpus. Nothing derivable is stored:
    a paper has one link property per entity, so the link a mention supports is
    the one from its paper to its entity (``kg/query/queries/evidence.rq``).
    """
    paper = extraction.paper
    node = paper_iri(paper)
    yield from paper_triples(paper, node)
    linked: set[tuple[str, str]] = set()
    evidence_of = _Evidence()
    mentions = sorted(extraction.mentions, key=lambda m: (m.start, m.end))
    entities = [entity_iri(m.kind, m.label, m.concept) for m in mentions]
    # One role per entity: what a paper proposes anywhere, it proposes (not also uses).
    proposed = {entity for entity, m in zip(entities, mentions, strict=True) if m.proposed}
    for mention, entity in zip(mentions, entities, strict=True):
        if entity in proposed and not mention.proposed:
            continue  # its evidence is the sentence that proposes it
        prop = link_property(mention.kind, proposed=entity in proposed)
        if (prop, entity) in linked:
            continue
        linked.add((prop, entity))
        yield f"{node} {prop} {entity} .\n{node} {MENTIONS} {entity} .\n"
        if mention.concept is None:
            yield from _new_entity_triples(mention, entity)
        evidence = _mention_node(node, "m", prop, entity)
        yield (
            f"{node} {HAS_MENTION} {evidence} .\n"
            f"{evidence} {RDF_TYPE} {MENTION} .\n"
            f"{evidence} {MENTION_OF} {entity} .\n"
            f"{evidence} {PROV_VALUE} {literal(mention.text)} .\n"
        )
        yield evidence_of(evidence, mention.sentence, mention.start, mention.component)
    for result in extraction.results:
        yield from result_triples(node, result, evidence_of)


def result_triples(
    paper_node: str, result: Result, evidence_of: _Evidence | None = None
) -> Iterator[str]:
    node = _mention_node(paper_node, "r", result.start, result.end, result.metric, result.value)
    metric = entity_iri("metric", result.metric, result.metric_concept)
    yield (
        f"{paper_node} {HAS_RESULT} {node} .\n"
        f"{node} {RDF_TYPE} {RESULT} .\n"
        f"{node} {METRIC} {metric} .\n"
    )
    if result.metric_concept is None:
        yield triple(metric, RDF_TYPE, kg("Metric"))
        yield triple(metric, RDFS_LABEL, literal(result.metric))
        yield triple(metric, PREF_LABEL, literal(result.metric))
    if (value := decimal(result.value)) is not None:
        yield triple(node, VALUE, value)
    yield triple(node, RDFS_LABEL, literal(result.raw))
    if result.unit:
        yield triple(node, UNIT, literal(result.unit))
    if result.dataset:
        yield triple(node, ON_DATASET, entity_iri("dataset", result.dataset))
    if result.hardware:
        yield triple(node, ON_HARDWARE, entity_iri("hardware", result.hardware))
    if result.hardware_count is not None:
        yield triple(node, kg("hardwareCount"), integer(result.hardware_count))
    yield (evidence_of or _Evidence())(node, result.sentence, result.start, result.component)


def concept_triples(concept: ConceptLike) -> Iterator[str]:
    """A vocabulary concept as a graph node."""
    node = iri(concept.iri)
    label = literal(concept.label)
    yield triple(node, RDF_TYPE, iri(KIND_CLASS.get(concept.kind, ID)))
    yield triple(node, RDF_TYPE, CONCEPT)
    yield triple(node, RDFS_LABEL, label)
    yield triple(node, PREF_LABEL, label)
    yield triple(node, IN_SCHEME, resource("scheme", concept.kind))
    for alias in concept.aliases:
        yield triple(node, ALT_LABEL, literal(alias))
    for parent in concept.broader:
        yield triple(node, BROADER, iri(parent))
    for target in concept.exact_match:
        yield triple(node, EXACT_MATCH, iri(target))


def vocabulary_triples(concepts: Iterable[ConceptLike]) -> Iterator[str]:
    for concept in concepts:
        if concept.kind in KIND_CLASS:  # software is recognised, never a graph node
            yield from concept_triples(concept)
