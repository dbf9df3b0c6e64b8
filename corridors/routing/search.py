"""Shortest paths on the expanded graph: multi-source Dijkstra over integer adjacency lists.

The weights are a list indexed by edge id (a scenario view's
:meth:`~corridors.model.view.ScenarioView.weights`); a blocked edge has an
infinite weight (:func:`masked`). :func:`search` finds the best path from any
copy of the origin through each stage (via nodes, then the destination).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from corridors.model.expanded import ExpandedGraph

__all__ = ["INF", "Path", "dijkstra", "masked", "search"]

INF = float("inf")


def dijkstra(
    adj: Sequence[Sequence[tuple[int, int]]],
    weights: Sequence[float],
    sources: dict[int, float],
    targets: frozenset[int] | set[int] | None,
    *,
    settle_all_targets: bool = False,
    banned: frozenset[int] | set[int] = frozenset(),
) -> tuple[dict[int, float], dict[int, tuple[int, int]]]:
    """Multi-source Dijkstra. Stops at the first target settled (or all of them); never enters `banned`.

    Parameters
    ----------
    adj : sequence of sequence of (int, int)
        ``adj[u]`` lists ``(v, edge id)`` out of expanded node ``u``.
    weights : sequence of float
        Weight per edge id (``inf`` for a blocked edge).
    sources : dict of int to float
        Start nodes with their starting distance.
    targets : set of int or None
        Nodes to stop at; None settles every reachable node.
    settle_all_targets : bool
        Go on until every target is settled (not just the first).
    banned : set of int
        Nodes never entered.

    Returns
    -------
    tuple of (dict, dict)
        ``(dist, pred)``: settled distance per node, and ``(previous node,
        edge id)`` per node reached from a source.
    """
    dist: dict[int, float] = {}
    pred: dict[int, tuple[int, int]] = {}
    best = dict(sources)
    heap = [(d, n) for n, d in sources.items()]
    heapq.heapify(heap)
    remaining = set(targets) if targets is not None else None
    push, pop = heapq.heappush, heapq.heappop
    while heap:
        d, u = pop(heap)
        if u in dist:
            continue
        dist[u] = d
        if remaining is not None and u in remaining:
            remaining.discard(u)
            if not settle_all_targets or not remaining:
                break
        for v, e in adj[u]:
            nd = d + weights[e]
            if nd < best.get(v, INF) and v not in dist and v not in banned:
                best[v] = nd
                pred[v] = (u, e)
                push(heap, (nd, v))
    return dist, pred


Path = tuple[float, list[int], list[int]]
"""A path found: ``(total weight, expanded node indices, edge ids)``."""


def search(
    exp: ExpandedGraph,
    weights: Sequence[float],
    sources: Sequence[int],
    stages: Sequence[Sequence[int]],
) -> Path | None:
    """Best path from any source copy through each stage's copies in turn.

    With via stages, each part of the journey is searched in turn without
    revisiting the places already passed or passing the places still to
    come (so "A to C via B" does not mean "A to C, then to B and back");
    if that finds nothing, the exact layered search (which may revisit
    places) is used.

    Parameters
    ----------
    exp : ExpandedGraph
    weights : sequence of float
        Weight per edge id.
    sources : sequence of int
        The origin's copies (expanded node indices).
    stages : sequence of sequence of int
        Each via node's copies, then the destination's.

    Returns
    -------
    Path or None
        ``(cost, expanded nodes, edge ids)``, or None when no path exists.
    """
    if len(stages) > 1:
        found = _search_stepwise(exp, weights, sources, stages)
        if found is not None:
            return found
    return _search_layered(exp.adj, weights, sources, stages)


def _search_stepwise(
    exp: ExpandedGraph, weights: Sequence[float], sources: Sequence[int], stages: Sequence[Sequence[int]]
) -> Path | None:
    start = dict.fromkeys(sources, 0.0)
    nodes: list[int] = []
    eids: list[int] = []
    visited: set[str] = set()
    stage_ids = [{exp.nodes[c].node_id for c in stage} for stage in stages]
    for index, stage in enumerate(stages):
        here = {exp.nodes[c].node_id for c in start}
        later = set().union(*stage_ids[index + 1 :]) - stage_ids[index]
        banned = {i for n in (visited - here) | later for i in exp.copies[n]}
        dist, pred = dijkstra(exp.adj, weights, start, frozenset(stage), banned=banned)
        reached = [t for t in stage if t in dist]
        if not reached:
            return None
        end = min(reached, key=dist.__getitem__)
        seg_nodes, seg_eids = _backtrack(end, pred)
        nodes.extend(seg_nodes if not nodes else seg_nodes[1:])
        eids.extend(seg_eids)
        visited.update(exp.nodes[i].node_id for i in seg_nodes)
        start = {end: dist[end]}
    (cost,) = start.values()
    return cost, nodes, eids


def _search_layered(
    adj: Sequence[Sequence[tuple[int, int]]],
    weights: Sequence[float],
    sources: Sequence[int],
    stages: Sequence[Sequence[int]],
) -> Path | None:
    start = dict.fromkeys(sources, 0.0)
    preds = []
    for i, stage in enumerate(stages):
        last = i == len(stages) - 1
        targets = frozenset(stage)
        dist, pred = dijkstra(adj, weights, start, targets, settle_all_targets=not last)
        reached = {t: dist[t] for t in targets if t in dist}
        if not reached:
            return None
        preds.append(pred)
        start = reached
    end = min(start, key=start.__getitem__)
    segments = []
    node = end
    for pred in reversed(preds):
        seg_nodes, seg_eids = _backtrack(node, pred)
        segments.append((seg_nodes, seg_eids))
        node = seg_nodes[0]
    nodes = [node]
    eids: list[int] = []
    for seg_nodes, seg_eids in reversed(segments):
        nodes.extend(seg_nodes[1:])
        eids.extend(seg_eids)
    return start[end], nodes, eids


def _backtrack(end: int, pred: dict[int, tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Nodes and edges from a stage's start to `end` (a start node has no pred unless reached more cheaply)."""
    nodes = [end]
    eids: list[int] = []
    node = end
    while node in pred:
        node, e = pred[node]
        eids.append(e)
        nodes.append(node)
    nodes.reverse()
    eids.reverse()
    return nodes, eids


def masked(weights: list[float], blocked: Iterable[int]) -> list[float]:
    """Return `weights` with the `blocked` edges made impassable.

    Parameters
    ----------
    weights : list of float
        Weight per edge id (never modified).
    blocked : iterable of int
        Edge ids to block.

    Returns
    -------
    list of float
        `weights` itself when nothing is blocked, else a copy with ``inf``
        at each blocked edge.
    """
    blocked = list(blocked)
    if not blocked:
        return weights
    copy = list(weights)
    for e in blocked:
        copy[e] = INF
    return copy
