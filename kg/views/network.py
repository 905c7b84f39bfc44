"""RDF → networkx: the graph every view and every export starts from.

Nodes are IRIs (plain strings). Papers carry ``type="paper"``, ``label`` (the
title), ``date``, ``upvotes``, ``url``, ``author_count``, ``identifiers``;
entities carry ``type`` (``dataset``, ``hardware``, ``method``, ``metric``,
``task``, ``code``), ``label``, ``aliases``, ``broader`` and ``papers`` (how many
papers link to them). Edges join a paper to an entity; they carry ``relations``
(``usesDataset``, ``proposesMethod``, ...) and ``evidence``: the sentences the
extractor quoted, each with the component that found it.

The store is read with five SELECT queries, none with user input spliced in,
so the same code runs on Oxigraph, rdflib in memory and a remote endpoint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.errors import KGError
from kg.namespaces import KIND_CLASS
from kg.store.base import Store

#: Node types in the order legends list them.
NODE_TYPES: tuple[str, ...] = ("paper", "method", "dataset", "task", "metric", "hardware", "code")
ENTITY_TYPES: tuple[str, ...] = NODE_TYPES[1:]

#: The entity type of each OWL class IRI.
CLASS_TYPE = {iri: kind for kind, iri in KIND_CLASS.items()}

#: The paper → entity link properties the graph draws (their local names).
LINK_PROPERTIES: tuple[str, ...] = (
    "usesDataset",
    "introducesDataset",
    "usesMethod",
    "proposesMethod",
    "usesHardware",
    "reportsMetric",
    "addressesTask",
    "hasCode",
)

#: Evidence sentences kept per edge: enough to judge a link, few enough for big pages.
MAX_EVIDENCE = 3

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class ViewError(KGError):
    """A view could not be drawn as asked (bad filter, unknown type, unknown name)."""


@dataclass(frozen=True, slots=True)
class GraphFilter:
    """What to keep when reading the store.

    ``types`` limits the entity types (papers are always read: every edge has one
    end on a paper). ``since``/``until`` are ISO dates (``2024``, ``2024-03``,
    ``2024-03-11``), inclusive; a paper whose listing gives no year cannot be
    placed in a range and is left out whenever one is given. ``min_papers`` drops
    entities named by fewer papers (counted after the date range).
    """

    types: frozenset[str] = frozenset(ENTITY_TYPES)
    since: str | None = None
    until: str | None = None
    min_papers: int = 1

    @classmethod
    def parse(
        cls,
        *,
        types: Iterable[str] | str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_papers: int = 1,
    ) -> GraphFilter:
        """Check and normalise options as users type them (``"dataset,method"``)."""
        if isinstance(types, str):
            types = [part for part in re.split(r"[,\s]+", types) if part]
        chosen = set(ENTITY_TYPES)
        if types:
            chosen = set()
            for name in types:
                kind = name.strip().lower().removesuffix("s")
                if kind == "paper":
                    continue  # papers are always drawn
                if kind not in ENTITY_TYPES:
                    raise ViewError(
                        f"unknown type {name!r}: expected some of {', '.join(ENTITY_TYPES)}"
                    )
                chosen.add(kind)
        if min_papers < 1:
            raise ViewError(f"--min-papers must be at least 1, got {min_papers}")
        return cls(
            types=frozenset(chosen),
            since=_bound(since, low=True) if since else None,
            until=_bound(until, low=False) if until else None,
            min_papers=min_papers,
        )

    def keeps_date(self, value: str | None) -> bool:
        if self.since is None and self.until is None:
            return True
        if not value or value.startswith("--"):
            return False
        value = (value + "-01-01")[:10] if len(value) < 10 else value[:10]
        if self.since is not None and value < self.since:
            return False
        return not (self.until is not None and value > self.until)


def _bound(text: str, *, low: bool) -> str:
    """``2024`` → ``2024-01-01`` (since) or ``2024-12-31`` (until); checks the form."""
    match = _DATE.match(text.strip())
    if not match:
        raise ViewError(f"not a date: {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    month = month or ("01" if low else "12")
    day = day or ("01" if low else "31")
    return f"{year}-{month}-{day}"


@dataclass
class LoadReport:
    """What reading the store left out, for the page's note."""

    papers_out_of_range: int = 0
    entities_below_min: int = 0
    notes: list[str] = field(default_factory=list)


PAPERS = """
SELECT ?paper ?title ?issued ?listed ?upvotes ?url ?authors ?identifier ?arxiv WHERE {
  ?paper a kg:Paper .
  OPTIONAL { ?paper dcterms:title ?title }
  OPTIONAL { ?paper dcterms:issued ?issued }
  OPTIONAL { ?paper kg:listedOn ?listed }
  OPTIONAL { ?paper kg:upvotes ?upvotes }
  OPTIONAL { ?paper schema:url ?url }
  OPTIONAL { ?paper kg:authorCount ?authors }
  OPTIONAL { ?paper dcterms:identifier ?identifier }
  OPTIONAL { ?paper kg:arxivId ?arxiv }
}
"""

_LINK_VALUES = " ".join(f"kg:{name}" for name in LINK_PROPERTIES)
LINKS = f"""
SELECT ?paper ?property ?entity WHERE {{
  VALUES ?property {{ {_LINK_VALUES} }}
  ?paper ?property ?entity .
}}
"""

ENTITIES = """
SELECT DISTINCT ?entity ?class ?label ?pref ?alt ?broader WHERE {
  ?paper kg:mentionsEntity ?entity .
  ?entity a ?class .
  FILTER(STRSTARTS(STR(?class), STR(kg:)))
  OPTIONAL { ?entity skos:prefLabel ?pref }
  OPTIONAL { ?entity rdfs:label ?label }
  OPTIONAL { ?entity skos:altLabel ?alt }
  OPTIONAL { ?entity skos:broader ?broader }
}
"""

EVIDENCE = """
SELECT ?paper ?entity ?sentence ?component WHERE {
  ?paper kg:hasMention ?mention .
  ?mention kg:mentionOf ?entity ;
           kg:sentence ?sentence .
  OPTIONAL { ?mention prov:wasGeneratedBy ?component }
}
"""


def _local(iri: object) -> str:
    text = str(iri)
    return re.split(r"[#/]", text)[-1] if text else text


def _int(term: object) -> int | None:
    try:
        return int(str(term))
    except (TypeError, ValueError):
        return None


def load_graph(
    store: Store, graph_filter: GraphFilter | None = None
) -> tuple[nx.Graph, LoadReport]:
    """Read papers, entities, links and evidence into an undirected networkx graph.

    Parameters
    ----------
    store:
        Any :class:`kg.store.Store`.
    graph_filter:
        Types, date range and minimum paper count; everything when None.

    Returns
    -------
    The graph and a report of what the filter left out.
    """
    chosen = graph_filter or GraphFilter()
    report = LoadReport()
    graph = nx.Graph()

    for row in store.query(PAPERS):
        node = str(row["paper"])
        attrs = graph.nodes[node] if node in graph else None
        if attrs is None:
            issued = row.get("issued") or row.get("listed")
            graph.add_node(
                node,
                type="paper",
                label=str(row.get("title") or _local(node)),
                date=str(issued) if issued is not None else "",
                upvotes=_int(row.get("upvotes")),
                url=str(row.get("url") or ""),
                author_count=_int(row.get("authors")),
                identifiers=[],
            )
            attrs = graph.nodes[node]
        for key in ("identifier", "arxiv"):
            value = row.get(key)
            if value is not None and str(value) not in attrs["identifiers"]:
                attrs["identifiers"].append(str(value))

    out_of_range = [n for n, d in graph.nodes(data=True) if not chosen.keeps_date(d["date"])]
    report.papers_out_of_range = len(out_of_range)
    graph.remove_nodes_from(out_of_range)

    entities: dict[str, dict] = {}
    for row in store.query(ENTITIES):
        kind = CLASS_TYPE.get(str(row["class"]))
        if kind is None or kind not in chosen.types:
            continue
        node = str(row["entity"])
        attrs = entities.setdefault(
            node, {"type": kind, "label": "", "aliases": [], "broader": [], "papers": 0}
        )
        label = row.get("pref") or row.get("label")
        if label is not None and not attrs["label"]:
            attrs["label"] = str(label)
        alt = row.get("alt")
        if alt is not None and str(alt) not in attrs["aliases"]:
            attrs["aliases"].append(str(alt))
        parent = row.get("broader")
        if parent is not None and str(parent) not in attrs["broader"]:
            attrs["broader"].append(str(parent))

    links: dict[tuple[str, str], list[str]] = {}
    for row in store.query(LINKS):
        paper, entity = str(row["paper"]), str(row["entity"])
        if paper in graph and entity in entities:
            relations = links.setdefault((paper, entity), [])
            name = _local(row["property"])
            if name not in relations:
                relations.append(name)

    counts: dict[str, int] = {}
    for _paper, entity in links:
        counts[entity] = counts.get(entity, 0) + 1
    for node, attrs in entities.items():
        attrs["papers"] = counts.get(node, 0)
        if attrs["papers"] < chosen.min_papers:
            report.entities_below_min += 1
            continue
        if not attrs["label"]:
            attrs["label"] = _local(node)
        graph.add_node(node, **attrs)

    for (paper, entity), relations in links.items():
        if entity in graph:
            graph.add_edge(paper, entity, relations=sorted(relations), evidence=[])

    for row in store.query(EVIDENCE):
        paper, entity = str(row["paper"]), str(row["entity"])
        if not graph.has_edge(paper, entity):
            continue
        edge = graph.edges[paper, entity]
        evidence = edge["evidence"]
        sentence = " ".join(str(row["sentence"]).split())
        if len(evidence) >= MAX_EVIDENCE or any(e["sentence"] == sentence for e in evidence):
            continue
        evidence.append(
            {
                "sentence": sentence,
                # a paper links an entity by one property: the one this evidence backs
                "relation": edge["relations"][0],
                "component": _local(row.get("component") or ""),
            }
        )
    for _a, _b, data in graph.edges(data=True):
        data["evidence"].sort(key=lambda item: item["sentence"])
    return graph, report


def for_export(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF can hold: str, int and float only.

    Lists become ``"; "``-joined text, missing values are left out (GraphML and
    GEXF both allow a node without a given attribute), evidence becomes the
    first sentence.
    """
    out = nx.Graph()
    for node, data in graph.nodes(data=True):
        attrs: dict[str, str | int | float] = {}
        for key, value in data.items():
            if isinstance(value, bool):
                attrs[key] = int(value)
            elif isinstance(value, int | float | str):
                if value != "":
                    attrs[key] = value
            elif isinstance(value, list | tuple):
                if value:
                    attrs[key] = "; ".join(map(str, value))
            elif value is not None:
                attrs[key] = str(value)
        attrs.setdefault("label", node)
        out.add_node(node, **attrs)
    for a, b, data in graph.edges(data=True):
        attrs = {"relations": "; ".join(data.get("relations", []))}
        evidence = data.get("evidence") or []
        if evidence:
            attrs["evidence"] = evidence[0]["sentence"]
        out.add_edge(a, b, **attrs)
    return out


def type_counts(graph: nx.Graph) -> dict[str, int]:
    """Nodes per type, in legend order (types with none left out)."""
    counts = {kind: 0 for kind in NODE_TYPES}
    for _node, kind in graph.nodes(data="type"):
        counts[kind] = counts.get(kind, 0) + 1
    return {kind: count for kind, count in counts.items() if count}


__all__ = [
    "ENTITY_TYPES",
    "NODE_TYPES",
    "GraphFilter",
    "LoadReport",
    "ViewError",
    "for_export",
    "load_graph",
    "type_counts",
]
