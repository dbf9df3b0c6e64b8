"""What the engine reads from the base network: one :class:`LegInfo` per leg, one :class:`NodeInfo` per node.

The base graph (:class:`~corridors.network.loader.Network`) carries every
attribute of the GeoJSON files; the engine reads only these, once, when it
builds the expanded graph (:mod:`corridors.model.expanded`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from corridors.network.geodesy import KM_PER_NM

__all__ = ["LegInfo", "NodeInfo", "base_graph", "read_legs", "read_nodes"]


@dataclass(frozen=True)
class LegInfo:
    """The leg attributes the engine uses."""

    id: str
    u: str
    v: str
    mode: str
    corridor: str
    services: tuple[str, ...]
    branch: str | None
    status: str
    chokepoints: tuple[str, ...]
    season: str | None
    ice_area: str | None
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


def base_graph(network: Any) -> nx.MultiGraph:
    """Return the base graph of a :class:`~corridors.network.loader.Network` (or a graph itself)."""
    graph = network if isinstance(network, nx.Graph) else getattr(network, "graph", None)
    if not isinstance(graph, nx.MultiGraph):
        msg = f"expected a Network or its base nx.MultiGraph, got {type(network).__name__}"
        raise TypeError(msg)
    return graph



def read_nodes(graph: nx.MultiGraph) -> dict[str, NodeInfo]:
    """Return node id -> :class:`NodeInfo` for every node of a base graph."""
    node_info = {}
    for node_id, data in graph.nodes(data=True):
        node_info[node_id] = NodeInfo(
            id=node_id,
            name=str(data.get("name") or node_id),
            kind=str(data.get("kind") or ""),
            country=str(data.get("country") or ""),
            chokepoint=data.get("chokepoint") or None,
        )
    return node_info


def read_legs(graph: nx.MultiGraph) -> dict[str, LegInfo]:
    """Return leg id -> :class:`LegInfo` for every leg of a base graph (distances as :func:`_model_km`)."""
    legs = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        legs[key] = LegInfo(
            id=key,
            u=data.get("from") or u,
            v=data.get("to") or v,
            mode=data["mode"],
            corridor=data.get("corridor") or "",
            services=tuple(data.get("services") or ()),
            branch=data.get("branch") or None,
            status=data.get("status") or "operational",
            chokepoints=tuple(data.get("chokepoints") or ()),
            season=data.get("season") or None,
            ice_area=data.get("ice_area") or None,
            gauge_mm=data.get("gauge_mm"),
            dual_gauge=bool(data.get("dual_gauge")),
            length_km=_model_km(data),
            length_nm=_model_km(data) / KM_PER_NM,
            source=str(data.get("source") or ""),
        )
    return legs
