"""Multimodal routing: the best route(s) between two places, with via, avoid and no-route reasons.

:func:`route` is the engine's main entry point. Routes are searched on the
transfer-expanded graph (:mod:`corridors.model.expanded`) with the per-edge
weights of a scenario view, so a scenario never changes the network; the
search itself is :mod:`corridors.routing.search`, the distinct alternatives
:mod:`corridors.routing.alternatives`, and the reason for a missing route
:mod:`corridors.routing.diagnose`. This module checks the options (the limits
below, :func:`check_alternatives`, :func:`resolve_node`) and builds the
:class:`~corridors.routing.results.Route` of each path found.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any

from corridors._errors import LimitError, ValidationError
from corridors._text import short
from corridors.model.base_info import base_graph
from corridors.model.expanded import ExpandedGraph, node_text
from corridors.model.params import Params, default_params
from corridors.model.presets import load_scenario
from corridors.model.scenario import Scenario
from corridors.model.view import ScenarioView, scenario_view, view_of
from corridors.network.lookup import match_node
from corridors.routing.alternatives import distinct_alternatives
from corridors.routing.build import build_route
from corridors.routing.diagnose import avoid_causes, diagnose
from corridors.routing.endpoints import Endpoint, best_path, resolve_endpoint, with_ends
from corridors.routing.objectives import check_objective
from corridors.routing.results import RouteSet
from corridors.routing.search import masked

__all__ = [
    "MAX_ALTERNATIVES",
    "MAX_AVOID",
    "MAX_VIA",
    "check_alternatives",
    "resolve_node",
    "route",
]

MAX_ALTERNATIVES = 10
"""Most alternatives one call may ask for."""

MAX_VIA = 5
"""Most via nodes one call may ask for."""

MAX_AVOID = 50
"""Most places to avoid (nodes, chokepoints, corridors and modes together) one call may ask for."""

_CALENDAR_ROUNDS = 4  # searches after routes found closed when a seasonal leg is reached


def route(
    network: Any,
    origin: str,
    destination: str,
    *,
    scenario: Scenario | str | None = None,
    params: Params | None = None,
    optimize: str = "time",
    alternatives: int = 1,
    via: Sequence[str] = (),
    avoid: Sequence[str] = (),
    avoid_chokepoints: Sequence[str] = (),
    avoid_corridors: Sequence[str] = (),
    avoid_modes: Sequence[str] = (),
    terminals: bool = True,
) -> RouteSet:
    """Find the best route(s) between two places.

    Parameters
    ----------
    network
        A :class:`~corridors.network.loader.Network` or its base graph.
    origin, destination
        Node ids or names (case-insensitive), or places that are not nodes:
        a gazetteer name (``"Ludhiana"``), a UN/LOCODE or a position
        ``"lon,lat"``, joined to the nearest terminals by a first/last-mile
        truck leg (:mod:`corridors.routing.endpoints`). Each route includes
        the terminal handling at both ends.
    scenario
        A :class:`~corridors.model.scenario.Scenario`, preset name or TOML text
        (see :func:`~corridors.model.scenario.load_scenario`; a string never
        names a file); None for the baseline.
    params
        Base parameters (the bundled defaults when None).
    optimize
        ``"time"`` (default), ``"distance"``, ``"cost"`` or ``"co2"``.
    alternatives
        How many label-distinct routes to return (1 to
        :data:`MAX_ALTERNATIVES`).
    via
        Node ids to pass through, in order.
    avoid
        Node ids not to pass through.
    avoid_chokepoints, avoid_corridors, avoid_modes
        Keys from :mod:`corridors.network.schema` not to use.
    terminals
        Include the terminal handling at both ends (loading at the origin,
        unloading at the destination, ``[terminal]``); False gives the
        quay-to-quay (terminal-to-terminal) figures that published liner
        transit times quote.

    Returns
    -------
    RouteSet
        With ``infeasible_reason`` set (and no routes) when no route exists.

    Raises
    ------
    UnknownNodeError
        For an unknown node id (with the closest ids and names).
    ValidationError
        For invalid options or a scenario naming unknown ids.
    LimitError
        When more than :data:`MAX_ALTERNATIVES` alternatives, :data:`MAX_VIA`
        via nodes or :data:`MAX_AVOID` places to avoid are asked for.
    """
    objective = check_objective(optimize)
    alternatives = check_alternatives(alternatives)
    via = _sequence(via, "via")
    avoid = _sequence(avoid, "avoid")
    avoid_chokepoints = _sequence(avoid_chokepoints, "avoid_chokepoints")
    avoid_corridors = _sequence(avoid_corridors, "avoid_corridors")
    avoid_modes = _sequence(avoid_modes, "avoid_modes")
    if len(via) > MAX_VIA:
        raise LimitError(f"{len(via):,} via nodes asked for, over the limit of {MAX_VIA} (MAX_VIA)")
    avoided = len(avoid) + len(avoid_chokepoints) + len(avoid_corridors) + len(avoid_modes)
    if avoided > MAX_AVOID:
        raise LimitError(f"{avoided:,} places to avoid asked for, over the limit of {MAX_AVOID} (MAX_AVOID)")
    scenario = load_scenario(scenario)
    view = scenario_view(network, scenario, params)
    exp = view.expanded
    start = resolve_endpoint(network, exp, origin, "origin", view.params, terminals=terminals)
    end = resolve_endpoint(network, exp, destination, "destination", view.params, terminals=terminals)
    via = tuple(resolve_node(exp, v) for v in via)
    avoid = tuple(resolve_node(exp, a) for a in avoid)
    ends = [a.node_id for a in (*start.access, *end.access)]
    extras = avoid_causes(exp, (*ends, *via), avoid, avoid_chokepoints, avoid_corridors, avoid_modes)
    base = {
        "origin": start.id,
        "destination": end.id,
        "origin_name": _end_name(exp, start),
        "destination_name": _end_name(exp, end),
        "scenario": view.scenario.name,
        "optimize": objective,
        "via": via,
    }
    if start.id == end.id and not via:
        what = node_text(exp, start.id) if start.node_id else start.place.label  # type: ignore[union-attr]
        reason = f"origin and destination are the same {'node' if start.node_id else 'place'} ({what})"
        return RouteSet(**base, routes=(), infeasible_reason=reason)

    base_params = default_params() if params is None else params

    def month_view(month: int) -> ScenarioView:
        return view_of(exp, scenario.at_month(month), base_params)

    via_stages = [exp.copies[n] for n in via]
    banned: list[int] = [e for _, eids in extras for e in eids]
    dropped: list[str] = []
    for _round in range(_CALENDAR_ROUNDS):
        weights = masked(view.weights(objective), banned)
        picked = best_path(exp, weights, start, end, via_stages, objective)
        if picked is None:
            if dropped:
                return RouteSet(**base, routes=(), infeasible_reason="; ".join(dropped))
            first, last = start.access[0], end.access[0]
            stages = [*via_stages, exp.copies[last.node_id]]
            reason = diagnose(view, extras, exp.copies[first.node_id], stages, first.node_id, last.node_id, via)
            return RouteSet(**base, routes=(), infeasible_reason=reason)
        (total, nodes, eids), first, last = picked
        sources, stages = exp.copies[first.node_id], [*via_stages, exp.copies[last.node_id]]
        ends_weight = first.weight(objective) + last.weight(objective)
        paths = [(total - ends_weight, nodes, eids)]
        if alternatives > 1:
            paths = distinct_alternatives(exp, weights, sources, stages, paths[0], alternatives)
        routes = []
        for cost, p_nodes, p_eids in paths:
            built, closed, why = build_route(
                view, cost, p_nodes, p_eids, objective,
                departure=scenario.departure, month_view=month_view, start_h=first.weight("time"),
            )  # fmt: skip
            if closed:
                banned.extend(closed)
                dropped.append(f"{built.label}: {why}")
                continue
            routes.append(with_ends(built, view, start, first, end, last, ends_weight))
        if routes:
            break
    notes = tuple(f"left out: {text}" for text in dropped)
    if len(routes) < alternatives:
        notes = (*notes, f"only {len(routes)} distinct route(s) found (asked for {alternatives})")
    return RouteSet(**base, routes=tuple(routes), infeasible_reason=None if routes else "; ".join(dropped), notes=notes)


def check_alternatives(alternatives: object) -> int:
    """Return `alternatives` as an int after checking it is a whole number from 1 to :data:`MAX_ALTERNATIVES`.

    Parameters
    ----------
    alternatives
        How many routes are asked for (e.g. ``int`` of a URL's ``k``).

    Returns
    -------
    int

    Raises
    ------
    ValidationError
        When it is not a whole number of at least 1.
    LimitError
        When it is over :data:`MAX_ALTERNATIVES`.
    """
    if isinstance(alternatives, bool) or not isinstance(alternatives, numbers.Integral):
        raise ValidationError(f"alternatives must be a positive integer, got {short(alternatives)}")
    count = int(alternatives)
    if count < 1:
        raise ValidationError(f"alternatives must be a positive integer, got {_number(count)}")
    if count > MAX_ALTERNATIVES:
        raise LimitError(
            f"{_number(count)} alternatives asked for, over the limit of {MAX_ALTERNATIVES} (MAX_ALTERNATIVES)"
        )
    return count


def _sequence(values: Any, field: str) -> tuple[Any, ...]:
    """`values` as a tuple; a single string is one value, not its characters."""
    if values is None:
        return ()
    if isinstance(values, str):
        return (values,)
    try:
        return tuple(values)
    except TypeError:
        raise ValidationError(f"{field} must be a list, got {short(values)}") from None


def _number(count: int) -> str:
    """``12,345``, or the number of digits of a huge number."""
    return f"{count:,}" if abs(count) < 10**15 else f"a {len(str(abs(count))):,}-digit number"


def resolve_node(network: Any, node_id: str) -> str:
    """Return the node id matching `node_id` (:func:`~corridors.network.lookup.match_node`'s rule).

    Parameters
    ----------
    network
        An :class:`~corridors.model.expanded.ExpandedGraph`, a Network or a graph.
    node_id
        What the user typed.

    Returns
    -------
    str

    Raises
    ------
    UnknownNodeError
        With the closest ids and names as suggestions.
    """
    if isinstance(network, ExpandedGraph):
        names = {k: v.name for k, v in network.node_info.items()}
    else:
        names = _node_names_of(network)
    return match_node(node_id, names)


def _end_name(exp: ExpandedGraph, end: Endpoint) -> str:
    """The node's name, or the place's label (``"Ludhiana, IN"``)."""
    return exp.node_info[end.node_id].name if end.node_id is not None else end.place.label  # type: ignore[union-attr]


def _node_names_of(network: Any) -> dict[str, str]:
    """Node id -> name of a Network or graph (the id when a node has no name)."""
    graph = base_graph(network)
    return {k: str(d.get("name") or k) for k, d in graph.nodes(data=True)}
