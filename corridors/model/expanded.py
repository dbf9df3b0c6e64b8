"""The transfer-expanded graph and scenario views on it.

The base graph (one node per place, one edge per leg) cannot tell a ship
sailing past Bandar Abbas from a box lifted there from ship to train. The
expanded graph can:

Layers
    Every node gets one copy per *layer* of the legs touching it: ``sea``,
    ``river``, ``ferry``, ``road``, ``rail1435``, ``rail1520`` (a dual-gauge
    leg is in both rail layers), and ``feeder``. A leg joins the copies of
    its ends in its layer, so passing through a port by sea touches only
    ``(port, "sea")`` and pays nothing there.
Deep-sea and feeder ships
    When the parameters name feeder-only sea legs
    (``[sea_service] feeder_legs`` and ``feeder_corridors``, e.g. the Baltic
    feeder Skagen-St Petersburg, the NSR) that the network has, sea legs
    split by the ship that sails them: feeder-only legs are in the
    ``feeder`` layer, legs of ``deep_sea_corridors`` (Suez, Cape) in the
    ``sea`` layer, and every other sea leg in both (like a dual-gauge track). Changing from ``sea`` to
    ``feeder`` is a ``transshipment``, allowed only at seaports (a hub such
    as Rotterdam), so a route from India via Suez to St Petersburg pays one
    hub transshipment, while Rotterdam-St Petersburg or an NSR voyage from
    St Petersburg pays none. On ties the ``sea`` layer wins.
Transfers
    Copies of the same node are joined by *transfer* edges carrying a
    charge (see :func:`transfer_kind`): ``port`` (ship <-> land, ship <->
    river ship), ``ferry_port`` (on/off a Caspian ferry or feeder),
    ``transshipment`` (deep-sea ship <-> feeder ship, at seaports only),
    ``gauge`` (1435 <-> 1520 mm) and ``intermodal`` (rail <-> road).
Pass-through nodes
    A ``border_crossing`` node, and a ``strait`` node with a chokepoint,
    gets one copy per (layer, incident leg); every pair of copies is joined
    by a *pass* edge carrying the border dwell/fee (``border_rail`` or
    ``border_road``) or the canal charge (``chokepoint:<key>``), plus a
    transfer when the layers differ. So every route through such a node pays
    it once, whichever legs it uses.
Origin and destination
    A search starts from every copy of the origin at zero cost and stops at
    any copy of the destination: a route may start and end in any mode
    without paying a transfer there.
Canals and port calls on legs
    A leg listing a chokepoint pays that chokepoint's charge itself unless
    one of its ends is the strait node of that chokepoint (then the node's
    pass edge pays it). A sea leg also pays its intermediate liner port
    calls (:func:`corridors.model.costs.port_call_charge`).
Per-node dwell
    A ``[dwell_node]`` entry replaces the dwell of a transfer or crossing at
    its node, per mode of the crossing (:func:`corridors.model.costs.crossing_mode`).

The expanded graph is built once per base graph and sea-service structure
(cached on the graph object, weakly) and never changed. A scenario is
applied as a :class:`ScenarioView`: per-edge figures and closures in arrays, from which
the routing weights are read (``inf`` for a closed edge). Views are cached
per (graph, scenario, params) content.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import networkx as nx
import numpy as np

from corridors.model import costs
from corridors.model.params import Params, default_params
from corridors.model.scenario import Scenario, load_scenario
from corridors.model.seasons import SeasonState, leg_state
from corridors.network import schema
from corridors.network.geodesy import KM_PER_NM
from corridors.network.schema import chokepoint_name, corridor_name

__all__ = [
    "LAYERS",
    "OBJECTIVES",
    "Cause",
    "ExpandedEdge",
    "ExpandedGraph",
    "ExpandedNode",
    "LegInfo",
    "NodeInfo",
    "ScenarioView",
    "base_graph",
    "expanded_graph",
    "layer_mode",
    "leg_layers",
    "scenario_view",
    "transfer_kind",
]

LAYERS = ("sea", "river", "ferry", "road", "rail1435", "rail1520", "feeder")
"""Layers of the expanded graph (a rail layer per gauge; ``feeder``: sea legs sailed by feeder ships)."""

WATER_LAYERS = frozenset({"sea", "river", "ferry", "feeder"})
HUB_KINDS = frozenset({"seaport"})
"""Node kinds where a box may be transshipped between deep-sea and feeder ships."""
PASS_KINDS = frozenset({"border_crossing", "strait"})
OBJECTIVES = ("time", "distance", "cost", "co2")
"""What a route can minimise."""

_TIE_BREAK = 1e-6  # x hours, added to non-time objectives so free detours lose ties
_VIEW_CACHE_SIZE = 32
_INF = float("inf")


class ExpandedNode(NamedTuple):
    """A copy of a base node in one layer (and for one leg at pass-through nodes)."""

    node_id: str
    layer: str
    leg_id: str | None = None


class ExpandedEdge(NamedTuple):
    """An edge of the expanded graph.

    ``kind`` is ``"leg"`` (then ``leg_id`` and ``layer`` are set),
    ``"transfer"`` or ``"pass"`` (then ``node_id`` is set). ``charges``
    lists the charge kinds paid on it.
    """

    u: int
    v: int
    kind: str
    leg_id: str | None
    node_id: str | None
    layer: str | None
    charges: tuple[str, ...]


@dataclass(frozen=True)
class LegInfo:
    """The leg attributes the engine uses."""

    id: str
    u: str
    v: str
    mode: str
    corridor: str
    branch: str | None
    status: str
    chokepoints: tuple[str, ...]
    season: str | None
    gauge_mm: int | None
    dual_gauge: bool
    length_km: float
    length_nm: float
    source: str


def _model_km(data: dict) -> float:
    """The distance the model uses for a leg.

    A published distance (``published_km``, or ``published_nm`` for sea legs)
    wins over the geometry where a leg carries one: the bundled rail geometry
    is a generalised OpenStreetMap extract that loses length on mountain
    sections (Garmsar–Incheh Borun: 395 km drawn, 495 km published).
    """
    for key, factor in (("published_km", 1.0), ("published_nm", KM_PER_NM)):
        value = data.get(key)
        if value is not None and value == value and float(value) > 0:
            return float(value) * factor
    return float(data["length_km"])


@dataclass(frozen=True)
class NodeInfo:
    """The node attributes the engine uses."""

    id: str
    name: str
    kind: str
    country: str
    chokepoint: str | None


@dataclass(frozen=True)
class Cause:
    """Why some edges are closed: one scenario closure, season rule or status."""

    kind: str  # "chokepoint", "node", "leg", "corridor", "mode", "status", "season", "avoid"
    key: str
    text: str


def leg_layers(
    mode: str, gauge_mm: int | None = None, *, dual_gauge: bool = False, sea_service: str | None = None
) -> tuple[str, ...]:
    """Return the layers a leg belongs to.

    Parameters
    ----------
    mode
        Leg mode.
    gauge_mm
        Rail gauge (1435 or 1520; missing is taken as 1520).
    dual_gauge
        A dual-gauge rail leg is in both rail layers.
    sea_service
        For sea legs when the graph has feeder-only legs: ``"deep"`` (the
        ``sea`` layer), ``"feeder"`` (the ``feeder`` layer) or ``"both"``;
        None: the ``sea`` layer.

    Returns
    -------
    tuple of str
    """
    if mode == "sea" and sea_service is not None:
        return {"deep": ("sea",), "feeder": ("feeder",), "both": ("sea", "feeder")}[sea_service]
    if mode != "rail":
        return (mode,)
    if dual_gauge:
        return ("rail1435", "rail1520")
    return (f"rail{int(gauge_mm) if gauge_mm else schema.DUAL_GAUGE_MM}",)


def layer_mode(layer: str) -> str:
    """Return the mode of a layer (``"rail1520"`` -> ``"rail"``, ``"feeder"`` -> ``"sea"``)."""
    if layer.startswith("rail"):
        return "rail"
    return "sea" if layer == "feeder" else layer


def transfer_kind(a: str, b: str) -> str | None:
    """Return the charge kind for changing from layer `a` to layer `b`.

    Parameters
    ----------
    a, b
        Layers.

    Returns
    -------
    str or None
        None when ``a == b``; ``transshipment`` between the ``sea`` and
        ``feeder`` layers; ``ferry_port`` when a ferry is involved;
        ``port`` for any other change involving a ship; ``gauge`` between
        the rail layers; ``intermodal`` between rail and road.
    """
    if a == b:
        return None
    if {a, b} == {"sea", "feeder"}:
        return "transshipment"
    if a in WATER_LAYERS or b in WATER_LAYERS:
        return "ferry_port" if "ferry" in (a, b) else "port"
    if layer_mode(a) == layer_mode(b) == "rail":
        return "gauge"
    return "intermodal"


def base_graph(network: Any) -> nx.MultiGraph:
    """Return the base graph of a :class:`~corridors.network.loader.Network` (or a graph itself)."""
    graph = network if isinstance(network, nx.Graph) else getattr(network, "graph", None)
    if not isinstance(graph, nx.MultiGraph):
        msg = f"expected a Network or its base nx.MultiGraph, got {type(network).__name__}"
        raise TypeError(msg)
    return graph


@dataclass(frozen=True, eq=False)
class ExpandedGraph:
    """The transfer-expanded graph of one base graph (see the module docstring).

    Attributes
    ----------
    nodes : tuple of ExpandedNode
    edges : tuple of ExpandedEdge
    adj : tuple of tuple of (int, int)
        For each expanded node: (neighbour, edge index) pairs.
    copies : mapping of str to tuple of int
        Base node id -> its expanded nodes.
    legs : mapping of str to LegInfo
    node_info : mapping of str to NodeInfo
    sea_service : tuple of (tuple of str, tuple of str)
        The structure it was built with: (deep-sea corridors, feeder-only
        legs present in the graph); both empty without a ``feeder`` layer.
    """

    nodes: tuple[ExpandedNode, ...]
    edges: tuple[ExpandedEdge, ...]
    adj: tuple[tuple[tuple[int, int], ...], ...]
    copies: Mapping[str, tuple[int, ...]]
    legs: Mapping[str, LegInfo]
    node_info: Mapping[str, NodeInfo]
    sea_service: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    _views: OrderedDict[tuple[str, str], ScenarioView] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @cached_property
    def leg_edges(self) -> dict[str, tuple[int, ...]]:
        """Leg id -> its expanded edges (one per layer)."""
        found: dict[str, list[int]] = {}
        for eid, edge in enumerate(self.edges):
            if edge.leg_id is not None:
                found.setdefault(edge.leg_id, []).append(eid)
        return {k: tuple(v) for k, v in found.items()}

    @cached_property
    def node_edges(self) -> dict[str, tuple[int, ...]]:
        """Base node id -> every expanded edge touching one of its copies."""
        found: dict[str, set[int]] = {}
        for eid, edge in enumerate(self.edges):
            for end in (edge.u, edge.v):
                found.setdefault(self.nodes[end].node_id, set()).add(eid)
        return {k: tuple(sorted(v)) for k, v in found.items()}

    @cached_property
    def chokepoint_edges(self) -> dict[str, tuple[int, ...]]:
        """Chokepoint key -> legs listing it plus every edge at its strait nodes."""
        found: dict[str, set[int]] = {}
        for leg in self.legs.values():
            for key in leg.chokepoints:
                found.setdefault(key, set()).update(self.leg_edges.get(leg.id, ()))
        for info in self.node_info.values():
            if info.chokepoint:
                found.setdefault(info.chokepoint, set()).update(self.node_edges.get(info.id, ()))
        return {k: tuple(sorted(v)) for k, v in found.items()}

    def edges_where(self, **match: str | None) -> tuple[int, ...]:
        """Return the leg edges whose leg attributes equal `match` (e.g. ``corridor="nsr"``)."""
        found = []
        for eid, edge in enumerate(self.edges):
            if edge.leg_id is None:
                continue
            leg = self.legs[edge.leg_id]
            if all(getattr(leg, k) == v for k, v in match.items()):
                found.append(eid)
        return tuple(found)

    @cached_property
    def branch_edges(self) -> dict[tuple[str, str | None], tuple[int, ...]]:
        """(corridor, branch) -> leg edges (used to find distinct alternatives)."""
        found: dict[tuple[str, str | None], list[int]] = {}
        for eid, edge in enumerate(self.edges):
            if edge.leg_id is not None:
                leg = self.legs[edge.leg_id]
                found.setdefault((leg.corridor, leg.branch), []).append(eid)
        return {k: tuple(v) for k, v in found.items()}

    @cached_property
    def graph(self) -> nx.MultiGraph:
        """The expanded graph as a frozen :class:`networkx.MultiGraph`.

        Nodes are :class:`ExpandedNode` tuples; edges are keyed by edge index
        and carry ``kind``, ``leg_id``, ``node_id``, ``layer`` and
        ``charges``. Use :meth:`ScenarioView.weight_function` for weights.
        """
        graph = nx.MultiGraph(name="corridors-expanded")
        graph.add_nodes_from(self.nodes)
        for eid, edge in enumerate(self.edges):
            graph.add_edge(
                self.nodes[edge.u],
                self.nodes[edge.v],
                key=eid,
                eid=eid,
                kind=edge.kind,
                leg_id=edge.leg_id,
                node_id=edge.node_id,
                layer=edge.layer,
                charges=edge.charges,
            )
        return nx.freeze(graph)

    def view(self, scenario: Scenario, params: Params) -> ScenarioView:
        """Return the (cached) view of this graph under a scenario.

        Parameters
        ----------
        scenario
            Applied on top of `params`.
        params
            Base parameters (the scenario's overrides are applied to them).
            The view keeps this graph's deep-sea/feeder structure; use
            :func:`scenario_view` to get the graph that matches a scenario
            changing ``[sea_service]``.

        Returns
        -------
        ScenarioView
        """
        key = (scenario.key, params.key)
        with self._lock:
            found = self._views.get(key)
            if found is not None:
                self._views.move_to_end(key)
                return found
        found = _build_view(self, scenario, params)
        with self._lock:
            self._views[key] = found
            while len(self._views) > _VIEW_CACHE_SIZE:
                self._views.popitem(last=False)
        return found


_Structure = tuple[tuple[str, ...], tuple[str, ...]]
# graph -> {[sea_service] asked for (3-tuple), or the structure built (2-tuple): ExpandedGraph}
_EXPANDED: weakref.WeakKeyDictionary[nx.MultiGraph, dict[tuple[tuple[str, ...], ...], ExpandedGraph]] = (
    weakref.WeakKeyDictionary()
)
_EXPANDED_LOCK = threading.Lock()


def expanded_graph(network: Any, *, params: Params | None = None) -> ExpandedGraph:
    """Return the expanded graph of a network, building it once per base graph.

    Parameters
    ----------
    network
        A :class:`~corridors.network.loader.Network` or its base graph. The cache
        is keyed on the graph object's identity (weakly: it goes when the
        graph goes); the graph itself is never modified.
    params
        Where the deep-sea/feeder structure comes from (``[sea_service]``);
        the bundled defaults when None.

    Returns
    -------
    ExpandedGraph
    """
    graph = base_graph(network)
    service = (default_params() if params is None else params).sea_service
    asked = (service.deep_sea_corridors, service.feeder_legs, service.feeder_corridors)
    with _EXPANDED_LOCK:
        found = _EXPANDED.get(graph, {}).get(asked)
    if found is None:
        structure = _structure(graph, *asked)
        with _EXPANDED_LOCK:
            found = _EXPANDED.get(graph, {}).get(structure)
        if found is None:
            found = _expand(graph, structure)
        with _EXPANDED_LOCK:
            cache = _EXPANDED.setdefault(graph, {})
            found = cache.setdefault(structure, found)
            cache[asked] = found
    return found


def _structure(
    graph: nx.MultiGraph, deep: tuple[str, ...], feeder: tuple[str, ...], feeder_corridors: tuple[str, ...]
) -> _Structure:
    """(deep-sea corridors, feeder-only sea legs present in `graph`); empty when it has none."""
    wanted, corridors = set(feeder), set(feeder_corridors)
    present = sorted(
        key
        for _, _, key, data in graph.edges(keys=True, data=True)
        if data.get("mode") == "sea" and (key in wanted or data.get("corridor") in corridors)
    )
    if not present:
        return ((), ())
    return (tuple(sorted(deep)), tuple(present))


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
        :func:`~corridors.model.scenario.load_scenario`; a string never names a
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
    return expanded_graph(network, params=scenario.apply(base)).view(scenario, base)


def _expand(graph: nx.MultiGraph, structure: _Structure = ((), ())) -> ExpandedGraph:
    node_info = {}
    for node_id, data in graph.nodes(data=True):
        node_info[node_id] = NodeInfo(
            id=node_id,
            name=str(data.get("name") or node_id),
            kind=str(data.get("kind") or ""),
            country=str(data.get("country") or ""),
            chokepoint=data.get("chokepoint") or None,
        )
    legs = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        legs[key] = LegInfo(
            id=key,
            u=data.get("from") or u,
            v=data.get("to") or v,
            mode=data["mode"],
            corridor=data.get("corridor") or "",
            branch=data.get("branch") or None,
            status=data.get("status") or "operational",
            chokepoints=tuple(data.get("chokepoints") or ()),
            season=data.get("season") or None,
            gauge_mm=data.get("gauge_mm"),
            dual_gauge=bool(data.get("dual_gauge")),
            length_km=_model_km(data),
            length_nm=_model_km(data) / KM_PER_NM,
            source=str(data.get("source") or ""),
        )

    nodes: list[ExpandedNode] = []
    index: dict[ExpandedNode, int] = {}

    def copy(node: ExpandedNode) -> int:
        found = index.get(node)
        if found is None:
            found = index[node] = len(nodes)
            nodes.append(node)
        return found

    def is_pass(node_id: str) -> bool:
        info = node_info[node_id]
        return info.kind == "border_crossing" or (info.kind == "strait" and bool(info.chokepoint))

    deep, feeder = set(structure[0]), set(structure[1])

    def service(leg: LegInfo) -> str | None:
        if not feeder or leg.mode != "sea":
            return None
        if leg.id in feeder:
            return "feeder"
        return "deep" if leg.corridor in deep else "both"

    edges: list[ExpandedEdge] = []
    # Feeder-layer copies are made last, so that on equal times the sea layer wins
    # (Dijkstra settles lower node indices first).
    for feeder_pass in (False, True):
        for leg in legs.values():
            layers = leg_layers(leg.mode, leg.gauge_mm, dual_gauge=leg.dual_gauge, sea_service=service(leg))
            for layer in layers:
                if (layer == "feeder") != feeder_pass:
                    continue
                ends = [copy(ExpandedNode(n, layer, leg.id if is_pass(n) else None)) for n in (leg.u, leg.v)]
                canal = tuple(
                    f"chokepoint:{c}"
                    for c in leg.chokepoints
                    if not any(
                        node_info[n].kind == "strait" and node_info[n].chokepoint == c for n in (leg.u, leg.v)
                    )
                )
                edges.append(ExpandedEdge(ends[0], ends[1], "leg", leg.id, None, layer, canal))

    by_node: dict[str, list[int]] = {}
    for i, node in enumerate(nodes):
        by_node.setdefault(node.node_id, []).append(i)
    for node_id in node_info:
        by_node.setdefault(node_id, [])
    for node_id, members in by_node.items():
        info = node_info[node_id]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                na, nb = nodes[a], nodes[b]
                if transfer_kind(na.layer, nb.layer) == "transshipment" and info.kind not in HUB_KINDS:
                    continue  # ships swap boxes only at a seaport (a hub), not at sea or in a strait
                if is_pass(node_id):
                    if na.leg_id == nb.leg_id:
                        continue
                    kinds = _pass_charges(info, na.layer, nb.layer)
                    edges.append(ExpandedEdge(a, b, "pass", None, node_id, None, kinds))
                else:
                    kind = transfer_kind(na.layer, nb.layer)
                    if kind is not None:
                        edges.append(ExpandedEdge(a, b, "transfer", None, node_id, None, (kind,)))

    adj: list[list[tuple[int, int]]] = [[] for _ in nodes]
    for eid, edge in enumerate(edges):
        adj[edge.u].append((edge.v, eid))
        adj[edge.v].append((edge.u, eid))
    return ExpandedGraph(
        nodes=tuple(nodes),
        edges=tuple(edges),
        adj=tuple(tuple(a) for a in adj),
        copies={k: tuple(v) for k, v in by_node.items()},
        legs=legs,
        node_info=node_info,
        sea_service=structure,
    )


def _pass_charges(info: NodeInfo, a: str, b: str) -> tuple[str, ...]:
    kinds = []
    change = transfer_kind(a, b)
    if change is not None:
        kinds.append(change)
    if info.kind == "border_crossing":
        modes = {layer_mode(a), layer_mode(b)}
        if modes == {"rail"}:
            kinds.append("border_rail")
        elif "road" in modes or "rail" in modes:
            kinds.append("border_road" if "road" in modes else "border_rail")
    elif info.chokepoint:
        kinds.append(f"chokepoint:{info.chokepoint}")
    return tuple(kinds)


# ------------------------------------------------------------------ the view
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

    @cached_property
    def closed(self) -> np.ndarray:
        """Boolean array: edge closed in this view."""
        return np.array([bool(c) for c in self.edge_causes], dtype=bool)

    @cached_property
    def time_h(self) -> np.ndarray:
        """Deterministic time on each edge: moving + likely dwell (hours)."""
        return self.moving_h + self.dwell_likely_h

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
        if optimize == "time":
            return self.time_h
        primary = {"distance": self.km, "cost": self.cost_usd, "co2": self.co2e_kg}[optimize]
        return primary + _TIE_BREAK * self.time_h

    def weights(self, optimize: str) -> list[float]:
        """Return per-edge weights as a list (``inf`` on closed edges); cached.

        Parameters
        ----------
        optimize
            One of :data:`OBJECTIVES`.

        Returns
        -------
        list of float
            Shared: do not modify.
        """
        cache = self._weights_cache
        found = cache.get(optimize)
        if found is None:
            values = np.where(self.closed, np.inf, self.objective(optimize))
            found = cache[optimize] = values.tolist()
        return found

    @cached_property
    def _weights_cache(self) -> dict[str, list[float]]:
        return {}

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


def node_text(expanded: ExpandedGraph, node_id: str) -> str:
    """Return ``"Bandar Abbas (IRBND)"`` for a node id."""
    info = expanded.node_info.get(node_id)
    return f"{info.name} ({node_id})" if info and info.name != node_id else node_id
