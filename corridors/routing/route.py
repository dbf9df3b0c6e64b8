"""Multimodal routing: best route, distinct alternatives, via/avoid, no-route reasons.

Routes are searched on the transfer-expanded graph
(:mod:`corridors.model.expanded`) with the per-edge weights of a scenario view,
so a scenario never changes the network. Searches are plain Dijkstra over
integer adjacency lists with the weights in a list (fast enough for
interactive use); :meth:`~corridors.model.expanded.ScenarioView.weight_function`
gives the same weights to networkx.

Alternatives are *label-distinct*: the next route must use a different set
of corridors/branches (e.g. "INSTC western", "INSTC trans-Caspian",
"Suez", "Cape"), not the same route with one extra call. They are found by
blocking, one at a time, the corridor branches of the routes found so far
(a Lawler-style search over corridor keys instead of edges), best first.

A missing route is an answer: :attr:`RouteSet.infeasible_reason` names the
closures, seasons or statuses that block it (the smallest set of them whose
lifting restores a route).
"""

from __future__ import annotations

import heapq
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from corridors._errors import LimitError, Problem, UnknownNodeError, ValidationError
from corridors._text import short
from corridors.model.costs import Charge, charge_label
from corridors.model.expanded import (
    OBJECTIVES,
    Cause,
    ExpandedGraph,
    ScenarioView,
    base_graph,
    node_text,
    scenario_view,
)
from corridors.model.montecarlo import percentiles, transit_samples
from corridors.model.params import Params
from corridors.model.scenario import Scenario
from corridors.network import schema
from corridors.network.geodesy import KM_PER_NM
from corridors.network.schema import chokepoint_name, corridor_name

__all__ = [
    "EMC_HUB_CHAIN",
    "INDIA_EAST_COAST",
    "MAX_ALTERNATIVES",
    "MAX_AVOID",
    "MAX_VIA",
    "RUSSIAN_FAR_EAST_PORTS",
    "DwellItem",
    "LegResult",
    "Route",
    "RouteSet",
    "Totals",
    "check_alternatives",
    "resolve_node",
    "route",
    "route_label",
    "transit_matrix",
]

MAX_ALTERNATIVES = 10
"""Most alternatives one call may ask for."""

MAX_VIA = 5
"""Most via nodes one call may ask for."""

MAX_AVOID = 50
"""Most places to avoid (nodes, chokepoints, corridors and modes together) one call may ask for."""

EMC_HUB_CHAIN = frozenset({"SGSIN", "MYPKG", "VNSGN", "HKHKG", "CNSHA", "KRPUS", "SEA-MALACCA"})
"""East Asian hubs (and the Strait of Malacca) whose inter-port sea legs are tagged ``emc`` in the data.

Asia-Europe services sail these legs too, so a route that uses only them is not
called "EMC" (see :func:`route_label`)."""

INDIA_EAST_COAST = frozenset({"INMAA", "INENR", "INKAT", "INVTZ", "INPRT", "INCCU", "INHAL", "INTUT"})
"""UN/LOCODEs of Indian east-coast ports (Chennai, Ennore, Kattupalli, Visakhapatnam,
Paradip, Kolkata, Haldia, Tuticorin): the Indian end of the Chennai-Vladivostok corridor."""

RUSSIAN_FAR_EAST_PORTS = frozenset({"RUVVO", "RUNJK", "RUVYP"})
"""Vladivostok, Nakhodka, Vostochny: the Russian end of the Chennai-Vladivostok corridor."""

_OPTIMIZE_ALIASES = {"time": "time", "distance": "distance", "cost": "cost", "co2": "co2", "co2e": "co2"}
_INF = float("inf")
_BRANCH_NAMES = {
    "western": "western",
    "trans-caspian": "trans-Caspian",
    "eastern": "eastern",
    "chabahar": "Chabahar",
}
_HOURS_PER_DAY = 24.0
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
_MATRIX_KINDS = ("seaport", "river_port", "city")
_MAX_REASON_GROUPS = 5


# ------------------------------------------------------------------ results
@dataclass(frozen=True)
class DwellItem:
    """A dwell and/or fee paid at the end of a leg (transfer, border, canal).

    Attributes
    ----------
    kind : str
        Charge kind (``port``, ``gauge``, ``border_road``, ``chokepoint:suez`` ...).
    node_id, node_name : str or None
    description : str
    low_h, likely_h, high_h : float
    cost_usd : float
    dwell_source, cost_source : str
    """

    kind: str
    node_id: str | None
    node_name: str | None
    description: str
    low_h: float
    likely_h: float
    high_h: float
    cost_usd: float
    dwell_source: str
    cost_source: str


@dataclass(frozen=True)
class LegResult:
    """One leg of a route, in the direction travelled, with its figures.

    Attributes
    ----------
    leg_id, from_id, from_name, to_id, to_name : str
    mode, layer, corridor : str
    branch : str or None
    status : str
    season_note : str
        Why a seasonal leg is slowed/escorted (empty otherwise).
    distance_km, distance_nm, speed_kmh, moving_h : float
    leg_cost_usd : float
        Moving cost (rate x distance, escort fee).
    co2e_kg : float
    dwell : tuple of DwellItem
        Charges at the leg's end (and a canal on the leg).
    speed_source, cost_source, co2e_source : str
    reversed : bool
        Whether the leg is travelled against its geometry.
    """

    leg_id: str
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    mode: str
    layer: str
    corridor: str
    branch: str | None
    status: str
    season_note: str
    distance_km: float
    distance_nm: float
    speed_kmh: float
    moving_h: float
    leg_cost_usd: float
    co2e_kg: float
    dwell: tuple[DwellItem, ...]
    speed_source: str
    cost_source: str
    co2e_source: str
    reversed: bool

    @property
    def dwell_h(self) -> float:
        """Likely dwell at the leg's end (hours)."""
        return sum(d.likely_h for d in self.dwell)

    @property
    def handling_cost_usd(self) -> float:
        """Fees at the leg's end (transfers, borders, canal)."""
        return sum(d.cost_usd for d in self.dwell)

    @property
    def cost_usd(self) -> float:
        """Moving cost plus fees."""
        return self.leg_cost_usd + self.handling_cost_usd


@dataclass(frozen=True)
class Totals:
    """Totals of a route. Times in hours and days; P50/P90 from the Monte Carlo."""

    distance_km: float
    distance_nm: float
    moving_h: float
    dwell_h: float
    transit_h: float
    transit_days: float
    p50_days: float
    p90_days: float
    cost_usd: float
    co2e_kg: float


@dataclass(frozen=True)
class Route:
    """One route with its legs; :attr:`totals` adds the Monte Carlo P50/P90.

    Attributes
    ----------
    label : str
        Corridors used, e.g. ``"INSTC western"``, ``"EMC + Trans-Siberian"``.
    corridors : tuple of str
        Corridor keys used, in order.
    branches : tuple of str
        ``corridor/branch`` keys used, in order (``instc/western``).
    legs : tuple of LegResult
    node_ids : tuple of str
        Places visited, in order.
    scenario : str
        Scenario name.
    optimize : str
        What was minimised.
    objective : float
        The minimised total (hours, km, USD or kg).
    """

    label: str
    corridors: tuple[str, ...]
    branches: tuple[str, ...]
    legs: tuple[LegResult, ...]
    node_ids: tuple[str, ...]
    scenario: str
    optimize: str
    objective: float
    mc_samples: int
    mc_seed: int
    mc_distribution: str

    @property
    def distance_km(self) -> float:
        """Total distance (km)."""
        return sum(leg.distance_km for leg in self.legs)

    @property
    def moving_h(self) -> float:
        """Total moving time (hours)."""
        return sum(leg.moving_h for leg in self.legs)

    @property
    def dwell_h(self) -> float:
        """Total likely dwell (hours)."""
        return sum(leg.dwell_h for leg in self.legs)

    @property
    def transit_days(self) -> float:
        """Deterministic transit time (moving + likely dwell), days."""
        return (self.moving_h + self.dwell_h) / _HOURS_PER_DAY

    @property
    def dwell_items(self) -> tuple[DwellItem, ...]:
        """Every dwell item along the route."""
        return tuple(item for leg in self.legs for item in leg.dwell)

    def transit_samples(self, *, samples: int | None = None, seed: int | None = None) -> np.ndarray:
        """Return Monte Carlo samples of total transit time (hours).

        Parameters
        ----------
        samples, seed
            Default to the scenario parameters (``[montecarlo]``).

        Returns
        -------
        numpy.ndarray
        """
        items = self.dwell_items
        return transit_samples(
            self.moving_h,
            [d.low_h for d in items],
            [d.likely_h for d in items],
            [d.high_h for d in items],
            samples=self.mc_samples if samples is None else samples,
            seed=self.mc_seed if seed is None else seed,
            distribution=self.mc_distribution,
        )

    @cached_property
    def totals(self) -> Totals:
        """Totals including P50/P90 transit days (computed once, on first use)."""
        p50, p90 = percentiles(self.transit_samples())
        moving = self.moving_h
        dwell = self.dwell_h
        distance = self.distance_km
        return Totals(
            distance_km=distance,
            distance_nm=distance / KM_PER_NM,
            moving_h=moving,
            dwell_h=dwell,
            transit_h=moving + dwell,
            transit_days=(moving + dwell) / _HOURS_PER_DAY,
            p50_days=p50 / _HOURS_PER_DAY,
            p90_days=p90 / _HOURS_PER_DAY,
            cost_usd=sum(leg.cost_usd for leg in self.legs),
            co2e_kg=sum(leg.co2e_kg for leg in self.legs),
        )


@dataclass(frozen=True)
class RouteSet:
    """The answer to a routing query: routes best first, or why there is none.

    Attributes
    ----------
    origin, destination : str
        Node ids.
    origin_name, destination_name : str
    scenario : str
    optimize : str
    via : tuple of str
    routes : tuple of Route
        Best first; empty when infeasible.
    infeasible_reason : str or None
        Why no route exists (None when there is one).
    notes : tuple of str
        E.g. fewer distinct alternatives than asked for.
    """

    origin: str
    destination: str
    origin_name: str
    destination_name: str
    scenario: str
    optimize: str
    via: tuple[str, ...]
    routes: tuple[Route, ...]
    infeasible_reason: str | None
    notes: tuple[str, ...] = ()

    @property
    def feasible(self) -> bool:
        """Whether at least one route was found."""
        return bool(self.routes)

    @property
    def best(self) -> Route | None:
        """The best route, or None."""
        return self.routes[0] if self.routes else None

    def __iter__(self) -> Any:
        return iter(self.routes)

    def __len__(self) -> int:
        return len(self.routes)


# ------------------------------------------------------------------- public
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
) -> RouteSet:
    """Find the best route(s) between two nodes.

    Parameters
    ----------
    network
        A :class:`~corridors.network.loader.Network` or its base graph.
    origin, destination
        Node ids (case-insensitive).
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
    objective = _objective(optimize)
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
    view = scenario_view(network, scenario, params)
    exp = view.expanded
    origin = resolve_node(exp, origin)
    destination = resolve_node(exp, destination)
    via = tuple(resolve_node(exp, v) for v in via)
    avoid = tuple(resolve_node(exp, a) for a in avoid)
    extras = _avoid_causes(
        exp, (origin, destination, *via), avoid, avoid_chokepoints, avoid_corridors, avoid_modes
    )

    weights = _masked(view.weights(objective), (e for _, eids in extras for e in eids))
    stages = [exp.copies[n] for n in (*via, destination)]
    sources = exp.copies[origin]
    base = {
        "origin": origin,
        "destination": destination,
        "origin_name": exp.node_info[origin].name,
        "destination_name": exp.node_info[destination].name,
        "scenario": view.scenario.name,
        "optimize": objective,
        "via": via,
    }
    if origin == destination and not via:
        reason = f"origin and destination are the same node ({node_text(exp, origin)})"
        return RouteSet(**base, routes=(), infeasible_reason=reason)

    found = _search(exp, weights, sources, stages)
    if found is None:
        reason = _diagnose(view, extras, sources, stages, origin, destination, via)
        return RouteSet(**base, routes=(), infeasible_reason=reason)
    paths = [found]
    if alternatives > 1:
        paths = _alternatives(exp, weights, sources, stages, found, alternatives)
    routes = tuple(_build_route(view, cost, nodes, eids, objective) for cost, nodes, eids in paths)
    notes = ()
    if len(routes) < alternatives:
        notes = (f"only {len(routes)} distinct route(s) found (asked for {alternatives})",)
    return RouteSet(**base, routes=routes, infeasible_reason=None, notes=notes)


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
    """Return the node id matching `node_id`: the id, else a unique case-insensitive id or name.

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
    if isinstance(node_id, str):
        if node_id in names:
            return node_id
        folded = node_id.strip().casefold()
        for key in (lambda k: k.casefold(), lambda k: names[k].casefold()):
            matches = [k for k in names if key(k) == folded]
            if len(matches) == 1:
                return matches[0]
    raise UnknownNodeError.from_candidates(node_id, names)


def route_label(
    legs: Iterable[LegResult] | Iterable[tuple[str, str | None]] | Iterable[tuple[str, str | None, str, str]],
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Return the label, corridor keys and branch keys of a sequence of legs.

    Parameters
    ----------
    legs
        LegResults, (corridor, branch) pairs, or (corridor, branch, from_id,
        to_id) tuples, in the order travelled.

    Returns
    -------
    tuple
        ``(label, corridors, branches)``, e.g. ``("INSTC western",
        ("instc",), ("instc/sea", "instc/western"))``. The label names each
        corridor once (an INSTC branch instead of plain "INSTC"; feeder
        legs only when nothing else is used; shared INSTC legs such as the
        India-Iran sea leg add no branch name).

    Notes
    -----
    The East Asian inter-port sea legs (between the hubs of
    :data:`EMC_HUB_CHAIN`) are tagged ``emc`` in the data, but Asia-Europe
    services sail them too. So "EMC" is left out of the label (when other
    corridors remain) if the node ids are known (LegResults or 4-tuples)
    and (1) every ``emc`` leg used joins two of those hubs, (2) the route
    neither starts nor ends at an Indian east-coast port
    (:data:`INDIA_EAST_COAST`), and (3) it reaches no Russian Far East port
    (:data:`RUSSIAN_FAR_EAST_PORTS`) by an ``emc`` leg. Shanghai-Rotterdam
    is then "Suez" (or "Cape", "NSR"), while Chennai-Vladivostok stays
    "EMC" and Shanghai-Vladivostok-Moscow "EMC + Trans-Siberian". The
    corridor keys still list ``emc``.
    """
    items = [
        (leg.corridor, leg.branch, leg.from_id, leg.to_id) if isinstance(leg, LegResult) else tuple(leg)
        for leg in legs
    ]
    pairs = [(item[0], item[1]) for item in items]
    tokens: list[str] = []
    instc: list[str] = []
    corridors: list[str] = []
    branches: list[str] = []
    for corridor, branch in pairs:
        if corridor not in corridors:
            corridors.append(corridor)
        key = f"{corridor}/{branch}" if branch else corridor
        if key not in branches:
            branches.append(key)
        token = "INSTC" if corridor == "instc" else corridor_name(corridor)
        if token not in tokens:
            tokens.append(token)
        if corridor == "instc" and branch in _BRANCH_NAMES and _BRANCH_NAMES[branch] not in instc:
            instc.append(_BRANCH_NAMES[branch])
    if instc:
        tokens = [f"INSTC {' + '.join(instc)}" if t == "INSTC" else t for t in tokens]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t != corridor_name("feeder")]
    if len(tokens) > 1 and _emc_only_east_asian_hubs(items):
        tokens = [t for t in tokens if t != corridor_name("emc")]
    return " + ".join(tokens), tuple(corridors), tuple(branches)


def _emc_only_east_asian_hubs(items: Sequence[tuple[Any, ...]]) -> bool:
    """Whether the route's ``emc`` legs are only the East Asian hub chain (see :func:`route_label`)."""
    full = [item for item in items if len(item) >= 4]  # noqa: PLR2004 (corridor, branch, from, to)
    if not full or len(full) != len(items):
        return False  # node ids unknown: keep the data's corridor name
    emc = [item for item in full if item[0] == "emc"]
    if not emc:
        return False
    if full[0][2] in INDIA_EAST_COAST or full[-1][3] in INDIA_EAST_COAST:
        return False
    if any(item[2] in RUSSIAN_FAR_EAST_PORTS or item[3] in RUSSIAN_FAR_EAST_PORTS for item in emc):
        return False
    return all(item[2] in EMC_HUB_CHAIN and item[3] in EMC_HUB_CHAIN for item in emc)


def transit_matrix(
    network: Any,
    *,
    scenario: Scenario | str | None = None,
    params: Params | None = None,
    nodes: Sequence[str] | None = None,
    optimize: str = "time",
) -> pd.DataFrame:
    """Return the best-route value between every pair of nodes.

    Parameters
    ----------
    network
        A Network or its base graph.
    scenario, params
        As for :func:`route`.
    nodes
        Node ids; by default every seaport, river port and city.
    optimize
        What to minimise and report: ``"time"`` (days), ``"distance"`` (km),
        ``"cost"`` (USD/TEU) or ``"co2"`` (kg CO2e/TEU).

    Returns
    -------
    pandas.DataFrame
        Square, index = origins, columns = destinations; NaN where no route
        exists. ``attrs["unit"]`` names the unit.
    """
    objective = _objective(optimize)
    view = scenario_view(network, scenario, params)
    exp = view.expanded
    if nodes is None:
        ids = [k for k, v in exp.node_info.items() if v.kind in _MATRIX_KINDS and exp.copies.get(k)]
    else:
        ids = [resolve_node(exp, n) for n in nodes]
    weights = view.weights(objective)
    scale = 1.0 / _HOURS_PER_DAY if objective == "time" else 1.0
    values = np.full((len(ids), len(ids)), np.nan)
    for i, source in enumerate(ids):
        dist, _ = _dijkstra(exp.adj, weights, dict.fromkeys(exp.copies[source], 0.0), None)
        for j, target in enumerate(ids):
            best = min((dist.get(c, _INF) for c in exp.copies[target]), default=_INF)
            if best < _INF:
                values[i, j] = best * scale
    frame = pd.DataFrame(
        values, index=pd.Index(ids, name="origin"), columns=pd.Index(ids, name="destination")
    )
    frame.attrs["unit"] = {"time": "days", "distance": "km", "cost": "USD/TEU", "co2": "kg CO2e/TEU"}[
        objective
    ]
    frame.attrs["scenario"] = view.scenario.name
    return frame


# ------------------------------------------------------------------ search
def _dijkstra(
    adj: Sequence[Sequence[tuple[int, int]]],
    weights: Sequence[float],
    sources: dict[int, float],
    targets: frozenset[int] | set[int] | None,
    *,
    settle_all_targets: bool = False,
    banned: frozenset[int] | set[int] = frozenset(),
) -> tuple[dict[int, float], dict[int, tuple[int, int]]]:
    """Multi-source Dijkstra. Stops at the first target settled (or all of them); never enters `banned`."""
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
            if nd < best.get(v, _INF) and v not in dist and v not in banned:
                best[v] = nd
                pred[v] = (u, e)
                push(heap, (nd, v))
    return dist, pred


Path = tuple[float, list[int], list[int]]


def _search(
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

    Returns ``(cost, expanded nodes, edge ids)`` or None.
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
        dist, pred = _dijkstra(exp.adj, weights, start, frozenset(stage), banned=banned)
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
        dist, pred = _dijkstra(adj, weights, start, targets, settle_all_targets=not last)
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


def _masked(weights: list[float], blocked: Iterable[int]) -> list[float]:
    blocked = list(blocked)
    if not blocked:
        return weights
    masked = list(weights)
    for e in blocked:
        masked[e] = _INF
    return masked


def _alternatives(
    exp: ExpandedGraph,
    weights: list[float],
    sources: Sequence[int],
    stages: Sequence[Sequence[int]],
    first: tuple[float, list[int], list[int]],
    k: int,
) -> list[tuple[float, list[int], list[int]]]:
    max_searches = 4 + 4 * k
    searches = 0
    accepted = [first]
    labels = {_path_label(exp, first)}
    tried: set[frozenset[tuple[str, str | None]]] = {frozenset()}
    heap: list[tuple[float, int, frozenset[tuple[str, str | None]], tuple[float, list[int], list[int]]]] = []
    counter = 0

    def expand(path: tuple[float, list[int], list[int]], blocked: frozenset[tuple[str, str | None]]) -> None:
        nonlocal searches, counter
        for key in _path_keys(exp, path[2]):
            if key in blocked:
                continue
            child = blocked | {key}
            if child in tried or searches >= max_searches:
                continue
            tried.add(child)
            searches += 1
            masked = _masked(weights, (e for b in child for e in exp.branch_edges.get(b, ())))
            found = _search(exp, masked, sources, stages)
            if found is not None:
                counter += 1
                heapq.heappush(heap, (found[0], counter, child, found))

    expand(first, frozenset())
    while heap and len(accepted) < k:
        _, _, blocked, path = heapq.heappop(heap)
        label = _path_label(exp, path)
        if label not in labels:
            labels.add(label)
            accepted.append(path)
        expand(path, blocked)
    return accepted


def _path_keys(exp: ExpandedGraph, eids: Sequence[int]) -> list[tuple[str, str | None]]:
    keys: list[tuple[str, str | None]] = []
    for e in eids:
        leg_id = exp.edges[e].leg_id
        if leg_id is not None:
            leg = exp.legs[leg_id]
            key = (leg.corridor, leg.branch)
            if key not in keys:
                keys.append(key)
    return keys


def _path_label(exp: ExpandedGraph, path: tuple[float, list[int], list[int]]) -> str:
    """The label :func:`route_label` gives the path (legs in the order travelled, with their ends)."""
    _, nodes, eids = path
    items = []
    for i, e in enumerate(eids):
        leg_id = exp.edges[e].leg_id
        if leg_id is not None:
            leg = exp.legs[leg_id]
            ends = (exp.nodes[nodes[i]].node_id, exp.nodes[nodes[i + 1]].node_id)
            items.append((leg.corridor, leg.branch, *ends))
    return route_label(items)[0]


# ------------------------------------------------------------ build results
def _build_route(view: ScenarioView, cost: float, nodes: list[int], eids: list[int], objective: str) -> Route:
    exp = view.expanded
    legs: list[dict[str, Any]] = []
    pending: list[DwellItem] = []
    for i, eid in enumerate(eids):
        a, b = exp.nodes[nodes[i]], exp.nodes[nodes[i + 1]]
        edge = exp.edges[eid]
        if edge.kind == "leg":
            leg = exp.legs[edge.leg_id]  # type: ignore[index]
            speed_source, cost_source, co2_source = view.sources[eid]  # type: ignore[misc]
            items = [*pending, *(_item(exp, c, None, None) for c in view.charges[eid])]
            pending = []
            km = float(view.km[eid])
            legs.append(
                {
                    "leg_id": leg.id,
                    "from_id": a.node_id,
                    "from_name": exp.node_info[a.node_id].name,
                    "to_id": b.node_id,
                    "to_name": exp.node_info[b.node_id].name,
                    "mode": leg.mode,
                    "layer": edge.layer,
                    "corridor": leg.corridor,
                    "branch": leg.branch,
                    "status": leg.status,
                    "season_note": view.season[eid].note,
                    "distance_km": km,
                    "distance_nm": km / KM_PER_NM,
                    "speed_kmh": float(view.speed_kmh[eid]),
                    "moving_h": float(view.moving_h[eid]),
                    "leg_cost_usd": float(view.cost_usd[eid]) - sum(c.cost_usd for c in view.charges[eid]),
                    "co2e_kg": float(view.co2e_kg[eid]),
                    "dwell": items,
                    "speed_source": speed_source,
                    "cost_source": cost_source,
                    "co2e_source": co2_source,
                    "reversed": a.node_id != leg.u,
                }
            )
        else:
            items = [_item(exp, c, a.layer, b.layer) for c in view.charges[eid]]
            if legs:
                legs[-1]["dwell"].extend(items)
            else:
                pending.extend(items)
    results = tuple(LegResult(**{**leg, "dwell": tuple(leg["dwell"])}) for leg in legs)
    label, corridors, branches = route_label(results)
    node_ids = [results[0].from_id] if results else []
    node_ids.extend(leg.to_id for leg in results)
    mc = view.params.montecarlo
    return Route(
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
    )


def _item(exp: ExpandedGraph, charge: Charge, from_layer: str | None, to_layer: str | None) -> DwellItem:
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


# ---------------------------------------------------------------- options
def _objective(optimize: str) -> str:
    found = _OPTIMIZE_ALIASES.get(str(optimize).lower())
    if found is None:
        raise ValidationError(f"optimize must be one of {', '.join(OBJECTIVES)}, got {short(optimize)}")
    return found


def _avoid_causes(
    exp: ExpandedGraph,
    endpoints: Sequence[str],
    nodes: Sequence[str],
    chokepoints: Sequence[str],
    corridors: Sequence[str],
    modes: Sequence[str],
) -> list[tuple[Cause, tuple[int, ...]]]:
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


# -------------------------------------------------------------- diagnosis
def _diagnose(
    view: ScenarioView,
    extras: list[tuple[Cause, tuple[int, ...]]],
    sources: Sequence[int],
    stages: Sequence[Sequence[int]],
    origin: str,
    destination: str,
    via: Sequence[str],
) -> str:
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


def _node_names_of(network: Any) -> dict[str, str]:
    graph = base_graph(network)
    return {k: str(d.get("name") or k) for k, d in graph.nodes(data=True)}
