"""Why no route exists: the places avoided as causes, and the smallest sets of causes to blame.

A missing route is an answer: :attr:`~corridors.routing.results.RouteSet.infeasible_reason`
names the closures, seasons or statuses that block it (the smallest set of
them whose lifting restores a route), as found by :func:`diagnose`.
"""

from __future__ import annotations

from collections.abc import Sequence

from corridors._errors import Problem, ValidationError
from corridors._text import short
from corridors.model.expanded import ExpandedGraph, node_text
from corridors.model.view import Cause, ScenarioView
from corridors.network import schema
from corridors.network.schema import chokepoint_name, corridor_name

__all__ = ["avoid_causes", "diagnose"]

# Order in which no-route causes are tried for removal: the first kinds are
# the least helpful to blame (the network's own state), the last the most.
_BLAME_ORDER = {
    "status": 0,
    "avoid": 1,
    "season": 2,
    "mode": 3,
    "corridor": 3,
    "leg": 4,
    "node": 4,
    "chokepoint": 5,
}
_MAX_REASON_GROUPS = 5


def avoid_causes(
    exp: ExpandedGraph,
    endpoints: Sequence[str],
    nodes: Sequence[str],
    chokepoints: Sequence[str],
    corridors: Sequence[str],
    modes: Sequence[str],
) -> list[tuple[Cause, tuple[int, ...]]]:
    """Check the places to avoid and return each as a no-route cause with the edges it blocks.

    Parameters
    ----------
    exp : ExpandedGraph
    endpoints : sequence of str
        Origin, destination and via node ids (they cannot be avoided).
    nodes : sequence of str
        Node ids to avoid (already resolved).
    chokepoints, corridors, modes : sequence of str
        Keys of :data:`corridors.network.schema.CHOKEPOINTS`, ``CORRIDORS``
        and ``MODES`` to avoid.

    Returns
    -------
    list of (Cause, tuple of int)
        One ``avoid`` cause per place, with the edge ids it closes.

    Raises
    ------
    ValidationError
        For an endpoint to avoid or an unknown key (every problem is reported).
    """
    problems = []
    for node_id in nodes:
        if node_id in endpoints:
            problems.append(
                Problem(
                    "route",
                    None,
                    "avoid",
                    f"cannot avoid {node_text(exp, node_id)}: it is an origin, destination or via node",
                )
            )
    for field, values, vocabulary in (
        ("avoid_chokepoints", chokepoints, schema.CHOKEPOINTS),
        ("avoid_corridors", corridors, schema.CORRIDORS),
        ("avoid_modes", modes, schema.MODES),
    ):
        for value in values:
            if value not in vocabulary:
                problems.append(
                    Problem("route", None, field, f"unknown key {short(value)}; known: {', '.join(vocabulary)}")
                )
    if problems:
        raise ValidationError(problems)
    causes = [(Cause("avoid", n, f"avoiding {node_text(exp, n)}"), exp.node_edges.get(n, ())) for n in nodes]
    causes += [
        (Cause("avoid", c, f"avoiding {chokepoint_name(c)}"), exp.chokepoint_edges.get(c, ()))
        for c in chokepoints
    ]
    causes += [
        (Cause("avoid", c, f"avoiding the {corridor_name(c)} corridor"), exp.edges_where(corridor=c))
        for c in corridors
    ]
    causes += [(Cause("avoid", m, f"avoiding {m} legs"), exp.edges_where(mode=m)) for m in modes]
    return causes


def diagnose(
    view: ScenarioView,
    extras: list[tuple[Cause, tuple[int, ...]]],
    sources: Sequence[int],
    stages: Sequence[Sequence[int]],
    origin: str,
    destination: str,
    via: Sequence[str],
) -> str:
    """Say why no route exists: the smallest sets of closures whose lifting opens one.

    Each cause (a scenario closure, season, planned leg, or a place the
    caller avoids) closes some edges. Starting from everything lifted, the
    causes are put back one at a time, least helpful to blame first
    (:data:`_BLAME_ORDER`), as long as a route stays open; what must stay
    lifted is one group. Up to five groups are found, each keeping the
    earlier groups closed.

    Parameters
    ----------
    view : ScenarioView
    extras : list of (Cause, tuple of int)
        The avoided places (from :func:`avoid_causes`).
    sources, stages
        As for :func:`corridors.routing.search.search`.
    origin, destination : str
    via : sequence of str
        Node ids, for the message.

    Returns
    -------
    str
        ``"No route from A (ID) to B (ID): ..."``.
    """
    exp = view.expanded
    causes = list(view.causes) + [c for c, _ in extras]
    edge_causes = [list(c) for c in view.edge_causes]
    for i, (_, eids) in enumerate(extras, start=len(view.causes)):
        for e in eids:
            edge_causes[e].append(i)
    where = f"No route from {node_text(exp, origin)} to {node_text(exp, destination)}"
    if via:
        where += " via " + ", ".join(node_text(exp, v) for v in via)

    def connected(lifted: set[int]) -> bool:
        open_edges = [all(c in lifted for c in ec) for ec in edge_causes]
        start: Sequence[int] = sources
        for stage in stages:
            if not _reachable(exp, open_edges, start, set(stage)):
                return False
            start = stage
        return True

    everything = set(range(len(causes)))
    order = sorted(everything, key=lambda i: (_BLAME_ORDER.get(causes[i].kind, 9), i))
    groups: list[list[Cause]] = []
    kept_closed: set[int] = set()
    while len(groups) < _MAX_REASON_GROUPS:
        lifted = everything - kept_closed
        if not connected(lifted):
            break
        for index in order:
            if index in lifted and connected(lifted - {index}):
                lifted = lifted - {index}
        if not lifted:  # open without lifting anything: the figures, not a closure, block the way
            break
        groups.append([causes[i] for i in sorted(lifted)])
        kept_closed |= lifted
    if not groups:
        if connected(set()):
            return f"{where}: every open route has an infinite total (check the scenario's figures)"
        return f"{where}: the network has no connection between them"
    text = "; ".join(_join_causes(group) for group in groups)
    if len(groups) > 1:
        text += " (lifting any one of these opens a route)"
    return f"{where}: {text}"


def _reachable(exp: ExpandedGraph, open_edges: list[bool], sources: Sequence[int], targets: set[int]) -> bool:
    seen = set(sources)
    stack = list(sources)
    while stack:
        u = stack.pop()
        if u in targets:
            return True
        for v, e in exp.adj[u]:
            if open_edges[e] and v not in seen:
                seen.add(v)
                stack.append(v)
    return False


def _join_causes(causes: Sequence[Cause]) -> str:
    chokepoints = [chokepoint_name(c.key) for c in causes if c.kind == "chokepoint"]
    parts = [f"{_and(chokepoints)} closed"] if chokepoints else []
    parts.extend(c.text for c in causes if c.kind != "chokepoint")
    return _and(parts)


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
