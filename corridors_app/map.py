"""The explorer's map: the network deck with the session's routes, and clicks on nodes or anywhere on land.

The map data comes from :mod:`corridors_app.cached` (per network token); the
initial view from :func:`corridors_app.session.map_view`, kept per session so
the browser keeps the user's pan and zoom. A click on a node picks the node; a
click elsewhere on land in the corridors' region picks the centre of a
:data:`GRID_DEG` degree cell of an invisible grid (Streamlit's map selection
returns the object clicked, not the position), as a position ``lon,lat``
that the engine joins to the nearest terminals.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import Any

import pydeck as pdk
import streamlit as st

from corridors._errors import CorridorsError
from corridors._paths import BASEMAP_PATH
from corridors._text import display_safe
from corridors.viz import closures as closing
from corridors.viz.deck import NODE_LAYER_ID, network_deck, spliced_deck
from corridors.viz.deck_json import layers_json
from corridors.viz.framing import globe_view, route_view
from corridors.viz.labels import declutter, label_records, prioritised_nodes
from corridors.viz.records import route_paths
from corridors_app import cached, session, static_data

__all__ = [
    "CLICK_LAYER_ID", "GRID_DEG", "ZOOM_STEP", "click_grid", "explorer_deck", "map_controls", "node_click", "place_position",
    "scenario_closures", "view_state",
]  # fmt: skip

CLICK_LAYER_ID = "click-grid"
"""Id of the invisible layer of land cells that makes a click anywhere on land pick a position."""

GRID_DEG = 2.0
"""Cell size of the click grid, degrees (a click picks the cell's centre: within about 150 km, which the first or
last mile by truck joins to the nearest terminals; about 1,400 cells, 35 KB on the map: 1 degree was 154 KB)."""

GRID_REGION = (25.0, 145.0, 5.0, 70.0)
"""West, east, south, north bounds of the click grid (India, Iran, the Caspian, Central Asia, Russia west of Lake Baikal and the Far East ports' latitudes)."""


def explorer_deck(
    token: str,
    net: Any,
    *,
    found: Any = None,
    labels: Sequence[str] = (),
    focus: int = 0,
    ends: Mapping[str, str | None] | None = None,
    globe: bool = False,
    tiles: bool = False,
    scenario: Any = None,
) -> tuple[Any, bool]:
    """The explorer's deck: the whole network, the found routes and the chosen origin/destination.

    The view is fitted to the focused route (the globe looks at it from the
    centre of its points: an NSR route from over the Arctic) when there is
    one, to the whole network otherwise; it changes only when the route, the
    focus, the globe toggle or the zoom/reset buttons (:func:`map_controls`)
    change, so the browser keeps the planner's pan and zoom across other
    reruns. The places of the focused route and the main hubs are labelled;
    legs closed by the scenario or out of season are drawn grey and dashed,
    closed chokepoints marked with a red X.

    Parameters
    ----------
    token : str
        :func:`corridors_app.session.network_token` of ``net``.
    net : corridors.network.loader.Network
        The session's network.
    found : corridors.routing.route.RouteSet, optional
        The routes to draw (with ``labels``, one per route).
    labels : sequence of str
        The routes' labels (empty: no routes drawn).
    focus : int
        Index of the highlighted route.
    ends : mapping, optional
        ``{"o": origin id, "d": destination id}`` (``None`` when not chosen).
    globe, tiles : bool
        Globe view; tile basemap.
    scenario : corridors.model.scenario.Scenario, optional
        The scenario shown: its closures are drawn (none drawn without it).

    Returns
    -------
    tuple
        ``(pydeck.Deck, land)``: ``land`` is false when the offline basemap could not be read.
    """
    drawn = bool(labels) and found is not None and 0 <= focus < len(found.routes)
    end_pairs = tuple((role, end) for role, end in (ends or {}).items() if end)
    key = (
        token,
        tuple(tuple(leg.leg_id for leg in r.legs) for r in found.routes) if drawn else (),
        tuple(labels) if drawn else (),
        focus if drawn else -1,
        end_pairs,
        globe,
        tiles,
        scenario.key if scenario is not None else "",
        str(cached.BASEMAP_PATH),  # the offline basemap drawn (a test swaps it)
    )
    digest = hashlib.blake2b(repr(key).encode("utf-8"), digest_size=16).hexdigest()  # one short string to hash per cache call
    frame = _map_frame(digest, token, net, found if drawn else None, list(labels) if drawn else [], focus, dict(end_pairs), globe, tiles, scenario)
    default = _globe_default(token, net) if globe else session.map_view(globe=False)
    map_controls(fitted=frame.fitted is not None)
    view = view_state(st.session_state, globe=globe, default=default, fitted=frame.fitted)
    return _view_deck(digest, tuple(sorted(view.items())), _frame=frame, _globe=globe, _tiles=tiles), frame.land


@st.cache_resource(show_spinner=False, max_entries=128)
def _view_deck(digest: str, view: tuple[tuple[str, float], ...], *, _frame: MapFrame, _globe: bool, _tiles: bool) -> Any:  # noqa: ARG001 - the cache key
    """The deck of one map (``digest`` of :func:`_map_frame`'s key) seen from one view: labels decluttered for it, spec written once."""
    view_map = dict(view)
    labelled = declutter(list(_frame.labels), view_map, globe=_globe)
    return spliced_deck(_frame.layers, view=view_map, globe=_globe, tiles=_tiles, labels=labelled)


@dataclass(frozen=True)
class MapFrame:
    """What a map shows, whoever looks at it: built once per route, scenario and map options.

    Attributes
    ----------
    layers : str
        Every layer but the labels, serialized (:func:`corridors.viz.deck_json.layers_json`).
    labels : tuple of dict
        The place labels before decluttering (that depends on the planner's zoom).
    fitted : dict or None
        The view fitted to the focused route (None: no route).
    land : bool
        False when the offline basemap could not be read.
    files : tuple of corridors_app.static_data.Published
        The layers' data published as files (:mod:`corridors_app.static_data`): kept here, served while this map is cached.
    """

    layers: str
    labels: tuple[dict[str, Any], ...]
    fitted: dict[str, float] | None
    land: bool
    files: tuple[Any, ...] = ()


@st.cache_resource(show_spinner=False, max_entries=64)
def _map_frame(digest: str, _token: str, _net: Any, _found: Any, _labels: list[str], _focus: int, _ends: dict[str, str],  # noqa: ARG001 - the cache key
               _globe: bool, _tiles: bool, _scenario: Any) -> MapFrame:  # fmt: skip
    """The map of one view, cached by ``digest``: a hash of the network token, the routes' legs, labels, focus, ends, globe, tiles, scenario key and basemap file.

    Every part of the key is validated content (a network token, leg ids of
    a routing result, node ids or positions the pickers accepted, a
    scenario's content key), and the cache holds at most 64 maps.
    """
    token, net, found, focus, globe = _token, _net, _found, _focus, _globe
    node_recs, leg_recs = cached.map_records(token, net)
    by_id = {n["id"]: n for n in node_recs}
    od = []
    for role, end in _ends.items():
        if end in by_id:
            od.append({"pos": by_id[end]["pos"], "role": role, "tip": by_id[end]["tip"]})
        elif (pos := place_position(end)) is not None:
            od.append({"pos": list(pos), "role": role, "tip": f"{display_safe(end)} (first/last mile by truck, an estimate)"})
    center = cached.map_center(token, net)
    routes = found.routes if found is not None else ()
    paths = [route_paths(net.legs, [leg.leg_id for leg in r.legs], center=center) for r in routes]
    land = cached.land_polygons(center)
    kinds, degrees, choke_legs = _node_facts(token, net)
    chosen = routes[focus].node_ids if routes else ()
    end_ids = [e for e in _ends.values() if e in by_id]
    shut = scenario_closures(token, net, _scenario)
    fitted = route_view([*paths[focus], [p["pos"] for p in od]], globe=globe, center=center) if routes else None
    deck = network_deck(
        prioritised_nodes(node_recs, kinds, degrees, route=chosen, ends=end_ids),
        closing.closed_leg_records(leg_recs, shut),
        view={"longitude": 0.0, "latitude": 0.0, "zoom": 1.0},  # the view is the session's (explorer_deck)
        closed=closing.closure_markers(shut, node_recs, leg_recs, choke_legs),
        land=land,
        globe=globe,
        tiles=_tiles,
        routes=paths,
        route_labels=_labels,
        focus=focus if routes else None,
        od=od,
    )
    grid = pdk.Layer(
        "ScatterplotLayer", id=CLICK_LAYER_ID, data=list(click_grid()), get_position="p", get_radius=GRID_DEG * 60_000,
        get_fill_color=[0, 0, 0, 1], pickable=True,
    )  # fmt: skip
    ids = [getattr(item, "id", None) for item in deck.layers]
    deck.layers.insert(ids.index("land") + 1 if "land" in ids else 0, grid)  # over the basemap, under the network
    labels = label_records(node_recs, kinds, degrees, route=chosen, ends=end_ids)
    files = _publish_big_layers(deck.layers, land)
    return MapFrame(layers=layers_json(deck.layers), labels=tuple(labels), fitted=fitted, land=bool(land), files=files)


PUBLISHED_LAYERS = ("land", CLICK_LAYER_ID, "season", "legs", "nodes")
"""Layers whose data goes out as files the browser fetches and keeps (:mod:`corridors_app.static_data`) when the app is served."""


def _publish_big_layers(layers: list[Any], land: list[Any] | None) -> tuple[Any, ...]:
    """Point the big layers' ``data`` at published files (in place); the files, to keep with the map (none when not served)."""
    files = []
    for layer in layers:
        if getattr(layer, "id", None) not in PUBLISHED_LAYERS:
            continue
        records = land if layer.id == "land" else layer.data  # the land layer holds a data: URL of the same records
        if not isinstance(records, (list, tuple)) or (published := static_data.publish(list(records))) is None:
            continue
        layer.data = published.url
        files.append(published)
    return tuple(files)


ZOOM_STEP = 1.0
"""Zoom levels one press of the zoom-in or zoom-out button adds or takes away."""
_RESET_NUDGE = 1e-4  # added to every value of the view after an odd number of resets (see view_state)


def view_state(
    state: MutableMapping[str, Any], *, globe: bool, default: Mapping[str, float], fitted: Mapping[str, float] | None
) -> dict[str, float]:
    """The map's initial view: fitted to the route (or the default), with the buttons' zoom steps and resets.

    Streamlit's chart moves the map only to the values of the view that
    differ from the last one it was sent, so the view stays the same across
    reruns (the browser keeps the planner's pan and zoom) until the route,
    the focus or the globe toggle changes (then the zoom steps are cleared),
    or a button is pressed. A reset sends every value nudged by a
    negligible amount (:data:`_RESET_NUDGE` degrees), so all of them differ
    and the map goes back to the fitted view whatever the planner did.

    Parameters
    ----------
    state : mutable mapping
        The session state (``_map_frame``, ``_map_zoom``, ``_map_resets``).
    globe : bool
        Globe view.
    default : mapping
        The view without a route.
    fitted : mapping or None
        The view fitted to the focused route (None: no route).

    Returns
    -------
    dict
        ``longitude, latitude, zoom, pitch, bearing``.
    """
    base = dict(fitted or default)
    frame = (globe, tuple(sorted(base.items())))
    if state.get("_map_frame") != frame:
        state["_map_frame"] = frame
        state["_map_zoom"] = 0
    view = {**base, "zoom": round(max(0.0, min(float(base["zoom"]) + ZOOM_STEP * state.get("_map_zoom", 0), 12.0)), 4)}
    if state.get("_map_resets", 0) % 2:
        view = {k: float(v) + _RESET_NUDGE for k, v in view.items()}
    return view


def _step(state: MutableMapping[str, Any], delta: int) -> None:
    state["_map_zoom"] = state.get("_map_zoom", 0) + delta


def _reset(state: MutableMapping[str, Any]) -> None:
    state["_map_zoom"] = 0
    state["_map_resets"] = state.get("_map_resets", 0) + 1


def map_controls(*, fitted: bool) -> None:
    """Zoom-in, zoom-out and reset buttons (a row above the map).

    The buttons step the zoom from the last view the app set (the wheel,
    a double click and the keyboard's ``+``/``-`` zoom too); the reset goes
    back to the route (or the whole network).
    """
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")  # one block, not five
    row.button("Zoom in", key="map_zoom_in", icon=":material/zoom_in:", on_click=_step, args=(st.session_state, 1))
    row.button("Zoom out", key="map_zoom_out", icon=":material/zoom_out:", on_click=_step, args=(st.session_state, -1))
    row.button("Reset view", key="map_reset", icon=":material/fit_screen:", help="Back to the route" if fitted else "Back to the whole network",
               on_click=_reset, args=(st.session_state,))  # fmt: skip
    row.caption(("Zoomed to the chosen route. " if fitted else "") + "Drag to pan; wheel, double click or +/- to zoom.")


@st.cache_data(show_spinner=False, max_entries=32)
def _node_facts(token: str, _net: Any) -> tuple[dict[str, str], dict[str, int], dict[str, list[str]]]:  # noqa: ARG001 - the cache keys
    """Node id -> kind, node id -> legs meeting there, chokepoint -> legs listing it."""
    kinds = {str(k): str(v) for k, v in _net.nodes["kind"].items()}
    degrees: dict[str, int] = {}
    chokes: dict[str, list[str]] = {}
    for leg_id, row in _net.legs.iterrows():
        for end in (row["from"], row["to"]):
            degrees[str(end)] = degrees.get(str(end), 0) + 1
        listed = row.get("chokepoints")
        for key in listed if isinstance(listed, (list, tuple)) else ():
            chokes.setdefault(str(key), []).append(str(leg_id))
    return kinds, degrees, chokes


@st.cache_data(show_spinner=False, max_entries=32)
def _globe_default(token: str, _net: Any) -> dict[str, float]:  # noqa: ARG001 - the cache keys
    """The globe's view of the whole network (from the centre of its nodes, fitted to the panel)."""
    return globe_view([(g.x, g.y) for g in _net.nodes.geometry if g is not None])


def scenario_closures(token: str, net: Any, scenario: Any) -> closing.Closures:
    """What the scenario closes on the map (nothing without a scenario, or for one the network cannot take)."""
    if scenario is None:
        return closing.Closures()
    return _closures(token, scenario.key, net, scenario)


@st.cache_data(show_spinner=False, max_entries=64)
def _closures(token: str, scenario_key: str, _net: Any, _scenario: Any) -> closing.Closures:  # noqa: ARG001 - the cache keys
    from corridors.model.view import scenario_view  # noqa: PLC0415

    try:
        return closing.closures_of(scenario_view(_net, _scenario))
    except CorridorsError:
        return closing.Closures()


@functools.lru_cache(maxsize=1)
def click_grid() -> tuple[dict[str, Any], ...]:
    """Centres of the land cells of the click grid (from the offline basemap; empty when it is unreadable).

    Returns
    -------
    tuple of dict
        ``{"p": [lon, lat], "tip": ""}`` per cell (no tooltip).
    """
    from shapely.geometry import Point, shape  # noqa: PLC0415
    from shapely.ops import unary_union  # noqa: PLC0415
    from shapely.prepared import prep  # noqa: PLC0415

    try:
        data = json.loads(BASEMAP_PATH.read_text(encoding="utf-8"))
        land = prep(unary_union([shape(f["geometry"]) for f in data["features"]]))
    except (OSError, ValueError, KeyError, TypeError):
        return ()
    west, east, south, north = GRID_REGION
    cells = []
    steps_x, steps_y = int((east - west) / GRID_DEG), int((north - south) / GRID_DEG)
    for i in range(steps_x):
        for j in range(steps_y):
            lon, lat = west + (i + 0.5) * GRID_DEG, south + (j + 0.5) * GRID_DEG
            if land.contains(Point(lon, lat)):
                cells.append({"p": [lon, lat], "tip": ""})
    return tuple(cells)


def place_position(text: str) -> tuple[float, float] | None:
    """The position of a place that is not a node (a position, UN/LOCODE or gazetteer name), or None."""
    from corridors.network.places import resolve_place  # noqa: PLC0415

    try:
        found = resolve_place(text, {})
    except CorridorsError:
        return None
    return None if isinstance(found, str) else (found.lon, found.lat)


def node_click(state: MutableMapping[str, Any], event: Any, options: Mapping[str, str]) -> None:
    """A click on a map node, or on land anywhere, sets the origin or the destination (then the other one next time).

    Parameters
    ----------
    state : mutable mapping
        The session state (``click_sets``: which one the next click sets).
    event : dict or None
        The chart's selection event.
    options : mapping of str to str
        The node ids the pickers offer (another node is ignored).
    """
    picked = (event or {}).get("selection", {}).get("objects", {})
    objects = picked.get(NODE_LAYER_ID) or []
    node_id = objects[0].get("id") if objects else None
    cells = picked.get(CLICK_LAYER_ID) or []
    if node_id is None and cells and isinstance(cells[0].get("p"), list) and len(cells[0]["p"]) == 2:  # noqa: PLR2004
        lon, lat = cells[0]["p"]
        node_id = f"{float(lon):.2f},{float(lat):.2f}"  # a position: the cell's centre
    elif node_id not in options:
        return
    target = state.get("click_sets", "origin")
    state[target] = node_id
    state["click_sets"] = "destination" if target == "origin" else "origin"
