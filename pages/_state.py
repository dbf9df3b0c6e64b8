"""Streamlit glue: caching, session state and URL query parameters.

This is the only module of the app that knows about streamlit's caches and
state. Pages call it, then call the library (``corridors``) for everything
else.

- ``st.cache_resource`` holds the base network (one shared, read-only object)
  and the basemap polygons.
- ``st.cache_data`` holds derived results (map records, routes), keyed by a
  *network token* so that a session's uploaded extra network never leaks
  into another session's results.
- A GeoJSON uploaded on the Network page lives in ``st.session_state`` only.
- Widget values named in :data:`QUERY_KEYS` are mirrored to ``st.query_params``
  both ways, so a copied link reopens the same view.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from corridors import layers
from corridors._errors import CorridorsError, ValidationError

ROOT = Path(__file__).resolve().parent.parent
BASEMAP_PATH = ROOT / "geodata" / "basemap" / "countries_110m.geojson"

#: Widget keys mirrored in the URL, and how to read them back from text.
QUERY_KEYS: dict[str, Callable[[str], Any]] = {
    "origin": str,
    "destination": str,
    "scenario": str,
    "k": int,
    "optimize": str,
    "units": str,
    "scenarios": lambda s: [x for x in s.split(",") if x],
    "routes": int,
}

#: Widget keys whose values survive switching pages.
PERSISTENT_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units", "globe", "tiles", "scenarios", "routes")

_EXTRA_KEY = "_extra_network"  # (token, Network, file names) of this session's upload


# ----------------------------------------------------------------------------
# network
# ----------------------------------------------------------------------------
@st.cache_resource(show_spinner="Loading the network…")
def base_network() -> Any:
    """The bundled network, loaded once per server and shared (read-only).

    Returns
    -------
    corridors.datasets.Network
    """
    from corridors.datasets import load_network  # noqa: PLC0415

    return load_network()


def network() -> Any:
    """The network this session sees: base, plus its upload if any."""
    extra = st.session_state.get(_EXTRA_KEY)
    return extra[1] if extra else base_network()


def network_token() -> str:
    """A key identifying :func:`network` in data caches."""
    extra = st.session_state.get(_EXTRA_KEY)
    return extra[0] if extra else "base"


def extra_files() -> list[str]:
    """Names of the files this session added to the network."""
    extra = st.session_state.get(_EXTRA_KEY)
    return list(extra[2]) if extra else []


def add_upload(name: str, data: bytes) -> Any:
    """Join an uploaded GeoJSON to this session's network.

    Parameters
    ----------
    name
        The upload's file name (for the report).
    data
        Its bytes.

    Returns
    -------
    Network
        The new session network.

    Raises
    ------
    corridors._errors.CorridorsError
        The upload is invalid; the session keeps its earlier network.
    """
    current = network()
    new = current.with_extra(data, names=[name])
    digest = hashlib.sha256(network_token().encode() + data).hexdigest()[:16]
    st.session_state[_EXTRA_KEY] = (f"extra:{digest}", new, extra_files() + [name])
    _reset_views()
    return new


def drop_uploads() -> None:
    """Forget this session's uploads (back to the base network)."""
    st.session_state.pop(_EXTRA_KEY, None)
    _reset_views()


# ----------------------------------------------------------------------------
# map data
# ----------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def land_polygons(center: float | None = None) -> list[Any] | None:
    """Country polygons for the offline basemap (``None`` if the file is missing).

    Parameters
    ----------
    center
        Longitude the flat map is centred on (:func:`map_center`).
    """
    if not BASEMAP_PATH.exists():
        return None
    return layers.basemap_records(BASEMAP_PATH, center=center)


@st.cache_data(show_spinner=False, max_entries=32)
def map_center(token: str, _net: Any) -> float:
    """Longitude the flat map of a network is centred on (fits all its nodes)."""
    points = [(g.x, g.y) for g in _net.nodes.geometry if g is not None]
    return float(layers.fit_view(points)["longitude"])


@st.cache_data(show_spinner=False, max_entries=32)
def map_records(token: str, _net: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Node and leg records of a network for the map (cached per token).

    Parameters
    ----------
    token
        :func:`network_token` of ``_net`` (the cache key).
    _net
        The network (not hashed).

    Returns
    -------
    tuple of list
        ``(nodes, legs)`` records from :mod:`corridors.layers`, shifted to
        lie around :func:`map_center` (so nothing is cut at ±180°).
    """
    names = {str(k): str(v) for k, v in _net.nodes["name"].items()}
    center = map_center(token, _net)
    return (
        layers.node_records(_net.nodes, center=center),
        layers.leg_records(_net.legs, node_names=names, center=center),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def node_options(token: str, _net: Any) -> dict[str, str]:
    """Node id → picker label ``"Name (ID, CC)"``, sorted by label."""
    labels = {
        str(i): layers.node_label(str(i), row.get("name"), row.get("country"))
        for i, row in _net.nodes.drop(columns="geometry").iterrows()
        if row.get("kind") not in ("sea_waypoint",)
    }
    return dict(sorted(labels.items(), key=lambda kv: kv[1].casefold()))


def map_view(*, globe: bool) -> dict[str, float]:
    """The map's initial view, computed once per session and kept.

    Keeping the same initial view across reruns lets the browser keep the
    user's pan and zoom (the chart is only re-centred when this changes).
    """
    key = f"_view_{'globe' if globe else 'map'}_{network_token()}"
    if key not in st.session_state:
        nodes, _ = map_records(network_token(), network())
        st.session_state[key] = layers.fit_view([n["pos"] for n in nodes], globe=globe)
    return st.session_state[key]


def _reset_views() -> None:
    for key in [k for k in st.session_state if str(k).startswith("_view_")]:
        del st.session_state[key]


# ----------------------------------------------------------------------------
# query params <-> widgets
# ----------------------------------------------------------------------------
def page_setup(keys: Iterable[str] = PERSISTENT_KEYS) -> None:
    """Call first in every page: hand over to ``st.navigation`` and keep widget state.

    Because ``pages/`` exists next to ``app.py``, streamlit runs the *first*
    script run of a fresh server in its legacy multipage mode. For a deep
    link (``/compare?...``) that runs ``pages/compare.py`` directly, without
    ``app.py``'s ``st.navigation`` (no wide layout, a legacy sidebar that even
    lists this module). Here the legacy mode is switched off and the run is
    restarted, so ``app.py`` runs and routes to the same page with the same
    query parameters.

    Widget values are also kept across page switches (streamlit drops the
    state of widgets that a run does not draw).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager  # noqa: PLC0415
    except ImportError:  # pragma: no cover - streamlit internals moved
        PagesManager = None  # noqa: N806
    if PagesManager is not None and PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    keep_widget_state(keys)


def keep_widget_state(keys: Iterable[str] = PERSISTENT_KEYS) -> None:
    """Keep widget values across page switches (streamlit drops them otherwise)."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def restore_from_query(keys: Iterable[str], valid: Mapping[str, Callable[[Any], bool]] | None = None) -> None:
    """Seed widget state from the URL on a session's first visit.

    Parameters
    ----------
    keys
        Widget keys to restore (see :data:`QUERY_KEYS`).
    valid
        Optional per-key check; a value that fails it is ignored.
    """
    valid = valid or {}
    for key in keys:
        if key in st.session_state or key not in st.query_params:
            continue
        raw = st.query_params.get(key)
        try:
            value = QUERY_KEYS.get(key, str)(raw)
        except (TypeError, ValueError):
            continue
        check = valid.get(key)
        if check is None or check(value):
            st.session_state[key] = value


def push_to_query(keys: Iterable[str]) -> None:
    """Write widget values to the URL (only the ones that changed)."""
    for key in keys:
        value = st.session_state.get(key)
        if value is None or value == "" or value == []:
            if key in st.query_params:
                del st.query_params[key]
            continue
        text = ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        if st.query_params.get(key) != text:
            st.query_params[key] = text


# ----------------------------------------------------------------------------
# messages
# ----------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")


def safe_text(text: object) -> str:
    """Text from data or errors, made inert for ``st.markdown``-like calls."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def show_error(err: BaseException, *, title: str = "") -> None:
    """Show a library error as a message (never a traceback).

    A :class:`ValidationError` shows every problem, one per line, as plain
    text in a code block.
    """
    if isinstance(err, ValidationError):
        n = len(err.problems)
        st.error(f"{safe_text(title) + ': ' if title else ''}{n} problem{'s' if n != 1 else ''} found — nothing was changed.")
        st.code(str(err), language=None, wrap_lines=True)
    elif isinstance(err, CorridorsError):
        st.error((safe_text(title) + ": " if title else "") + safe_text(err))
    else:  # pragma: no cover - unexpected, still no traceback
        st.error((safe_text(title) + ": " if title else "") + f"unexpected error ({type(err).__name__}): {safe_text(err)}")


def flash(message: str) -> None:
    """Keep a success message to show after the next rerun."""
    st.session_state["_flash"] = message


def show_flash() -> None:
    """Show (once) the message kept by :func:`flash`."""
    message = st.session_state.pop("_flash", None)
    if message:
        st.success(safe_text(message))


# ----------------------------------------------------------------------------
# tables and downloads
# ----------------------------------------------------------------------------
def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return value


@st.cache_data(show_spinner=False, max_entries=32)
def network_tables(token: str, _net: Any) -> tuple[Any, Any]:
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


def csv_download(frame: Any, filename: str, *, key: str, label: str = "Download CSV") -> None:
    """A download button with the table as formula-safe CSV (same columns as the CLI)."""
    from corridors.export import to_csv  # noqa: PLC0415

    st.download_button(label, data=to_csv(frame), file_name=filename, mime="text/csv", key=key, icon=":material/download:")


def json_download(data: Any, filename: str, *, key: str, label: str, mime: str = "application/geo+json") -> None:
    """A download button for a JSON-able object (e.g. routes as GeoJSON)."""
    import json  # noqa: PLC0415

    st.download_button(label, data=json.dumps(data, ensure_ascii=False), file_name=filename, mime=mime, key=key, icon=":material/download:")


# ----------------------------------------------------------------------------
# scenarios and routes
# ----------------------------------------------------------------------------
_CUSTOM_KEY = "_custom_scenarios"


@st.cache_resource(show_spinner=False)
def preset_scenarios() -> dict[str, Any]:
    """The engine's preset scenarios, by name (``baseline`` first)."""
    from corridors.scenario import presets  # noqa: PLC0415

    return presets()


def scenarios() -> dict[str, Any]:
    """Presets plus the scenarios this session built or loaded."""
    return {**preset_scenarios(), **st.session_state.get(_CUSTOM_KEY, {})}


def add_scenario(scenario: Any) -> None:
    """Keep a built or uploaded scenario for this session (by its name)."""
    custom = dict(st.session_state.get(_CUSTOM_KEY, {}))
    custom[scenario.name] = scenario
    st.session_state[_CUSTOM_KEY] = custom


@st.cache_data(show_spinner=False, max_entries=512)
def routes(token: str, _net: Any, origin: str, destination: str, scenario_key: str, _scenario: Any, optimize: str, k: int) -> Any:
    """Route alternatives, cached per network, pair, scenario content and options.

    Returns
    -------
    corridors.routing.RouteSet
    """
    from corridors.routing import route  # noqa: PLC0415

    found = route(_net, origin, destination, scenario=_scenario, optimize=optimize, alternatives=k)
    for item in found.routes:
        item.totals  # noqa: B018 - compute the Monte Carlo once, inside the cache
    return found


@st.cache_data(show_spinner=False, max_entries=256)
def compare(token: str, _net: Any, origin: str, destination: str, scenario_keys: tuple[str, ...], _scenarios: tuple[Any, ...], optimize: str, k: int) -> Any:
    """The engine's comparison table for one pair and several scenarios (cached)."""
    from corridors.tables import compare as compare_table  # noqa: PLC0415

    return compare_table(_net, origin, destination, list(_scenarios), optimize=optimize, alternatives=k)
