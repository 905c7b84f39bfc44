"""Centrality, communities and a starting layout for a view graph.

Kept cheap enough for a few thousand nodes without scipy: degree centrality
(linear), Louvain communities (networkx, seeded so pages are reproducible) and a
layout that puts each community on its own patch of the plane, so related work
starts out grouped and the browser's physics only has to settle it.
"""

from __future__ import annotations

import math

import networkx as nx

#: Fixed seed: the same graph gives the same communities and the same picture.
SEED = 7
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def centrality(graph: nx.Graph) -> dict[str, float]:
    """Degree centrality of every node (0 for a graph of one node).

    >>> centrality(nx.path_graph(["a", "b", "c"]))["b"]
    1.0
    """
    if len(graph) <= 1:
        return dict.fromkeys(graph, 0.0)
    return nx.degree_centrality(graph)


def communities(graph: nx.Graph) -> dict[str, int]:
    """Community index of every node, largest community first.

    Louvain modularity over the edges; isolated nodes each form their own
    community. Falls back to connected components if Louvain fails.

    >>> parts = communities(nx.Graph([("a", "b"), ("c", "d")]))
    >>> parts["a"] == parts["b"] != parts["c"]
    True
    """
    if graph.number_of_edges() == 0:
        return {node: index for index, node in enumerate(sorted(graph))}
    try:
        found = nx.community.louvain_communities(graph, seed=SEED)
    except (nx.NetworkXError, ZeroDivisionError):  # pragma: no cover - defensive
        found = list(nx.connected_components(graph))
    ordered = sorted(found, key=lambda part: (-len(part), min(part)))
    return {node: index for index, part in enumerate(ordered) for node in part}


def layout(
    graph: nx.Graph, groups: dict[str, int], scores: dict[str, float], *, spread: float = 40.0
) -> dict[str, tuple[float, float]]:
    """Starting positions: one sunflower patch per community, hubs at each centre.

    Communities are placed on a larger sunflower by size, so the biggest sit in
    the middle; within a patch, nodes spiral outwards by falling centrality.
    """
    members: dict[int, list[str]] = {}
    for node in graph:
        members.setdefault(groups.get(node, 0), []).append(node)
    order = sorted(members, key=lambda g: (-len(members[g]), g))
    positions: dict[str, tuple[float, float]] = {}
    radius_so_far = 0.0
    for rank, group in enumerate(order):
        nodes = sorted(members[group], key=lambda n: (-scores.get(n, 0.0), n))
        patch = spread * math.sqrt(len(nodes))
        if rank == 0:
            cx = cy = 0.0
            radius_so_far = patch
        else:
            distance = radius_so_far + patch + spread
            angle = rank * _GOLDEN_ANGLE
            cx, cy = distance * math.cos(angle), distance * math.sin(angle)
            radius_so_far += patch * 0.35  # grow slowly so patches do not overlap much
        for index, node in enumerate(nodes):
            r = spread * math.sqrt(index)
            theta = index * _GOLDEN_ANGLE
            positions[node] = (cx + r * math.cos(theta), cy + r * math.sin(theta))
    return positions
