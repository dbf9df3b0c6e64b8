"""The ends of a route: any place as origin or destination, terminal handling, first and last mile.

:func:`resolve_endpoint` turns what a user typed into an :class:`Endpoint`:
a node (:func:`~corridors.network.places.resolve_place`: node ids and names
win), or a place that is not a node (a gazetteer name, a UN/LOCODE, a
position ``lon,lat``) joined to the ``[first_mile] candidates`` nearest
terminals (``kinds``, within ``max_km`` great circle) by a truck leg whose
road distance is the great-circle distance x the circuity factor (an
estimate: no road network is bundled). Each candidate carries the terminal
handling at its node (loading at the origin, unloading at the destination,
``[terminal]``).

:func:`best_path` searches the network between the candidates: each
origin candidate's copies start, and each destination candidate's copies end,
a search whose total adds the truck leg and the handling (a virtual source
and target joined to the candidates, evaluated per pair on the unchanged
expanded graph). A node-to-node query is one search, as before.
:func:`with_ends` adds the rows of the ends to a route: a zero-distance
``terminal`` row (loading, unloading) at each end and the first/last-mile
truck legs. The network is never changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridors.model.base_info import base_graph
from corridors.model.charges import Charge, charge_label, terminal_charge
from corridors.model.costs import LegFigures, leg_figures
from corridors.model.expanded import ExpandedGraph
from corridors.model.params import Params
from corridors.model.view import ScenarioView, _objective
from corridors.network.geodesy import KM_PER_NM
from corridors.network.places import Place, PlaceError, resolve_place
from corridors.routing.results import DwellItem, LegResult, Route, RouteSet
from corridors.routing.search import Path, search

__all__ = [
    "EARTH_RADIUS_KM",
    "Access",
    "Endpoint",
    "best_path",
    "is_end_row",
    "network_legs",
    "resolve_endpoint",
    "with_ends",
]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius (IUGG), for great-circle distances to the candidate terminals."""

TERMINAL_MODE = "terminal"
"""Mode of the zero-distance rows of terminal handling at the ends of a route."""

FIRST_MILE_IDS = {"origin": "FIRST-MILE", "destination": "LAST-MILE"}
"""Leg ids of the truck legs joining a place to its terminal."""


@dataclass(frozen=True)
class Access:
    """One way into (or out of) the network at an end: a terminal, the truck leg to it, its handling.

    Attributes
    ----------
    node_id : str
    great_circle_km, road_km : float
        0 for a node endpoint.
    truck : LegFigures or None
        The first/last-mile truck leg (None for a node endpoint).
    handling : Charge or None
        Loading (origin) or unloading (destination) at the node; None for a
        kind that pays nothing.
    """

    node_id: str
    great_circle_km: float
    road_km: float
    truck: LegFigures | None
    handling: Charge | None

    def weight(self, optimize: str) -> float:
        """The truck leg plus the handling in the units of `optimize` (the view's rule)."""
        fig, handling = self.truck, self.handling
        time_h = _mean(fig.moving_range_h) if fig else 0.0
        if handling is not None:
            time_h += _mean((handling.low_h, handling.likely_h, handling.high_h))
        cost = (_mean(fig.cost_range_usd) if fig else 0.0) + (handling.cost_usd if handling else 0.0)
        co2 = _mean(fig.co2e_range_kg) if fig else 0.0
        return float(_objective(optimize, time_h, self.road_km, cost, co2))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Endpoint:
    """An origin or destination: a node, or a place with its candidate terminals.

    Attributes
    ----------
    end : str
        ``"origin"`` or ``"destination"``.
    node_id : str or None
        The node, when the user named one.
    place : Place or None
        The place, when it is not a node.
    access : tuple of Access
        One for a node; the candidate terminals, nearest first, for a place.
    """

    end: str
    node_id: str | None
    place: Place | None
    access: tuple[Access, ...]

    @property
    def id(self) -> str:
        """The node id or the place's id (its UN/LOCODE or ``lon,lat``)."""
        return self.node_id if self.node_id is not None else self.place.place_id  # type: ignore[union-attr]


def resolve_endpoint(
    network: Any, exp: ExpandedGraph, query: object, end: str, params: Params, *, terminals: bool = True
) -> Endpoint:
    """Return the :class:`Endpoint` that `query` names.

    Parameters
    ----------
    network
        A Network or its base graph (node positions).
    exp
        Its expanded graph (node names and kinds).
    query
        What the user typed: a node id or name, a place name, a UN/LOCODE,
        a position ``lon,lat``.
    end
        ``"origin"`` or ``"destination"``.
    params
        The scenario's parameters (``[first_mile]``, ``[terminal]``, road figures).
    terminals
        Include the terminal handling (False: none at this end).

    Returns
    -------
    Endpoint

    Raises
    ------
    UnknownNodeError
        For an unknown place (a :class:`~corridors.network.places.PlaceError`
        for an ambiguous name, a position out of range, or a place farther than
        ``[first_mile] max_km`` from every terminal).
    """
    if isinstance(query, str) and query in exp.node_info:
        found: str | Place = query  # a node id as given: no name table to build
    else:
        found = resolve_place(query, {k: v.name for k, v in exp.node_info.items()})
    if isinstance(found, str):
        handling = terminal_charge(exp.node_info[found].kind, end, found, params) if terminals else None
        return Endpoint(end, found, None, (Access(found, 0.0, 0.0, None, handling),))
    return Endpoint(end, None, found, _candidates(network, exp, found, end, params, terminals=terminals))


def _candidates(
    network: Any, exp: ExpandedGraph, place: Place, end: str, params: Params, *, terminals: bool
) -> tuple[Access, ...]:
    """The nearest terminals of a place, with their truck legs (an estimate) and handling."""
    rule = params.first_mile
    graph = base_graph(network)
    ids = [k for k, info in exp.node_info.items() if info.kind in rule.kinds and k in graph]
    ids = _same_country(exp, ids, place, graph, rule.max_km.value)
    if not ids:
        raise PlaceError(place.label, f"no terminal in the network to join {place.label} to")
    km = _great_circle_km(graph, ids, place.lon, place.lat)
    order = np.argsort(km, kind="stable")
    nearest = ids[order[0]]
    if km[order[0]] > rule.max_km.value:
        msg = (
            f"{place.label} is {km[order[0]]:,.0f} km (great circle) from the nearest terminal, "
            f"{exp.node_info[nearest].name} ({nearest}): farther than the {rule.max_km.value:,.0f} km "
            "a first/last-mile truck leg may cover ([first_mile] max_km)"
        )
        raise PlaceError(place.label, msg)
    found = []
    for i in order[: rule.candidates]:
        if km[i] > rule.max_km.value:
            break
        node_id = ids[i]
        road_km = float(km[i]) * rule.circuity.value
        handling = terminal_charge(exp.node_info[node_id].kind, end, node_id, params) if terminals else None
        found.append(Access(node_id, float(km[i]), road_km, leg_figures(road_km, "road", params), handling))
    return tuple(found)


def _great_circle_km(graph: Any, ids: Sequence[str], lon: float, lat: float) -> np.ndarray:
    """Great-circle km (haversine, mean Earth radius) from (lon, lat) to each node of `ids`."""
    lons = np.radians([float(graph.nodes[k]["x"]) for k in ids])
    lats = np.radians([float(graph.nodes[k]["y"]) for k in ids])
    lon0, lat0 = np.radians(lon), np.radians(lat)
    half = np.sin((lats - lat0) / 2) ** 2 + np.cos(lat0) * np.cos(lats) * np.sin((lons - lon0) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(half, 0.0, 1.0)))


def _same_country(exp: ExpandedGraph, ids: list[str], place: Place, graph: Any, max_km: float) -> list[str]:
    """The terminals in the place's country (a bare position: the nearest terminal's) when one is in reach.

    A truck leg does not cross a border (no border dwell is modelled on the
    first mile, and some borders are closed to trucks, e.g. India-Pakistan);
    when the country has no terminal within `max_km`, every terminal counts.
    """
    if not ids:
        return ids
    km = _great_circle_km(graph, ids, place.lon, place.lat)
    country = place.country or exp.node_info[ids[int(np.argmin(km))]].country
    local = [k for k, d in zip(ids, km, strict=True) if exp.node_info[k].country == country and d <= max_km]
    return local or ids


def best_path(
    exp: ExpandedGraph,
    weights: Sequence[float],
    origin: Endpoint,
    destination: Endpoint,
    via_stages: Sequence[Sequence[int]],
    optimize: str,
) -> tuple[Path, Access, Access] | None:
    """Return the best path between the candidates of two ends, with the candidates used.

    Parameters
    ----------
    exp, weights
        The expanded graph and the objective's weights.
    origin, destination
        The ends (one candidate each for nodes).
    via_stages
        Each via node's copies.
    optimize
        The objective (for the truck legs' and handling's weights).

    Returns
    -------
    tuple or None
        ``((cost including the ends, nodes, edge ids), origin access,
        destination access)``; None when no pair of candidates is joined.
    """
    best: tuple[Path, Access, Access] | None = None
    for first in origin.access:
        for last in destination.access:
            if first.node_id == last.node_id and not via_stages:
                continue
            stages = [*via_stages, exp.copies[last.node_id]]
            found = search(exp, weights, exp.copies[first.node_id], stages)
            if found is None:
                continue
            total = found[0] + first.weight(optimize) + last.weight(optimize)
            if best is None or total < best[0][0]:
                best = ((total, found[1], found[2]), first, last)
    return best


def _mean(values: tuple[float, float, float]) -> float:
    """Mean of a Beta-PERT range (the view's weight rule)."""
    low, likely, high = values
    return (low + 4.0 * likely + high) / 6.0


def with_ends(
    found: Route, view: ScenarioView, origin: Endpoint, first: Access, destination: Endpoint, last: Access, extra: float
) -> Route:
    """Return `found` with the rows of its ends: first mile, loading, ..., unloading, last mile.

    Parameters
    ----------
    found
        A route between the two candidate terminals.
    view
        The scenario view (node names).
    origin, destination
        The ends.
    first, last
        The candidates the route starts and ends at.
    extra
        The ends' weight, added to the route's objective.

    Returns
    -------
    Route
    """
    head: list[LegResult] = []
    tail: list[LegResult] = []
    if origin.place is not None:
        head.append(_truck_row(view, origin.place, first, "origin"))
    if first.handling is not None:
        head.append(_terminal_row(view, first))
    if last.handling is not None:
        tail.append(_terminal_row(view, last))
    if destination.place is not None:
        tail.append(_truck_row(view, destination.place, last, "destination"))
    legs = (*head, *found.legs, *tail)
    node_ids = [legs[0].from_id, *(leg.to_id for leg in legs)] if legs else []
    nodes = tuple(n for i, n in enumerate(node_ids) if i == 0 or n != node_ids[i - 1])
    return dataclasses.replace(found, legs=legs, node_ids=nodes, objective=found.objective + extra)


def network_legs(result: RouteSet) -> RouteSet:
    """Return `result` with each route's legs that are in the network only (for drawing and GeoJSON).

    The rows of the ends (terminal handling, first/last mile) have no
    geometry in the network; the totals of the returned routes leave them out.
    """
    routes = tuple(
        dataclasses.replace(found, legs=tuple(leg for leg in found.legs if not is_end_row(leg)))
        for found in result.routes
    )
    return dataclasses.replace(result, routes=routes)


def is_end_row(leg: LegResult) -> bool:
    """Whether a row is an end of the journey (terminal handling or a first/last-mile leg), not a network leg."""
    return leg.mode == TERMINAL_MODE or leg.leg_id in FIRST_MILE_IDS.values()


def _terminal_row(view: ScenarioView, access: Access) -> LegResult:
    charge = access.handling
    assert charge is not None
    name = view.expanded.node_info[access.node_id].name
    item = DwellItem(
        kind=charge.kind,
        node_id=access.node_id,
        node_name=name,
        description=f"{charge_label(charge.kind)} at {name}",
        low_h=charge.low_h,
        likely_h=charge.likely_h,
        high_h=charge.high_h,
        cost_usd=charge.cost_usd,
        dwell_source=charge.dwell_source,
        cost_source=charge.cost_source,
    )
    return LegResult(
        leg_id=charge.kind.upper().replace("_", "-"),
        from_id=access.node_id, from_name=name, to_id=access.node_id, to_name=name,
        mode=TERMINAL_MODE, layer=TERMINAL_MODE, corridor="", branch=None, status="operational", season_note="",
        distance_km=0.0, distance_nm=0.0, speed_kmh=0.0, moving_h=0.0, leg_cost_usd=0.0, co2e_kg=0.0,
        dwell=(item,), speed_source="no movement", cost_source=charge.cost_source,
        co2e_source="not estimated: terminal handling emissions are outside the GLEC transport-chain figures used",
        reversed=False, distance_source="no movement",
    )  # fmt: skip


def _truck_row(view: ScenarioView, place: Place, access: Access, end: str) -> LegResult:
    fig = access.truck
    assert fig is not None
    name = view.expanded.node_info[access.node_id].name
    ends = [(place.place_id, place.label), (access.node_id, name)]
    if end == "destination":
        ends.reverse()
    rule = view.params.first_mile
    note = (
        f"estimate: great-circle {access.great_circle_km:,.0f} km x road circuity {rule.circuity.value:g} "
        f"({rule.circuity.source}); no road network is bundled; position of {place.label}: {place.source}"
    )
    return LegResult(
        leg_id=FIRST_MILE_IDS[end],
        from_id=ends[0][0], from_name=ends[0][1], to_id=ends[1][0], to_name=ends[1][1],
        mode="road", layer="road", corridor="", branch=None, status="estimate", season_note="",
        distance_km=access.road_km, distance_nm=access.road_km / KM_PER_NM, speed_kmh=fig.speed_kmh,
        moving_h=fig.moving_h, leg_cost_usd=fig.cost_usd, co2e_kg=fig.co2e_kg, dwell=(),
        speed_source=fig.speed_source, cost_source=fig.cost_source, co2e_source=fig.co2e_source,
        reversed=False, distance_source=note, moving_range_h=fig.moving_range_h,
        leg_cost_range_usd=fig.cost_range_usd, co2e_range_kg=fig.co2e_range_kg,
    )  # fmt: skip
