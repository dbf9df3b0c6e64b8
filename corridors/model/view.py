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

from corridors.model.charges import Charge
from corridors.model.edge_figures import edge_figures, pert_mean
from corridors.model.expanded import ExpandedGraph, expanded_graph, node_text
from corridors.model.objectives import OBJECTIVES
from corridors.model.params import Params, default_params
from corridors.model.presets import load_scenario
from corridors.model.scenario import Scenario
from corridors.model.seasons import SeasonState
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
        Leg distance, likely speed and likely moving time (0 on transfer/pass edges).
    dwell_low_h, dwell_likely_h, dwell_high_h : numpy.ndarray
        Sum of the charges' dwell ranges on each edge.
    cost_usd, co2e_kg : numpy.ndarray
        Likely leg cost plus charges; likely leg emissions.
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
        Expected (Beta-PERT mean) moving + dwell time on each edge (hours),
        the routing weight of ``time``.
    moving_range_h, cost_range_usd, co2e_range_kg : numpy.ndarray
        Shape (3, n): low, likely, high per edge.
    expected_cost_usd, expected_co2e_kg : numpy.ndarray
        Expected (mean) cost and CO2e per edge, the weights of ``cost`` and ``co2``.
    leg_rows : tuple of tuple of float
        Per edge, as Python floats for building routes quickly: km, speed,
        the moving, cost and CO2e ranges (low, likely, high each) and the
        expected time.
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
    charges: tuple[tuple[Charge, ...], ...]
    season: tuple[SeasonState, ...]
    sources: tuple[tuple[str, str, str] | None, ...]
    causes: tuple[Cause, ...]
    edge_causes: tuple[tuple[int, ...], ...]
    closed: np.ndarray
    time_h: np.ndarray
    moving_range_h: np.ndarray
    cost_range_usd: np.ndarray
    co2e_range_kg: np.ndarray
    expected_cost_usd: np.ndarray
    expected_co2e_kg: np.ndarray
    leg_rows: tuple[tuple[float, ...], ...]
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
        return _objective(optimize, self.time_h, self.km, self.expected_cost_usd, self.expected_co2e_kg)

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
        Of the scenario at its month of departure (:meth:`Scenario.at_month`):
        a departure date's other months are views of their own.

    Raises
    ------
    ValidationError
        When the scenario names node or leg ids not in the network.
    """
    scenario = load_scenario(scenario)
    base = default_params() if params is None else params
    seasonal = scenario.at_month(scenario.start_month)  # a view depends on the month, not the date
    return view_of(expanded_graph(network, params=scenario.apply(base)), seasonal, base)


def _build_view(expanded: ExpandedGraph, scenario: Scenario, base: Params) -> ScenarioView:
    names = {k: v.name for k, v in expanded.node_info.items()}
    scenario.check_ids(expanded.node_info, expanded.legs, names=names)
    params = scenario.apply(base)
    figures = edge_figures(expanded, scenario, params)
    causes, edge_causes = _closures(expanded, scenario, list(figures.season))
    closed = np.array([bool(c) for c in edge_causes], dtype=bool)
    time_h = figures.expected_h
    cost = pert_mean(*figures.cost)
    co2 = pert_mean(*figures.co2)
    weight_lists = {
        optimize: np.where(closed, np.inf, _objective(optimize, time_h, figures.km, cost, co2)).tolist()
        for optimize in OBJECTIVES
    }
    return ScenarioView(
        expanded=expanded,
        scenario=scenario,
        params=params,
        km=_readonly(figures.km),
        speed_kmh=_readonly(figures.speed_kmh),
        moving_h=_readonly(figures.moving[1].copy()),
        dwell_low_h=_readonly(figures.dwell[0].copy()),
        dwell_likely_h=_readonly(figures.dwell[1].copy()),
        dwell_high_h=_readonly(figures.dwell[2].copy()),
        cost_usd=_readonly(figures.cost[1].copy()),
        co2e_kg=_readonly(figures.co2[1].copy()),
        moving_range_h=_readonly(figures.moving),
        cost_range_usd=_readonly(figures.cost),
        co2e_range_kg=_readonly(figures.co2),
        charges=figures.charges,
        season=figures.season,
        sources=figures.sources,
        causes=tuple(causes),
        edge_causes=tuple(tuple(c) for c in edge_causes),
        closed=_readonly(closed),
        time_h=_readonly(time_h),
        expected_cost_usd=_readonly(cost),
        expected_co2e_kg=_readonly(co2),
        leg_rows=tuple(
            map(tuple, np.column_stack((figures.km, figures.speed_kmh, figures.moving.T, figures.cost.T, figures.co2.T, time_h)).tolist())
        ),
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

