"""Distinct alternatives: the next best routes that use a different set of corridors.

Alternatives are *label-distinct*: the next route must use a different set
of corridors/branches (e.g. "INSTC western", "INSTC trans-Caspian",
"Suez", "Cape"), not the same route with one extra call. They are found by
blocking, one at a time, the corridor branches of the routes found so far
(a Lawler-style search over corridor keys instead of edges), best first.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from corridors.model.expanded import ExpandedGraph
from corridors.routing.labels import route_label
from corridors.routing.search import Path, masked, search

__all__ = ["distinct_alternatives"]


def distinct_alternatives(
    exp: ExpandedGraph,
    weights: list[float],
    sources: Sequence[int],
    stages: Sequence[Sequence[int]],
    first: Path,
    k: int,
) -> list[Path]:
    """Return up to `k` paths with distinct labels, best first, starting with `first`.

    A Lawler-style search over corridor keys: each accepted path's
    ``(corridor, branch)`` keys are blocked one at a time (on top of the
    keys blocked to find it), the best path found under each set of blocked
    keys is queued, and a queued path is accepted when its label is new.
    Up to ``2 k`` distinct paths are found (at most ``4 + 8 k`` searches);
    the `k` returned are the best of each corridor family first (so the
    Black Sea and Suez routes are not crowded out by five INSTC variants),
    then the best of the rest, in order of cost.

    Parameters
    ----------
    exp : ExpandedGraph
    weights : list of float
        Weight per edge id (with the caller's avoided edges already blocked).
    sources, stages
        As for :func:`corridors.routing.search.search`.
    first : Path
        The best path.
    k : int
        How many paths are wanted.

    Returns
    -------
    list of Path
        ``first`` and the alternatives found (fewer than `k` when no more
        distinct labels turn up).
    """
    max_searches = 4 + 8 * k
    wanted = 2 * k
    searches = 0
    accepted = [first]
    labels = {_path_label(exp, first)}
    tried: set[frozenset[tuple[str, str | None]]] = {frozenset()}
    heap: list[tuple[float, int, frozenset[tuple[str, str | None]], Path]] = []
    counter = 0

    def expand(path: Path, blocked: frozenset[tuple[str, str | None]]) -> None:
        nonlocal searches, counter
        for key in _path_keys(exp, path[2]):
            if key in blocked:
                continue
            child = blocked | {key}
            if child in tried or searches >= max_searches:
                continue
            tried.add(child)
            searches += 1
            blocked_weights = masked(weights, (e for b in child for e in exp.branch_edges.get(b, ())))
            found = search(exp, blocked_weights, sources, stages)
            if found is not None:
                counter += 1
                heapq.heappush(heap, (found[0], counter, child, found))

    expand(first, frozenset())
    while heap and len(accepted) < wanted:
        _, _, blocked, path = heapq.heappop(heap)
        label = _path_label(exp, path)
        if label not in labels:
            labels.add(label)
            accepted.append(path)
        expand(path, blocked)
    return _family_first(exp, accepted, k)


def _family_first(exp: ExpandedGraph, paths: list[Path], k: int) -> list[Path]:
    """`k` of `paths` (best first): the best path of each family, then the next best, in cost order."""
    families: set[str] = set()
    leaders, others = [], []
    for path in paths:
        family = _path_label(exp, path, branches=False)
        (others if family in families else leaders).append(path)
        families.add(family)
    chosen = (leaders + others)[:k]
    return sorted(chosen, key=lambda path: paths.index(path))


def _path_keys(exp: ExpandedGraph, eids: Sequence[int]) -> list[tuple[str, str | None]]:
    """The ``(corridor, branch)`` keys of the legs of a path, in the order travelled, once each."""
    keys: list[tuple[str, str | None]] = []
    for e in eids:
        leg_id = exp.edges[e].leg_id
        if leg_id is not None:
            leg = exp.legs[leg_id]
            key = (leg.corridor, leg.branch)
            if key not in keys:
                keys.append(key)
    return keys


def _path_label(exp: ExpandedGraph, path: Path, *, branches: bool = True) -> str:
    """The label :func:`route_label` gives the path (legs in the order travelled, with their ends)."""
    _, nodes, eids = path
    items = []
    for i, e in enumerate(eids):
        leg_id = exp.edges[e].leg_id
        if leg_id is not None:
            leg = exp.legs[leg_id]
            ends = (exp.nodes[nodes[i]].node_id, exp.nodes[nodes[i + 1]].node_id)
            items.append((leg.corridor, leg.branch, *ends, leg.services))
    return route_label(items, branches=branches)[0]
