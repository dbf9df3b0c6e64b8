"""Scenario views: an expanded graph's per-edge figures and closures under one scenario.

A scenario never changes a graph. It is applied as a :class:`ScenarioView`
of an :class:`~corridors.model.expanded.ExpandedGraph`: per-edge distance,
time, dwell, cost and CO2e in read-only arrays, the charges on each edge,
and every closure with its :class:`Cause`. The routing weights are read from
the view (``inf`` on a closed edge).

Views are kept in one bounded cache owned by this module (:func:`view_of`),
keyed by the expanded graph's identity and the content of the scenario and
the parameters.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corridors.model import costs
from corridors.model.expanded import ExpandedGraph, expanded_graph, node_text
from corridors.model.objectives import OBJECTIVES
from corridors.model.params import Params, default_params
from corridors.model.presets import load_scenario
from corridors.model.scenario import Scenario
from corridors.model.seasons import SeasonState, leg_state
from corridors.network.schema import chokepoint_name, corridor_name

__all__ = ["Cause", "ScenarioView", "scenario_view", "view_of"]

_TIE_BREAK = 1e-6  # x hours, added to non-time objectives so free detours lose ties
_VIEW_CACHE_SIZE = 64  # views kept, over every expanded graph
_INF = float("inf")


@dataclass(frozen=True)
class Cause:
    """Why some edges are closed: one scenario closure, season rule or status."""

    kind: str  # "chokepoint", "node", "leg", "corridor", "mode", "status", "season", "avoid"
    key: str
    text: str


@dataclass(frozen=True, eq=False)
class ScenarioView:
    """Per-edge figures and closures of an expanded graph under one scenario.

    Arrays are indexed by expanded edge index; read-only.

    Attributes
    ----------
    expanded : ExpandedGraph
    scenario : Scenario
    params : Params
        The base parameters with the scenario's overrides applied.
    km, speed_kmh, moving_h : numpy.ndarray
        Leg distance, speed and moving time (0 on transfer/pass edges).
    dwell_low_h, dwell_likely_h, dwell_high_h : numpy.ndarray
        Sum of the charges' dwell ranges on each edge.
    cost_usd, co2e_kg : numpy.ndarray
        Leg cost plus charges; leg emissions.
    charges : tuple of tuple of Charge
        The charges on each edge.
    season : tuple of SeasonState
        Season state of each edge (open for non-seasonal edges).
    causes : tuple of Cause
        Every reason an edge may be closed in this view.
    edge_causes : tuple of tuple of int
        Indices into `causes` closing each edge (empty: open).
    closed : numpy.ndarray
        Boolean array: edge closed in this view.
    time_h : numpy.ndarray
        Deterministic time on each edge: moving + likely dwell (hours).
    weight_lists : mapping of str to list of float
        Per objective: the weights of :meth:`weights` (shared: do not modify).
    """

    expanded: ExpandedGraph
    scenario: Scenario
    params: Params
    km: np.ndarray
    speed_kmh: np.ndarray
    moving_h: np.ndarray
    dwell_low_h: np.ndarray
    dwell_likely_h: np.ndarray
    dwell_high_h: np.ndarray
    cost_usd: np.ndarray
    co2e_kg: np.ndarray
    charges: tuple[tuple[costs.Charge, ...], ...]
    season: tuple[SeasonState, ...]
    sources: tuple[tuple[str, str, str] | None, ...]
    causes: tuple[Cause, ...]
    edge_causes: tuple[tuple[int, ...], ...]
    closed: np.ndarray
    time_h: np.ndarray
    weight_lists: Mapping[str, list[float]] = field(repr=False)

    def objective(self, optimize: str) -> np.ndarray:
        """Return the per-edge quantity minimised for `optimize` (closures ignored).

        Parameters
        ----------
        optimize
            One of :data:`OBJECTIVES`.

        Returns
        -------
        numpy.ndarray
        """
        return _objective(optimize, self.time_h, self.km, self.cost_usd, self.co2e_kg)

    def weights(self, optimize: str) -> list[float]:
        """Return per-edge weights as a list (``inf`` on closed edges), computed with the view.

        Parameters
        ----------
        optimize
            One of :data:`OBJECTIVES`.

        Returns
        -------
        list of float
            Shared: do not modify.
        """
        return self.weight_lists[optimize]

    def weight_function(self, optimize: str = "time") -> Any:
        """Return a networkx weight function for :attr:`ExpandedGraph.graph`.

        Parameters
        ----------
        optimize
            One of :data:`OBJECTIVES`.

        Returns
        -------
        callable
            ``f(u, v, data) -> float | None`` (None hides closed edges), for
            :func:`networkx.dijkstra_path` and friends on the expanded
            MultiGraph.
        """
        weights = self.weights(optimize)

        def weight(_u: Any, _v: Any, data: Mapping[Any, Mapping[str, Any]]) -> float | None:
            best = min(weights[d["eid"]] for d in data.values())
            return None if best == _INF else best

        return weight



def _objective(optimize: str, time_h: np.ndarray, km: np.ndarray, cost: np.ndarray, co2: np.ndarray) -> np.ndarray:
    if optimize == "time":
        return time_h
    primary = {"distance": km, "cost": cost, "co2": co2}[optimize]
    return primary + _TIE_BREAK * time_h


# ------------------------------------------------------------------ the cache
# (id of the expanded graph, scenario key, params key) -> view, least recently used first.
# A view holds its expanded graph, so an id in a key cannot be reused while its entry lives.
_VIEWS: OrderedDict[tuple[int, str, str], ScenarioView] = OrderedDict()
_VIEWS_LOCK = threading.Lock()


def view_of(expanded: ExpandedGraph, scenario: Scenario, params: Params) -> ScenarioView:
    """Return the view of `expanded` under a scenario (cached by content).

    Parameters
    ----------
    expanded
        The expanded graph. The view keeps its deep-sea/feeder structure;
        use :func:`scenario_view` to get the graph that matches a scenario
        changing ``[sea_service]``.
    scenario
        Applied on top of `params`.
    params
        Base parameters (the scenario's overrides are applied to them).

    Returns
    -------
    ScenarioView
        The same object for equal content while it is kept (the last
        few dozen views are).

    Raises
    ------
    ValidationError
        When the scenario names node or leg ids not in the graph.
    """
    key = (id(expanded), scenario.key, params.key)
    with _VIEWS_LOCK:
        found = _VIEWS.get(key)
        if found is not None and found.expanded is expanded:
            _VIEWS.move_to_end(key)
            return found
    found = _build_view(expanded, scenario, params)
    with _VIEWS_LOCK:
        _VIEWS[key] = found
        _VIEWS.move_to_end(key)
        while len(_VIEWS) > _VIEW_CACHE_SIZE:
            _VIEWS.popitem(last=False)
    return found


def scenario_view(
    network: Any, scenario: Scenario | str | None = None, params: Params | None = None
) -> ScenarioView:
    """Return the network's expanded graph seen under a scenario.

    Parameters
    ----------
    network
        A Network or its base graph.
    scenario
        A :class:`Scenario`, a preset name or TOML text (see
        :func:`~corridors.model.presets.load_scenario`; a string never names a
        file), or None for the baseline.
    params
        Base parameters; the bundled defaults when None.

    Returns
    -------
    ScenarioView

    Raises
    ------
    ValidationError
        When the scenario names node or leg ids not in the network.
    """
    scenario = load_scenario(scenario)
    base = default_params() if params is None else params
    return view_of(expanded_graph(network, params=scenario.apply(base)), scenario, base)


def _build_view(expanded: ExpandedGraph, scenario: Scenario, base: Params) -> ScenarioView:
    names = {k: v.name for k, v in expanded.node_info.items()}
    scenario.check_ids(expanded.node_info, expanded.legs, names=names)
    params = scenario.apply(base)
    n_edges = len(expanded.edges)
    open_state = SeasonState("open")

    # Legs: figures and season states.
    leg_rows = [eid for eid, e in enumerate(expanded.edges) if e.kind == "leg"]
    season_cache: dict[str | None, SeasonState] = {}
    states = [open_state] * n_edges
    for eid in leg_rows:
        season = expanded.legs[expanded.edges[eid].leg_id].season  # type: ignore[index]
        if season not in season_cache:
            season_cache[season] = leg_state(season, scenario.month, scenario.ice_class, params)
        states[eid] = season_cache[season]
    km = np.zeros(n_edges)
    speed = np.zeros(n_edges)
    moving = np.zeros(n_edges)
    cost = np.zeros(n_edges)
    co2 = np.zeros(n_edges)
    sources: list[tuple[str, str, str] | None] = [None] * n_edges
    if leg_rows:
        legs = [expanded.legs[expanded.edges[eid].leg_id] for eid in leg_rows]  # type: ignore[index]
        rows = np.array(leg_rows)
        figures = costs.leg_figures_array(
            np.array([leg.length_km for leg in legs]),
            [leg.mode for leg in legs],
            [states[e] for e in leg_rows],
            params,
        )
        km[rows] = [leg.length_km for leg in legs]
        speed[rows] = figures["speed_kmh"]
        moving[rows] = figures["moving_h"]
        cost[rows] = figures["cost_usd"]
        co2[rows] = figures["co2e_kg"]
        for i, eid in enumerate(leg_rows):
            sources[eid] = (figures["speed_source"][i], figures["cost_source"][i], figures["co2e_source"][i])

    # Charges on transfer, pass and canal-leg edges.
    charges: list[tuple[costs.Charge, ...]] = [()] * n_edges
    low = np.zeros(n_edges)
    likely = np.zeros(n_edges)
    high = np.zeros(n_edges)
    charge_cache: dict[tuple[tuple[str, ...], str | None, str | None], tuple[costs.Charge, ...]] = {}
    for eid, edge in enumerate(expanded.edges):
        calls = None
        if edge.kind == "leg":
            leg = expanded.legs[edge.leg_id]  # type: ignore[index]
            calls = costs.port_call_charge(leg.length_km, leg.mode, leg.corridor, params)
        if not edge.charges and calls is None:
            continue
        mode = None
        if edge.kind != "leg":
            mode = costs.crossing_mode(expanded.nodes[edge.u].layer, expanded.nodes[edge.v].layer)
        key = (edge.charges, edge.node_id, mode)
        found = charge_cache.get(key)
        if found is None:
            found = charge_cache[key] = costs.charges(edge.charges, edge.node_id, params, mode=mode)
        if calls is not None:
            found = (*found, calls)
        charges[eid] = found
        low[eid] = sum(c.low_h for c in found)
        likely[eid] = sum(c.likely_h for c in found)
        high[eid] = sum(c.high_h for c in found)
        cost[eid] += sum(c.cost_usd for c in found)

    causes, edge_causes = _closures(expanded, scenario, states)
    closed = np.array([bool(c) for c in edge_causes], dtype=bool)
    time_h = moving + likely
    weight_lists = {
        optimize: np.where(closed, np.inf, _objective(optimize, time_h, km, cost, co2)).tolist()
        for optimize in OBJECTIVES
    }
    return ScenarioView(
        expanded=expanded,
        scenario=scenario,
        params=params,
        km=_readonly(km),
        speed_kmh=_readonly(speed),
        moving_h=_readonly(moving),
        dwell_low_h=_readonly(low),
        dwell_likely_h=_readonly(likely),
        dwell_high_h=_readonly(high),
        cost_usd=_readonly(cost),
        co2e_kg=_readonly(co2),
        charges=tuple(charges),
        season=tuple(states),
        sources=tuple(sources),
        causes=tuple(causes),
        edge_causes=tuple(tuple(c) for c in edge_causes),
        closed=_readonly(closed),
        time_h=_readonly(time_h),
        weight_lists=weight_lists,
    )


def _readonly(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


def _closures(
    expanded: ExpandedGraph, scenario: Scenario, states: list[SeasonState]
) -> tuple[list[Cause], list[list[int]]]:
    causes: list[Cause] = []
    edge_causes: list[list[int]] = [[] for _ in expanded.edges]

    def add(cause: Cause, eids: Iterable[int]) -> None:
        causes.append(cause)
        for eid in eids:
            edge_causes[eid].append(len(causes) - 1)

    for key in scenario.closed_chokepoints:
        add(
            Cause("chokepoint", key, f"{chokepoint_name(key)} closed"), expanded.chokepoint_edges.get(key, ())
        )
    for node_id in scenario.closed_nodes:
        add(
            Cause("node", node_id, f"{node_text(expanded, node_id)} closed"),
            expanded.node_edges.get(node_id, ()),
        )
    for leg_id in scenario.closed_legs:
        add(Cause("leg", leg_id, f"leg {leg_id} closed"), expanded.leg_edges.get(leg_id, ()))
    for corridor in scenario.closed_corridors:
        add(
            Cause("corridor", corridor, f"{corridor_name(corridor)} corridor closed"),
            expanded.edges_where(corridor=corridor),
        )
    for mode in scenario.closed_modes:
        add(Cause("mode", mode, f"{mode} legs closed"), expanded.edges_where(mode=mode))
    opened = set(scenario.open_legs)
    for leg in expanded.legs.values():
        if leg.status != "operational" and leg.id not in opened:
            text = (
                f"{expanded.node_info[leg.u].name}-{expanded.node_info[leg.v].name} {leg.mode} leg "
                f"{leg.id} is {leg.status.replace('_', ' ')}"
            )
            add(Cause("status", leg.id, text), expanded.leg_edges.get(leg.id, ()))
    by_note: dict[str, list[int]] = {}
    for eid, state in enumerate(states):
        if state.closed:
            by_note.setdefault(state.note, []).append(eid)
    for note, eids in by_note.items():
        add(Cause("season", note, note), eids)
    return causes, edge_causes

