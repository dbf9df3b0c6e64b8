"""Library calls cached across sessions (``st.cache_data`` / ``st.cache_resource``).

Every function taking a ``token`` is keyed by :func:`corridors_app.session.network_token`
(the network's content *and* its file names), never by the network object
itself (``_net`` is not hashed). Each cache is bounded by ``max_entries``.
The route sets and the map records, read on every page load, are shared
objects (``st.cache_resource``: no copy per read); nothing changes them
(frozen dataclasses; the map's record helpers copy what they restyle).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

import streamlit as st

from corridors._paths import BASEMAP_PATH
from corridors.viz import geometry, records
from corridors_app.polite import FROM_BYTES as POLITE_FROM_BYTES
from corridors_app.polite import polite

__all__ = [
    "calibration",
    "compare",
    "extended_network",
    "land_polygons",
    "map_center",
    "map_left_out",
    "map_records",
    "network_tables",
    "node_options",
    "references",
    "routes",
]

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


@st.cache_resource(show_spinner=False, max_entries=32)
def map_records(token: str, _net: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Node and leg records of a network for the map (cached per token; bounded work and size).

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
        lie around :func:`map_center` (so nothing is cut at ±180°): at most
        :data:`~corridors.viz.records.MAX_DRAWN_NODES` nodes,
        :data:`~corridors.viz.records.MAX_DRAWN_LEGS` legs and about
        :data:`~corridors.viz.records.MAX_DRAWN_VERTICES` vertices. For a
        network made by :func:`extended_network`, the records built when the
        upload was added are used (nothing is built again).
    """
    center = map_center(token, _net)
    entry = _PREBUILT.pop(id(_net), None)
    if entry is not None and entry[0] is _net and entry[1][0] == center:
        return entry[1][1], entry[1][2]
    return _build_records(_net, center)


def _build_records(net: Any, center: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    names = {str(k): str(v) for k, v in net.nodes["name"].items()}
    return (
        records.node_records(net.nodes, center=center),
        records.leg_records(net.legs, node_names=names, center=center),
    )


def map_left_out(net: Any) -> str | None:
    """A line for the map when the network is over the drawing budget (``None`` when all of it is drawn)."""
    nodes, legs = records.drawn_counts(len(net.nodes), len(net.legs))
    if not nodes and not legs:
        return None
    parts = [f"{n:,} {what}" for n, what in ((nodes, "nodes"), (legs, "legs")) if n]
    return (f"The map leaves out {' and '.join(parts)} of this network (it draws at most "
            f"{records.MAX_DRAWN_NODES:,} nodes and {records.MAX_DRAWN_LEGS:,} legs, the bundled ones first); "
            "routes through them are still found and drawn.")


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


@st.cache_resource(show_spinner=False, max_entries=512)
def routes(token: str, _net: Any, origin: str, destination: str, scenario_key: str, _scenario: Any, optimize: str, k: int,  # noqa: ARG001 - the cache keys
           via: tuple[str, ...] = (), avoid: tuple[str, ...] = (), avoid_chokepoints: tuple[str, ...] = (),
           avoid_corridors: tuple[str, ...] = (), avoid_modes: tuple[str, ...] = ()) -> Any:
    """Route alternatives, cached per network, pair, scenario content and options (via and avoid as for ``route``).

    Returns
    -------
    corridors.routing.route.RouteSet
    """
    from corridors.routing.route import route  # noqa: PLC0415

    found = route(_net, origin, destination, scenario=_scenario, optimize=optimize, alternatives=k, via=via, avoid=avoid,
                  avoid_chokepoints=avoid_chokepoints, avoid_corridors=avoid_corridors, avoid_modes=avoid_modes)
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


# ----------------------------------------------------------------------------
# uploads: validated, and their map records built, once per upload
# ----------------------------------------------------------------------------
# id(network) -> (network, (center, node records, leg records)) built with the upload, until map_records takes them
_PREBUILT: dict[int, tuple[Any, tuple[float, list[dict[str, Any]], list[dict[str, Any]]]]] = {}
_MAX_PREBUILT = 8
_PREBUILT_LOCK = threading.Lock()


def _extend(net: Any, name: str, data: bytes) -> tuple[Any, tuple[float, list[dict[str, Any]], list[dict[str, Any]]]]:
    """The extended network and its map records (the same as :func:`map_records` builds)."""
    new = net.with_extra(data, names=[name])
    center = float(geometry.fit_view([(g.x, g.y) for g in new.nodes.geometry if g is not None])["longitude"])
    return new, (center, *_build_records(new, center))


def extended_network(net: Any, name: str, data: bytes) -> Any:
    """``net.with_extra(data, names=[name])``, with its map records built once, now.

    The drawing work of an upload is bounded (a line is thinned to 1,000
    points before simplification, the map draws at most the budgets of
    :mod:`corridors.viz.records`), and it is done once per upload here, not
    on every rerun. It runs in the server's process (the runtime never uses
    ``pickle`` or ``subprocess``: tests/hardening/test_static_safety.py),
    and a large one (:data:`corridors_app.polite.FROM_BYTES` or more)
    politely (:func:`corridors_app.polite.polite`): it holds the interpreter
    at most a quarter of the time, so the other sessions' page loads go on;
    the uploader waits longer.

    Parameters
    ----------
    net : corridors.network.loader.Network
        The session's network.
    name : str
        The upload's file name.
    data : bytes
        Its bytes (already within the size limit).

    Returns
    -------
    corridors.network.loader.Network

    Raises
    ------
    corridors._errors.CorridorsError
        The upload is invalid (as from ``with_extra``).
    """
    with polite() if len(data) >= POLITE_FROM_BYTES else contextlib.nullcontext():  # the others' page loads go on
        new, built = _extend(net, name, data)
    with _PREBUILT_LOCK:
        _PREBUILT[id(new)] = (new, built)
        while len(_PREBUILT) > _MAX_PREBUILT:
            _PREBUILT.pop(next(iter(_PREBUILT)))
    return new


@st.cache_data(show_spinner=False, max_entries=256)
def references(token: str, _net: Any, origin: str, destination: str, scenario_key: str, _scenario: Any, optimize: str) -> Any:  # noqa: ARG001 - the cache keys
    """The reference routes of a pair (:func:`corridors.routing.reference.reference_routes`), cached."""
    from corridors.routing.reference import reference_routes  # noqa: PLC0415

    found = reference_routes(_net, origin, destination, scenario=_scenario, optimize=optimize)
    for item in found:
        if item.route is not None:
            item.route.totals  # noqa: B018 - compute the Monte Carlo once, inside the cache
    return found
