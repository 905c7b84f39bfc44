"""Find the node a user means by ``--focus NAME``.

A name matches a node as it does in the query layer (:mod:`kg.query.resolve`):
when it equals, ignoring case, spacing and punctuation, an entity's label or one
of its aliases (or their singular: "GPUs"), or a paper's title, id (the
listing's own id, its arXiv id) or IRI; failing that, the first whole words of
one paper's title ("ByteScale"). An exact label beats an alias; among equals,
the best-connected node wins and the others are reported.

This works on the networkx graph the views already hold, so it needs no query
of its own; the matching rules are the query layer's.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import networkx as nx

from kg.errors import NotFoundError
from kg.query.resolve import several_titles, singular_key, title_begins
from kg.records import entity_key, normalise_arxiv_id, normalise_title


@dataclass(frozen=True, slots=True)
class Resolved:
    node: str
    #: Other nodes the name matched as well, best first.
    others: tuple[str, ...] = ()


def _keys(node: str, data: dict) -> tuple[set[str], set[str]]:
    """(strong keys, weak keys) a node answers to."""
    strong = {entity_key(str(data.get("label", ""))), node.casefold()}
    weak = {entity_key(alias) for alias in data.get("aliases", [])}
    for identifier in data.get("identifiers", []):
        strong.add(entity_key(identifier))
        arxiv = normalise_arxiv_id(identifier)
        if arxiv:
            strong.add(entity_key(arxiv))
    strong.discard("")
    weak.discard("")
    return strong, weak - strong


def _matches(graph: nx.Graph, wanted: set[str]) -> list[str]:
    """Nodes with a strong key in ``wanted``; failing that, with a weak one."""
    strong_hits: list[str] = []
    weak_hits: list[str] = []
    for node, data in graph.nodes(data=True):
        strong, weak = _keys(node, data)
        if wanted & strong:
            strong_hits.append(node)
        elif wanted & weak:
            weak_hits.append(node)
    return strong_hits or weak_hits


def resolve(graph: nx.Graph, name: str) -> Resolved:
    """The node ``name`` refers to.

    Raises
    ------
    NotFoundError
        Nothing matches; the message suggests close labels.
    """
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if text in graph:
        return Resolved(text)
    arxiv = normalise_arxiv_id(text)
    wanted = {entity_key(text), text.casefold()}
    if arxiv:
        wanted.add(entity_key(arxiv))
    wanted.discard("")
    hits = _matches(graph, wanted)
    singular = singular_key(entity_key(text))
    if not hits and singular:
        hits = _matches(graph, {singular})
    if not hits:
        words = normalise_title(text)
        starting = {
            node: str(data.get("label", ""))
            for node, data in graph.nodes(data=True)
            if data.get("type") == "paper"
            and title_begins(normalise_title(str(data.get("label", ""))), words)
        }
        if len(starting) > 1:
            raise several_titles(name, list(starting.values()))
        hits = list(starting)
    if not hits:
        labels = {str(data.get("label", "")): node for node, data in graph.nodes(data=True)}
        close = difflib.get_close_matches(text, list(labels), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise NotFoundError(f"no paper or entity named {name!r} in the graph{hint}")
    hits.sort(key=lambda node: (-graph.degree(node), node))
    return Resolved(hits[0], tuple(hits[1:]))
