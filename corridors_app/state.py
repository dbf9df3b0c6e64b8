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
  both ways, so a copied link reopens the same view. A link is untrusted:
  it is read through :func:`corridors_app.query.parse_query`, and a bad value
  is named in a warning, never used.
- ``app.py`` calls :func:`require_network` first: a missing or corrupt
  corridor file stops every page with a message naming it.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import streamlit as st

from corridors._errors import CorridorsError, LimitError, ValidationError
from corridors._paths import BASEMAP_PATH
from corridors._text import describe
from corridors.viz import deck as layers

#: Widget keys mirrored in the URL (read back through :func:`corridors_app.query.parse_query`).
QUERY_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units", "scenarios", "routes")

#: Widget keys whose values survive switching pages.
PERSISTENT_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units", "globe", "tiles", "scenarios", "routes")

_LOG = logging.getLogger(__name__)

_EXTRA_KEY = "_extra_network"  # (token, Network, file names) of this session's upload


# ----------------------------------------------------------------------------
# network
# ----------------------------------------------------------------------------
def geodata_folder() -> str:
    """The folder the base network is read from (``CORRIDORS_GEODATA_DIR`` or ``geodata/``)."""
    from corridors.network.loader import geodata_dir  # noqa: PLC0415

    return str(geodata_dir())


@st.cache_resource(show_spinner="Loading the network…")
def _base_network(folder: str) -> Any:  # noqa: ARG001 - the cache key
    # keyed by the folder, so a server (or a test) pointed at another folder
    # never gets the network of the first one. A failed load raises and is not
    # cached: the next run tries again (e.g. once the file is restored).
    from corridors.network.loader import load_network  # noqa: PLC0415

    return load_network()


def base_network() -> Any:
    """The bundled network, loaded once per server and shared (read-only).

    Returns
    -------
    corridors.network.loader.Network

    Raises
    ------
    corridors._errors.ValidationError
        A corridor file is missing or invalid (every problem listed).
    """
    return _base_network(geodata_folder())


def require_network() -> Any:
    """The base network, or (when it cannot be loaded) an error on the page and ``st.stop()``.

    ``app.py`` calls it before any page runs: a missing or corrupt file in
    ``geodata/`` then shows which file and why, on every page, instead of a
    traceback.
    """
    try:
        return base_network()
    except CorridorsError as err:
        show_startup_error(err)
    except Exception as err:  # noqa: BLE001 - unexpected: still no traceback on the page
        _LOG.exception("the corridor network could not be loaded")
        show_startup_error(err)
    st.stop()
    return None  # pragma: no cover - st.stop() does not return


def show_startup_error(err: BaseException) -> None:
    """The page's message when the corridor files cannot be loaded (the error's full text)."""
    lines = str(err).splitlines() or [type(err).__name__]
    if not isinstance(err, CorridorsError):
        lines = [f"unexpected error ({type(err).__name__}): {line}" for line in lines]
    # The folder itself is not shown: visitors need not learn the server's paths.
    st.error(
        "**The corridor network could not be loaded, so the planner cannot start.**\n\n"
        + "  \n".join(safe_text(line) for line in lines)
        + "\n\nThe corridor files are read from the server's geodata folder "
        "(set CORRIDORS_GEODATA_DIR to use another folder). Restore or fix the file(s) named above, then reload the page; "
        "`corridors validate` prints the same report.",
        icon=":material/error:",
    )


def network() -> Any:
    """The network this session sees: base, plus its upload if any."""
    extra = st.session_state.get(_EXTRA_KEY)
    return extra[1] if extra else base_network()


def network_token() -> str:
    """A key identifying :func:`network` in data caches."""
    extra = st.session_state.get(_EXTRA_KEY)
    if extra:
        return extra[0]
    from corridors.network.loader import GEODATA_DIR  # noqa: PLC0415

    folder = geodata_folder()
    return "base" if folder == str(GEODATA_DIR) else "base:" + hashlib.sha256(folder.encode()).hexdigest()[:16]


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
def _land_polygons(path: str, center: float | None) -> list[Any]:
    # raises for a missing or unreadable file: a failure is not cached
    return layers.basemap_records(path, center=center)


def land_polygons(center: float | None = None) -> list[Any] | None:
    """Country polygons for the offline basemap (``None`` if the file is missing or unreadable).

    Parameters
    ----------
    center
        Longitude the flat map is centred on (:func:`map_center`).
    """
    try:
        return _land_polygons(str(BASEMAP_PATH), center)
    except Exception:  # noqa: BLE001 - a broken basemap only costs the land; the map still works
        _LOG.warning("the offline basemap %s could not be read", BASEMAP_PATH, exc_info=True)
        return None


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
        ``(nodes, legs)`` records from :mod:`corridors.viz.deck`, shifted to
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
    """Call first in every page: keep widget values across page switches.

    Streamlit drops the state of widgets that a run does not draw; writing
    each value back keeps it for when the planner returns to the page.
    """
    keep_widget_state(keys)


def keep_widget_state(keys: Iterable[str] = PERSISTENT_KEYS) -> None:
    """Keep widget values across page switches (streamlit drops them otherwise)."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def restore_from_query(
    keys: Iterable[str],
    *,
    net: Any,
    scenario_names: Iterable[str],
    valid: Mapping[str, tuple[Callable[[Any], bool], str]] | None = None,
) -> list[str]:
    """Seed widget state from the URL on a session's first visit.

    A link can carry anything: every value is checked by
    :func:`corridors_app.query.parse_query` (``routes`` here: a whole number),
    and only its clean ``values`` reach the widgets. Each bad value is named
    in one gentle warning; the page keeps its defaults for them.

    Parameters
    ----------
    keys
        Widget keys to restore (see :data:`QUERY_KEYS`).
    net
        The session's network (origin/destination must be its nodes).
    scenario_names
        The scenarios this session offers.
    valid
        Per-key ``(check, what the page offers)``: a clean value that fails
        the page's own check (e.g. ``k`` over the slider's maximum) is
        ignored too, with that text in the warning.

    Returns
    -------
    list of str
        The warning's lines (empty when every value was used).
    """
    from corridors_app.query import QUERY_KEYS as ENGINE_KEYS  # noqa: PLC0415
    from corridors_app.query import parse_query  # noqa: PLC0415

    valid = valid or {}
    wanted = [k for k in keys if k in QUERY_KEYS and k not in st.session_state and k in st.query_params]
    if not wanted:
        return []
    raw = {k: st.query_params.get_all(k) for k in wanted}
    parsed = parse_query({k: v for k, v in raw.items() if k in ENGINE_KEYS}, network=net, scenario_names=list(scenario_names))
    values = dict(parsed.values)
    problems = [(p.field or "", p.message) for p in parsed.problems]
    for key in wanted:
        if key in ENGINE_KEYS:
            continue
        text = (raw[key] or [""])[-1].strip()  # e.g. "routes": a whole number
        if re.fullmatch(r"[0-9]{1,6}", text):
            values[key] = int(text)
        else:
            problems.append((key, f"expected a whole number, got {describe(text)}"))
    for key, value in values.items():
        check = valid.get(key)
        if check is not None and not check[0](value):
            problems.append((key, f"{describe(value)} is not offered here ({check[1]})"))
            continue
        st.session_state[key] = value
    lines = [f"**{safe_text(key)}**: {safe_text(message)}" for key, message in problems]
    if lines:
        st.warning(
            "Part of this link was not used (the page shows its defaults instead):\n\n" + "\n".join(f"- {line}" for line in lines),
            icon=":material/link_off:",
        )
    return lines


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
    from corridors.report.export import to_csv  # noqa: PLC0415

    st.download_button(label, data=to_csv(frame), file_name=filename, mime="text/csv", key=key, icon=":material/download:")


def json_download(data: Any, filename: str, *, key: str, label: str, mime: str = "application/geo+json") -> None:
    """A download button for a JSON-able object (e.g. routes as GeoJSON)."""
    import json  # noqa: PLC0415

    st.download_button(label, data=json.dumps(data, ensure_ascii=False), file_name=filename, mime=mime, key=key, icon=":material/download:")


# ----------------------------------------------------------------------------
# scenarios and routes
# ----------------------------------------------------------------------------
_CUSTOM_KEY = "_custom_scenarios"

#: Scenarios a session may build or load (each is kept in its session state).
MAX_SESSION_SCENARIOS = 50


@st.cache_resource(show_spinner=False)
def preset_scenarios() -> dict[str, Any]:
    """The engine's preset scenarios, by name (``baseline`` first)."""
    from corridors.model.scenario import presets  # noqa: PLC0415

    return presets()


def scenarios() -> dict[str, Any]:
    """Presets plus the scenarios this session built or loaded."""
    return {**preset_scenarios(), **st.session_state.get(_CUSTOM_KEY, {})}


def add_scenario(scenario: Any) -> None:
    """Keep a built or uploaded scenario for this session (by its name; same name: replaced).

    Raises
    ------
    corridors._errors.ValidationError
        Its name is a preset's (a session's scenario never stands in for a preset).
    corridors._errors.LimitError
        The session already keeps :data:`MAX_SESSION_SCENARIOS` of its own.
    """
    if scenario.name in preset_scenarios():
        msg = f"a preset scenario is already called {scenario.name!r}: give yours another name"
        raise ValidationError(msg)
    custom = dict(st.session_state.get(_CUSTOM_KEY, {}))
    if scenario.name not in custom and len(custom) >= MAX_SESSION_SCENARIOS:
        msg = (f"this session already keeps {len(custom)} scenarios of its own, the limit (MAX_SESSION_SCENARIOS); "
               "reuse a name to replace one, or reload the page to start afresh")
        raise LimitError(msg)
    custom[scenario.name] = scenario
    st.session_state[_CUSTOM_KEY] = custom


@st.cache_data(show_spinner=False, max_entries=512)
def routes(token: str, _net: Any, origin: str, destination: str, scenario_key: str, _scenario: Any, optimize: str, k: int) -> Any:
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
def compare(token: str, _net: Any, origin: str, destination: str, scenario_keys: tuple[str, ...], _scenarios: tuple[Any, ...], optimize: str, k: int) -> Any:
    """The engine's comparison table for one pair and several scenarios (cached)."""
    from corridors.report.tables import compare as compare_table  # noqa: PLC0415

    return compare_table(_net, origin, destination, list(_scenarios), optimize=optimize, alternatives=k)
