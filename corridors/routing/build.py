"""A path of the expanded graph as a :class:`~corridors.routing.results.Route`, on the calendar.

Each leg of the path becomes a :class:`~corridors.routing.results.LegResult`
with its likely figures, their ranges and the charges paid after it. With a
departure date, the route is walked in time: a seasonal leg (NSR ice, the
northern Caspian) takes its figures from the view of the month in which the
ship reaches it (departure + the expected time of everything before it),
so a voyage that leaves Rotterdam on 20 October meets the East Siberian Sea
in November. A leg closed in the month it is reached makes the route
unusable; :func:`build_route` says which leg and why.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from corridors.model.charges import Charge, charge_label, is_boarding
from corridors.model.expanded import ExpandedGraph
from corridors.model.view import ScenarioView
from corridors.network.geodesy import KM_PER_NM
from corridors.network.schema import chokepoint_name
from corridors.routing.labels import route_label
from corridors.routing.results import DwellItem, LegResult, Route

__all__ = ["MonthViews", "build_route", "dwell_item"]

MonthViews = Callable[[int], ScenarioView]
"""Returns the scenario's view in a month (1-12)."""


def build_route(
    view: ScenarioView,
    cost: float,
    nodes: list[int],
    eids: list[int],
    objective: str,
    *,
    departure: datetime.date | None = None,
    month_view: MonthViews | None = None,
    start_h: float = 0.0,
) -> tuple[Route, tuple[int, ...], str | None]:
    """Return the route of a path, the edges closed when reached, and why.

    Parameters
    ----------
    view
        The scenario's view in the month of departure.
    cost
        The path's objective.
    nodes, eids
        The path: expanded node indices and the edges between them.
    objective
        What was minimised.
    departure
        The departure date (None: every leg in the view's month).
    month_view
        The views of other months (needed with `departure`).
    start_h
        Expected hours before the first edge (first mile and loading).

    Returns
    -------
    tuple
        The route; the edges closed in the month they are reached (empty
        when the route is usable); the reason for the first of them.
    """
    exp = view.expanded
    legs: list[dict[str, Any]] = []
    pending: list[DwellItem] = []
    elapsed = start_h
    closed: list[int] = []
    reason = None
    for i, eid in enumerate(eids):
        a, b = exp.nodes[nodes[i]], exp.nodes[nodes[i + 1]]
        edge = exp.edges[eid]
        here = view
        seasonal = edge.kind == "leg" and exp.legs[edge.leg_id].season is not None  # type: ignore[index]
        if seasonal and departure is not None and month_view is not None:
            reached = departure + datetime.timedelta(hours=elapsed)
            if reached.month != view.scenario.month:
                here = month_view(reached.month)
            if here.closed[eid]:
                closed.append(eid)
                if reason is None:
                    why = "; ".join(here.causes[c].text for c in here.edge_causes[eid])
                    reason = f"{edge.leg_id} is closed when reached on {reached:%d %b %Y} ({why})"
        elapsed += here.leg_rows[eid][-1]
        if edge.kind == "leg":
            leg = exp.legs[edge.leg_id]  # type: ignore[index]
            items = [*pending, *(dwell_item(exp, c, None, None) for c in here.charges[eid])]
            pending = []
            legs.append(_leg_row(here, eid, a.node_id, b.node_id, leg, items))
        else:
            items = [dwell_item(exp, c, a.layer, b.layer) for c in here.charges[eid] if is_boarding(c, b.layer)]
            if legs:
                legs[-1]["dwell"].extend(items)
            else:
                pending.extend(items)
    results = tuple(LegResult(**{**leg, "dwell": tuple(leg["dwell"])}) for leg in legs)
    services = [exp.legs[leg.leg_id].services for leg in results]
    label, corridors, branches = route_label(
        [(leg.corridor, leg.branch, leg.from_id, leg.to_id, shared) for leg, shared in zip(results, services, strict=True)]
    )
    node_ids = [results[0].from_id] if results else []
    node_ids.extend(leg.to_id for leg in results)
    mc = view.params.montecarlo
    found = Route(
        label=label,
        corridors=corridors,
        branches=branches,
        legs=results,
        node_ids=tuple(node_ids),
        scenario=view.scenario.name,
        optimize=objective,
        objective=cost,
        mc_samples=mc.samples,
        mc_seed=mc.seed,
        mc_distribution=mc.distribution,
        departure=departure,
    )
    return found, tuple(closed), reason


def _leg_row(view: ScenarioView, eid: int, from_id: str, to_id: str, leg: Any, items: list[DwellItem]) -> dict[str, Any]:
    """The fields of one :class:`LegResult` (its dwell still a list)."""
    exp = view.expanded
    speed_source, cost_source, co2_source = view.sources[eid]  # type: ignore[misc]
    fees = sum(c.cost_usd for c in view.charges[eid])
    km, speed, m_low, m_likely, m_high, c_low, c_likely, c_high, e_low, e_likely, e_high, _ = view.leg_rows[eid]
    note = view.season[eid].note
    return {
        "leg_id": leg.id,
        "from_id": from_id,
        "from_name": exp.node_info[from_id].name,
        "to_id": to_id,
        "to_name": exp.node_info[to_id].name,
        "mode": leg.mode,
        "layer": exp.edges[eid].layer,
        "corridor": leg.corridor,
        "branch": leg.branch,
        "status": leg.status,
        "season_note": note,
        "distance_km": km,
        "distance_nm": km / KM_PER_NM,
        "speed_kmh": speed,
        "moving_h": m_likely,
        "leg_cost_usd": c_likely - fees,
        "co2e_kg": e_likely,
        "dwell": items,
        "speed_source": speed_source,
        "cost_source": cost_source,
        "co2e_source": co2_source,
        "reversed": from_id != leg.u,
        "moving_range_h": (m_low, m_likely, m_high),
        "leg_cost_range_usd": (c_low - fees, c_likely - fees, c_high - fees),
        "co2e_range_kg": (e_low, e_likely, e_high),
    }


def dwell_item(exp: ExpandedGraph, charge: Charge, from_layer: str | None, to_layer: str | None) -> DwellItem:
    """Return a charge of the scenario view as a described :class:`DwellItem`."""
    name = exp.node_info[charge.node_id].name if charge.node_id in exp.node_info else None
    text = charge_label(charge.kind, from_layer=from_layer, to_layer=to_layer)
    if charge.kind.startswith("chokepoint:"):
        text = f"{chokepoint_name(charge.kind.removeprefix('chokepoint:'))} transit"
    if name:
        text = f"{text} at {name}"
    if charge.detail:
        text = f"{text} ({charge.detail})"
    return DwellItem(
        kind=charge.kind,
        node_id=charge.node_id,
        node_name=name,
        description=text,
        low_h=charge.low_h,
        likely_h=charge.likely_h,
        high_h=charge.high_h,
        cost_usd=charge.cost_usd,
        dwell_source=charge.dwell_source,
        cost_source=charge.cost_source,
    )
