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
import json
from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

import pydeck as pdk

from corridors._errors import CorridorsError
from corridors._paths import BASEMAP_PATH
from corridors._text import display_safe
from corridors.viz.deck import NODE_LAYER_ID, network_deck
from corridors.viz.records import route_paths
from corridors_app import cached, session

__all__ = ["CLICK_LAYER_ID", "GRID_DEG", "click_grid", "explorer_deck", "node_click", "place_position"]

CLICK_LAYER_ID = "click-grid"
"""Id of the invisible layer of land cells that makes a click anywhere on land pick a position."""

GRID_DEG = 1.0
"""Cell size of the click grid, degrees (a click picks the cell's centre: within about 80 km; ~100 KB on the map)."""

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
) -> tuple[Any, bool]:
    """The explorer's deck: the whole network, the found routes and the chosen origin/destination.

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

    Returns
    -------
    tuple
        ``(pydeck.Deck, land)``: ``land`` is false when the offline basemap could not be read.
    """
    node_recs, leg_recs = cached.map_records(token, net)
    by_id = {n["id"]: n for n in node_recs}
    od = []
    for role, end in (ends or {}).items():
        if end in by_id:
            od.append({"pos": by_id[end]["pos"], "role": role, "tip": by_id[end]["tip"]})
        elif end and (pos := place_position(end)) is not None:
            od.append({"pos": list(pos), "role": role, "tip": f"{display_safe(end)} (first/last mile by truck, an estimate)"})
    center = cached.map_center(token, net)
    paths = [route_paths(net.legs, [leg.leg_id for leg in r.legs], center=center) for r in found.routes] if labels else []
    land = cached.land_polygons(center)
    deck = network_deck(
        node_recs,
        leg_recs,
        view=session.map_view(globe=globe),
        land=land,
        globe=globe,
        tiles=tiles,
        routes=paths,
        route_labels=list(labels),
        focus=focus if labels else None,
        od=od,
    )
    grid = pdk.Layer(
        "ScatterplotLayer", id=CLICK_LAYER_ID, data=click_grid(), get_position="p", get_radius=GRID_DEG * 60_000,
        get_fill_color=[0, 0, 0, 1], pickable=True,
    )  # fmt: skip
    ids = [getattr(item, "id", None) for item in deck.layers]
    deck.layers.insert(ids.index("land") + 1 if "land" in ids else 0, grid)  # over the basemap, under the network
    return deck, bool(land)


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
