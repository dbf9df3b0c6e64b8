"""Per-edge figures of an expanded graph under one scenario: moving, dwell, cost, CO2e ranges.

The arithmetic half of a :class:`~corridors.model.view.ScenarioView`
(closures and caching stay in :mod:`corridors.model.view`). Every figure is
a range (low, likely, high): moving time from the mode's spread, the rail
service level or the ice model; dwell from the charges on the edge; cost
and CO2e from the rates, the emission factors' ranges and the icebreaker
fees. The routing weight of time is the expected (mean) time of the
Beta-PERT ranges, ``(low + 4 likely + high) / 6``, so that the best route
is the one with the least expected transit, the quantity the P50 headline
tracks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from corridors.model import charges as charging
from corridors.model import costs
from corridors.model.expanded import ExpandedGraph
from corridors.model.params import Params
from corridors.model.scenario import Scenario
from corridors.model.seasons import SeasonState, leg_state

__all__ = ["EdgeFigures", "edge_figures", "pert_mean"]


def pert_mean(low: np.ndarray, likely: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Return the mean of Beta-PERT ranges, ``(low + 4 likely + high) / 6``."""
    return (low + 4.0 * likely + high) / 6.0


@dataclass(frozen=True, eq=False)
class EdgeFigures:
    """Arrays indexed by expanded edge (see :class:`~corridors.model.view.ScenarioView`)."""

    km: np.ndarray
    speed_kmh: np.ndarray
    moving: np.ndarray  # (3, n) low, likely, high hours
    dwell: np.ndarray  # (3, n)
    cost: np.ndarray  # (3, n) leg cost plus fees
    co2: np.ndarray  # (3, n)
    charges: tuple[tuple[charging.Charge, ...], ...]
    season: tuple[SeasonState, ...]
    sources: tuple[tuple[str, str, str] | None, ...]

    @property
    def expected_h(self) -> np.ndarray:
        """Expected (mean) moving plus dwell time per edge."""
        return pert_mean(*self.moving) + pert_mean(*self.dwell)


def edge_figures(expanded: ExpandedGraph, scenario: Scenario, params: Params) -> EdgeFigures:
    """Compute every edge's figures under `scenario` (whose overrides are already in `params`).

    Parameters
    ----------
    expanded
        The expanded graph.
    scenario
        Month (:attr:`Scenario.start_month`), ice class and rail service.
    params
        The parameters with the scenario's overrides applied.

    Returns
    -------
    EdgeFigures
    """
    n_edges = len(expanded.edges)
    open_state = SeasonState("open")
    month = scenario.start_month
    leg_rows = [eid for eid, e in enumerate(expanded.edges) if e.kind == "leg"]
    states = [open_state] * n_edges
    for eid in leg_rows:
        leg = expanded.legs[expanded.edges[eid].leg_id]  # type: ignore[index]
        if leg.season is not None:
            states[eid] = leg_state(
                leg.season, month, scenario.ice_class, ice_area=leg.ice_area, length_km=leg.length_km
            )
    km = np.zeros(n_edges)
    moving = np.zeros((3, n_edges))
    cost = np.zeros((3, n_edges))
    co2 = np.zeros((3, n_edges))
    speed = np.zeros(n_edges)
    sources: list[tuple[str, str, str] | None] = [None] * n_edges
    if leg_rows:
        legs = [expanded.legs[expanded.edges[eid].leg_id] for eid in leg_rows]  # type: ignore[index]
        rows = np.array(leg_rows)
        figures = costs.leg_figures_array(
            np.array([leg.length_km for leg in legs]),
            [leg.mode for leg in legs],
            [states[e] for e in leg_rows],
            params,
            rail_service=scenario.rail_service,
            rail_countries=[_rail_country(expanded, leg, params) for leg in legs],
        )
        km[rows] = [leg.length_km for leg in legs]
        speed[rows] = figures["speed_kmh"]
        for row, key in enumerate(("low", "likely", "high")):
            moving[row, rows] = figures[f"moving_{key}"]
            cost[row, rows] = figures[f"cost_{key}"]
            co2[row, rows] = figures[f"co2e_{key}"]
        for i, eid in enumerate(leg_rows):
            sources[eid] = (figures["speed_source"][i], figures["cost_source"][i], figures["co2e_source"][i])
    edge_charges, dwell = _charges(expanded, scenario, params, states)
    fees = np.array([sum(c.cost_usd for c in found) for found in edge_charges])
    cost += fees
    return EdgeFigures(
        km=km,
        speed_kmh=speed,
        moving=moving,
        dwell=dwell,
        cost=cost,
        co2=co2,
        charges=edge_charges,
        season=tuple(states),
        sources=tuple(sources),
    )


def _rail_country(expanded: ExpandedGraph, leg: Any, params: Params) -> str | None:
    """The country whose rail speed factor applies to a leg: the slower network of its two ends."""
    if leg.mode != "rail":
        return None
    countries = sorted({expanded.node_info[n].country for n in (leg.u, leg.v) if n in expanded.node_info})
    factors = params.rail_country_factor

    def factor(country: str) -> float:
        found = factors.get(country)
        return found.value if found is not None else 1.0

    return min(countries, key=factor) if countries else None


def _charges(
    expanded: ExpandedGraph, scenario: Scenario, params: Params, states: list[SeasonState]
) -> tuple[tuple[tuple[charging.Charge, ...], ...], np.ndarray]:
    """The charges on every edge (transfers, borders, canals, port calls, train and convoy waits)."""
    n_edges = len(expanded.edges)
    found_all: list[tuple[charging.Charge, ...]] = [()] * n_edges
    dwell = np.zeros((3, n_edges))
    cache: dict[tuple[tuple[str, ...], str | None, str | None], tuple[charging.Charge, ...]] = {}
    for eid, edge in enumerate(expanded.edges):
        extra: list[charging.Charge] = []
        mode = None
        if edge.kind == "leg":
            leg = expanded.legs[edge.leg_id]  # type: ignore[index]
            calls = charging.port_call_charge(leg.length_km, leg.mode, leg.corridor, params)
            if calls is not None:
                extra.append(calls)
            passage = states[eid].passage
            if passage is not None and passage.wait_h[2] > 0:
                extra.append(charging.ice_wait_charge(passage, edge.node_id))
        else:
            from_layer, to_layer = expanded.nodes[edge.u].layer, expanded.nodes[edge.v].layer
            mode = charging.crossing_mode(from_layer, to_layer)
            if charging.boards_rail(from_layer, to_layer):
                wait = charging.rail_departure_charge(scenario.rail_service, edge.node_id, params)  # type: ignore[arg-type]
                if wait is not None:
                    extra.append(wait)
        if not edge.charges and not extra:
            continue
        key = (edge.charges, edge.node_id, mode)
        found = cache.get(key)
        if found is None:
            found = cache[key] = charging.charges(edge.charges, edge.node_id, params, mode=mode)
        found = (*found, *extra)
        found_all[eid] = found
        # half the wait for a train on each transfer of a rail section (the edge is undirected)
        share = [0.5 if c.kind == charging.RAIL_DEPARTURE else 1.0 for c in found]
        dwell[:, eid] = (
            sum(s * c.low_h for s, c in zip(share, found, strict=True)),
            sum(s * c.likely_h for s, c in zip(share, found, strict=True)),
            sum(s * c.high_h for s, c in zip(share, found, strict=True)),
        )
    return tuple(found_all), dwell
