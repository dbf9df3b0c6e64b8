"""The transfer-expanded graph: one copy of each place per layer, joined by transfers.

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
    charge (see :func:`corridors.model.layers.transfer_kind`): ``port`` (ship <-> land, ship <->
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
    calls (:func:`corridors.model.charges.port_call_charge`).
Per-node dwell
    A ``[dwell_node]`` entry replaces the dwell of a transfer or crossing at
    its node, per mode of the crossing (:func:`corridors.model.charges.crossing_mode`).

The expanded graph is built once per base graph and sea-service structure
(:func:`expanded_graph`: a few structures kept per base graph, which is held
weakly) and never changed. A scenario is applied as a
:class:`~corridors.model.view.ScenarioView` (:mod:`corridors.model.view`).
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import networkx as nx

from corridors.model.base_info import LegInfo, NodeInfo, base_graph, read_legs, read_nodes
from corridors.model.layers import layer_mode, leg_layers, transfer_kind
from corridors.model.params import Params, SeaService, default_params

__all__ = [
    "HUB_KINDS",
    "PASS_KINDS",
    "ExpandedEdge",
    "ExpandedGraph",
    "ExpandedNode",
    "expanded_graph",
    "node_text",
]

HUB_KINDS = frozenset({"seaport"})
"""Node kinds where a box may be transshipped between deep-sea and feeder ships."""
PASS_KINDS = frozenset({"border_crossing", "strait"})
"""Node kinds with one copy per incident leg, joined by pass edges (a border, a canal)."""
_PER_GRAPH = 4  # expanded graphs kept per base graph (one per sea-service structure)



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


@dataclass(frozen=True, eq=False)
class ExpandedGraph:
    """The transfer-expanded graph of one base graph (see the module docstring).

    Built by :func:`expanded_graph`; every attribute is computed when it is
    built, and nothing changes afterwards.

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
    leg_edges : mapping of str to tuple of int
        Leg id -> its expanded edges (one per layer).
    node_edges : mapping of str to tuple of int
        Base node id -> every expanded edge touching one of its copies.
    chokepoint_edges : mapping of str to tuple of int
        Chokepoint key -> legs listing it plus every edge at its strait nodes.
    branch_edges : mapping of (str, str or None) to tuple of int
        (corridor, branch) -> leg edges (used to find distinct alternatives).
    graph : networkx.MultiGraph
        The expanded graph, frozen. Nodes are :class:`ExpandedNode` tuples;
        edges are keyed by edge index and carry ``kind``, ``leg_id``,
        ``node_id``, ``layer`` and ``charges``. Use
        :meth:`~corridors.model.view.ScenarioView.weight_function` for weights.
    """

    nodes: tuple[ExpandedNode, ...]
    edges: tuple[ExpandedEdge, ...]
    adj: tuple[tuple[tuple[int, int], ...], ...]
    copies: Mapping[str, tuple[int, ...]]
    legs: Mapping[str, LegInfo]
    node_info: Mapping[str, NodeInfo]
    sea_service: tuple[tuple[str, ...], tuple[str, ...]]
    leg_edges: Mapping[str, tuple[int, ...]]
    node_edges: Mapping[str, tuple[int, ...]]
    chokepoint_edges: Mapping[str, tuple[int, ...]]
    branch_edges: Mapping[tuple[str, str | None], tuple[int, ...]]
    graph: nx.MultiGraph

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


def node_text(expanded: ExpandedGraph, node_id: str) -> str:
    """Return ``"Bandar Abbas (IRBND)"`` for a node id."""
    info = expanded.node_info.get(node_id)
    return f"{info.name} ({node_id})" if info and info.name != node_id else node_id


# ------------------------------------------------------------------ the cache
_Structure = tuple[tuple[str, ...], tuple[str, ...]]


class _Built:
    """What is kept per base graph: its sea legs, and the last few expanded graphs by structure."""

    def __init__(self, graph: nx.MultiGraph) -> None:
        self.sea_legs = tuple(
            (key, data.get("corridor"))
            for _, _, key, data in graph.edges(keys=True, data=True)
            if data.get("mode") == "sea"
        )
        self.by_structure: OrderedDict[_Structure, ExpandedGraph] = OrderedDict()

    def structure(self, service: SeaService) -> _Structure:
        """(deep-sea corridors, feeder-only sea legs present in the graph); empty when it has none."""
        wanted, corridors = set(service.feeder_legs), set(service.feeder_corridors)
        present = sorted(key for key, corridor in self.sea_legs if key in wanted or corridor in corridors)
        if not present:
            return ((), ())
        return (tuple(sorted(service.deep_sea_corridors)), tuple(present))


# base graph (weakly) -> what was built from it
_EXPANDED: weakref.WeakKeyDictionary[nx.MultiGraph, _Built] = weakref.WeakKeyDictionary()
_EXPANDED_LOCK = threading.Lock()


def expanded_graph(network: Any, *, params: Params | None = None) -> ExpandedGraph:
    """Return the expanded graph of a network, building it once per base graph and structure.

    Parameters
    ----------
    network
        A :class:`~corridors.network.loader.Network` or its base graph. The cache
        is keyed on the graph object's identity (weakly: it goes when the
        graph goes); the graph itself is never modified.
    params
        Where the deep-sea/feeder structure comes from (``[sea_service]``);
        the bundled defaults when None. Only the structure actually built
        (the feeder legs present in the graph) keys the cache, and at most a
        few structures are kept per graph (the least recently used goes).

    Returns
    -------
    ExpandedGraph
        The same object for every call with the same graph and structure
        while it is kept.
    """
    graph = base_graph(network)
    service = (default_params() if params is None else params).sea_service
    with _EXPANDED_LOCK:
        built = _EXPANDED.get(graph)
        if built is None:
            built = _EXPANDED[graph] = _Built(graph)
        structure = built.structure(service)
        found = built.by_structure.get(structure)
        if found is not None:
            built.by_structure.move_to_end(structure)
            return found
    found = _expand(graph, structure)
    with _EXPANDED_LOCK:
        found = built.by_structure.setdefault(structure, found)
        built.by_structure.move_to_end(structure)
        while len(built.by_structure) > _PER_GRAPH:
            built.by_structure.popitem(last=False)
    return found


# ------------------------------------------------------------------ building
def _expand(graph: nx.MultiGraph, structure: _Structure = ((), ())) -> ExpandedGraph:
    node_info = {}
    node_info = read_nodes(graph)
    legs = read_legs(graph)

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
    leg_edges, node_edges = _leg_and_node_edges(nodes, edges)
    return ExpandedGraph(
        nodes=tuple(nodes),
        edges=tuple(edges),
        adj=tuple(tuple(a) for a in adj),
        copies={k: tuple(v) for k, v in by_node.items()},
        legs=legs,
        node_info=node_info,
        sea_service=structure,
        leg_edges=leg_edges,
        node_edges=node_edges,
        chokepoint_edges=_chokepoint_edges(legs, node_info, leg_edges, node_edges),
        branch_edges=_branch_edges(edges, legs),
        graph=_frozen_graph(nodes, edges),
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


def _leg_and_node_edges(
    nodes: list[ExpandedNode], edges: list[ExpandedEdge]
) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    by_leg: dict[str, list[int]] = {}
    by_node: dict[str, set[int]] = {}
    for eid, edge in enumerate(edges):
        if edge.leg_id is not None:
            by_leg.setdefault(edge.leg_id, []).append(eid)
        for end in (edge.u, edge.v):
            by_node.setdefault(nodes[end].node_id, set()).add(eid)
    return {k: tuple(v) for k, v in by_leg.items()}, {k: tuple(sorted(v)) for k, v in by_node.items()}


def _chokepoint_edges(
    legs: Mapping[str, LegInfo],
    node_info: Mapping[str, NodeInfo],
    leg_edges: Mapping[str, tuple[int, ...]],
    node_edges: Mapping[str, tuple[int, ...]],
) -> dict[str, tuple[int, ...]]:
    found: dict[str, set[int]] = {}
    for leg in legs.values():
        for key in leg.chokepoints:
            found.setdefault(key, set()).update(leg_edges.get(leg.id, ()))
    for info in node_info.values():
        if info.chokepoint:
            found.setdefault(info.chokepoint, set()).update(node_edges.get(info.id, ()))
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _branch_edges(
    edges: list[ExpandedEdge], legs: Mapping[str, LegInfo]
) -> dict[tuple[str, str | None], tuple[int, ...]]:
    found: dict[tuple[str, str | None], list[int]] = {}
    for eid, edge in enumerate(edges):
        if edge.leg_id is not None:
            leg = legs[edge.leg_id]
            found.setdefault((leg.corridor, leg.branch), []).append(eid)
    return {k: tuple(v) for k, v in found.items()}


def _frozen_graph(nodes: list[ExpandedNode], edges: list[ExpandedEdge]) -> nx.MultiGraph:
    graph = nx.MultiGraph(name="corridors-expanded")
    graph.add_nodes_from(nodes)
    for eid, edge in enumerate(edges):
        graph.add_edge(
            nodes[edge.u],
            nodes[edge.v],
            key=eid,
            eid=eid,
            kind=edge.kind,
            leg_id=edge.leg_id,
            node_id=edge.node_id,
            layer=edge.layer,
            charges=edge.charges,
        )
    return nx.freeze(graph)
