"""The three views a researcher opens, as plain view models over networkx.

- :func:`overview`: the most connected papers and entities of the whole graph.
- :func:`focus`: one paper or entity and its neighbourhood to a given depth.
- :func:`shared`: papers joined through the datasets (hardware, methods, ...)
  they share.

Each returns a :class:`View`: the subgraph to draw, with centrality, communities
and starting positions, and a note of everything the node cap left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from kg.views.analysis import centrality, communities, layout
from kg.views.network import ENTITY_TYPES, NODE_TYPES, LoadReport, ViewError, type_counts
from kg.views.resolve import resolve

#: Default cap on drawn nodes: enough to see structure, small enough to stay smooth.
DEFAULT_MAX_NODES = 500


@dataclass
class View:
    """A graph ready to draw, and what a reader needs to know about it."""

    kind: str  # "overview", "focus" or "shared"
    title: str
    graph: nx.Graph
    scores: dict[str, float] = field(default_factory=dict)
    groups: dict[str, int] = field(default_factory=dict)
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    focus: str | None = None
    total: dict[str, int] = field(default_factory=dict)  # nodes per type before the cap
    left_out: dict[str, int] = field(default_factory=dict)  # nodes per type cut by the cap
    notes: list[str] = field(default_factory=list)

    @property
    def shown(self) -> dict[str, int]:
        return type_counts(self.graph)


_PLURAL = {"hardware": "hardware", "code": "code links", "entity": "entities"}


def _plural(kind: str, count: int) -> str:
    return f"{count:,} {kind if count == 1 else _PLURAL.get(kind, kind + 's')}"


def _finish(
    kind: str,
    title: str,
    source: nx.Graph,
    chosen: list[str],
    *,
    max_nodes: int,
    report: LoadReport | None,
    focus_node: str | None = None,
    order_note: str = "the most connected first",
) -> View:
    """Cap, analyse and annotate the chosen nodes (in order of importance)."""
    if max_nodes < 1:
        raise ViewError(f"--max-nodes must be at least 1, got {max_nodes}")
    kept = chosen[:max_nodes]
    graph = source.subgraph(kept).copy()
    candidates = source.subgraph(chosen)
    view = View(kind=kind, title=title, graph=graph, focus=focus_node)
    view.total = type_counts(candidates)
    dropped = candidates.subgraph(chosen[max_nodes:])
    view.left_out = type_counts(dropped)
    if view.left_out:
        parts = ", ".join(_plural(k, n) for k, n in view.left_out.items())
        view.notes.append(
            f"Showing {len(kept):,} of {len(chosen):,} nodes, {order_note}. "
            f"Left out: {parts}. Raise --max-nodes, or narrow with --focus, --types, "
            "--min-papers or --since/--until."
        )
    if report is not None:
        if report.papers_out_of_range:
            view.notes.append(
                f"{_plural('paper', report.papers_out_of_range)} outside the date range "
                "(or without a year) left out."
            )
        if report.entities_below_min:
            view.notes.append(
                f"{_plural('entity', report.entities_below_min)} "
                "named by too few papers left out (--min-papers)."
            )
        view.notes.extend(report.notes)
    view.scores = centrality(graph)
    view.groups = communities(graph)
    view.positions = layout(graph, view.groups, view.scores)
    return view


def _importance(graph: nx.Graph):
    scores = centrality(graph)

    def key(node: str) -> tuple:
        data = graph.nodes[node]
        return (-scores.get(node, 0.0), -(data.get("upvotes") or 0), str(data.get("label")), node)

    return key


def overview(
    graph: nx.Graph, *, max_nodes: int = DEFAULT_MAX_NODES, report: LoadReport | None = None
) -> View:
    """The most connected papers and entities, sized by centrality, grouped by community."""
    order = sorted(graph, key=_importance(graph))
    return _finish("overview", "Overview", graph, order, max_nodes=max_nodes, report=report)


def focus(
    graph: nx.Graph,
    name: str,
    *,
    depth: int = 2,
    max_nodes: int = DEFAULT_MAX_NODES,
    report: LoadReport | None = None,
) -> View:
    """A paper or entity (by label, alias, title, id or IRI) and its neighbourhood.

    Depth 1 from a paper shows what it names; depth 2 adds the other papers that
    name the same things. Nearer nodes are kept first when the cap bites.
    """
    if depth < 0:
        raise ViewError(f"--depth must be 0 or more, got {depth}")
    found = resolve(graph, name)
    distance = nx.single_source_shortest_path_length(graph, found.node, cutoff=depth)
    key = _importance(graph)
    order = sorted(distance, key=lambda node: (distance[node], *key(node)))
    label = graph.nodes[found.node].get("label", found.node)
    view = _finish(
        "focus",
        f"Focus: {label} (depth {depth})",
        graph,
        order,
        max_nodes=max_nodes,
        report=report,
        focus_node=found.node,
        order_note="the nearest first",
    )
    if found.others:
        names = "; ".join(
            f"{graph.nodes[n].get('label', n)} ({graph.nodes[n].get('type')})"
            for n in found.others[:5]
        )
        view.notes.insert(0, f"{name!r} also matches: {names}. Pass an id or IRI to choose.")
    return view


def shared(
    graph: nx.Graph,
    kind: str,
    *,
    min_papers: int = 2,
    max_nodes: int = DEFAULT_MAX_NODES,
    report: LoadReport | None = None,
) -> View:
    """Papers joined through the entities of one type they share.

    Only entities named by at least ``min_papers`` papers (two or more) are
    drawn, with the papers that name them; the most shared come first.
    """
    kind = kind.strip().lower().removesuffix("s")
    if kind not in ENTITY_TYPES:
        raise ViewError(
            f"unknown type {kind!r} for --shared: expected one of {', '.join(ENTITY_TYPES)}"
        )
    threshold = max(2, min_papers)
    hubs = [
        node
        for node, data in graph.nodes(data=True)
        if data.get("type") == kind and graph.degree(node) >= threshold
    ]
    hubs.sort(key=lambda n: (-graph.degree(n), str(graph.nodes[n].get("label")), n))
    order: list[str] = []
    seen: set[str] = set()
    for hub in hubs:
        papers = sorted(
            (n for n in graph[hub] if graph.nodes[n].get("type") == "paper" and n not in seen),
            key=_importance(graph),
        )
        for node in (hub, *papers):
            seen.add(node)
            order.append(node)
    title = f"Papers sharing a {kind}"
    view = _finish(
        "shared",
        title,
        graph,
        order,
        max_nodes=max_nodes,
        report=report,
        order_note=f"the most shared {kind}s first",
    )
    if not hubs:
        view.notes.insert(0, f"No {kind} is named by {threshold} or more papers in this graph.")
    return view


__all__ = ["DEFAULT_MAX_NODES", "NODE_TYPES", "View", "focus", "overview", "shared"]
