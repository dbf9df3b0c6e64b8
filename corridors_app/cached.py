"""Library calls cached across sessions (``st.cache_data`` / ``st.cache_resource``).

Every function taking a ``token`` is keyed by :func:`corridors_app.session.network_token`
(the network's content *and* its file names), never by the network object
itself (``_net`` is not hashed). Each cache is bounded by ``max_entries``.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from corridors._paths import BASEMAP_PATH
from corridors.viz import geometry, records

__all__ = ["compare", "land_polygons", "map_center", "map_records", "network_tables", "node_options", "routes"]

_LOG = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def _land_polygons(path: str, center: float | None) -> list[Any]:
    # raises for a missing or unreadable file: a failure is not cached
    return records.basemap_records(path, center=center)


def land_polygons(center: float | None = None) -> list[Any] | None:
    """Country polygons for the offline basemap (``None`` if the file is missing or unreadable).

    Parameters
    ----------
    center : float or None
        Longitude the flat map is centred on (:func:`map_center`).
    """
    try:
        return _land_polygons(str(BASEMAP_PATH), center)
    except Exception:  # noqa: BLE001 - a broken basemap only costs the land; the map still works
        _LOG.warning("the offline basemap %s could not be read", BASEMAP_PATH, exc_info=True)
        return None


@st.cache_data(show_spinner=False, max_entries=32)
def map_center(token: str, _net: Any) -> float:  # noqa: ARG001 - the cache keys
    """Longitude the flat map of a network is centred on (fits all its nodes)."""
    points = [(g.x, g.y) for g in _net.nodes.geometry if g is not None]
    return float(geometry.fit_view(points)["longitude"])


@st.cache_data(show_spinner=False, max_entries=32)
def map_records(token: str, _net: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Node and leg records of a network for the map (cached per token).

    Parameters
    ----------
    token : str
        :func:`corridors_app.session.network_token` of ``_net`` (the cache key).
    _net : corridors.network.loader.Network
        The network (not hashed).

    Returns
    -------
    tuple of list
        ``(nodes, legs)`` records from :mod:`corridors.viz.records`, shifted to
        lie around :func:`map_center` (so nothing is cut at ±180°).
    """
    names = {str(k): str(v) for k, v in _net.nodes["name"].items()}
    center = map_center(token, _net)
    return (
        records.node_records(_net.nodes, center=center),
        records.leg_records(_net.legs, node_names=names, center=center),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def node_names(token: str, _net: Any) -> dict[str, str]:  # noqa: ARG001 - the cache keys
    """Node id → name (what a typed place is matched against, :func:`corridors_app.url.snap_to_node`)."""
    return _net.nodes["name"].astype(str).to_dict()


@st.cache_data(show_spinner=False, max_entries=32)
def node_options(token: str, _net: Any) -> dict[str, str]:  # noqa: ARG001 - the cache keys
    """Node id → picker label ``"Name (ID, CC)"``, sorted by label."""
    labels = {
        str(i): records.node_label(str(i), row.get("name"), row.get("country"))
        for i, row in _net.nodes.drop(columns="geometry").iterrows()
        if row.get("kind") not in ("sea_waypoint",)
    }
    return dict(sorted(labels.items(), key=lambda kv: kv[1].casefold()))


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return value


@st.cache_data(show_spinner=False, max_entries=32)
def network_tables(token: str, _net: Any) -> tuple[Any, Any]:  # noqa: ARG001 - the cache keys
    """Nodes and legs as plain tables (lists joined as text), cached per token.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(nodes, legs)`` with ``id`` as the first column, no geometry.
    """
    nodes = _net.nodes.drop(columns=["geometry"]).reset_index()
    legs = _net.legs.drop(columns=["geometry"]).reset_index()
    names = dict(zip(_net.nodes.index, _net.nodes["name"], strict=False))
    legs.insert(2, "from_name", legs["from"].map(names))
    legs.insert(4, "to_name", legs["to"].map(names))
    for frame in (nodes, legs):
        for col in frame.columns:
            if frame[col].dtype == object:
                frame[col] = frame[col].map(_plain)
    return nodes, legs


@st.cache_data(show_spinner=False, max_entries=512)
def routes(token: str, _net: Any, origin: str, destination: str, scenario_key: str, _scenario: Any, optimize: str, k: int) -> Any:  # noqa: ARG001 - the cache keys
    """Route alternatives, cached per network, pair, scenario content and options.

    Returns
    -------
    corridors.routing.route.RouteSet
    """
    from corridors.routing.route import route  # noqa: PLC0415

    found = route(_net, origin, destination, scenario=_scenario, optimize=optimize, alternatives=k)
    for item in found.routes:
        item.totals  # noqa: B018 - compute the Monte Carlo once, inside the cache
    return found


@st.cache_data(show_spinner=False, max_entries=256)
def compare(token: str, _net: Any, origin: str, destination: str, scenario_keys: tuple[str, ...], _scenarios: tuple[Any, ...], optimize: str, k: int) -> Any:  # noqa: ARG001 - the cache keys
    """The engine's comparison table for one pair and several scenarios (cached)."""
    from corridors.report.compare import compare as compare_table  # noqa: PLC0415

    return compare_table(_net, origin, destination, list(_scenarios), optimize=optimize, alternatives=k)


@st.cache_data(show_spinner="Routing the calibration benchmarks…", max_entries=1)
def calibration() -> Any:
    """The calibration table on the bundled network (``corridors calibrate``), computed once per server."""
    from corridors.network.loader import load_network  # noqa: PLC0415
    from corridors.report.calibration import calibrate, calibration_frame  # noqa: PLC0415

    return calibration_frame(calibrate(load_network()))
