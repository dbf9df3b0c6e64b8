"""Pydeck layers and the deck of the network and route maps.

The layers draw the records of :mod:`corridors.viz.records`; nothing here
imports streamlit: the app's pages call :func:`network_deck` and hand the deck
to ``st.pydeck_chart``. The deck's JSON is compact (:class:`CompactDeck`), so
the whole network's map stays well under 1 MB.

Tooltips are deck.gl *text* tooltips (:data:`TOOLTIP`): the browser sets them
with ``innerText``, so a value such as ``<img src=x onerror=alert(1)>`` in a
data file is shown as text and never parsed as HTML.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pydeck as pdk

from corridors.viz.deck_json import CompactDeck, SplicedDeck, deck_json_size, layers_json
from corridors.viz.overlays import COLLISION, closed_layers, labels_layer
from corridors.viz.records import plain_text
from corridors.viz.style import LAND_COLOR, LAND_TINT, OCEAN_COLOR, ROUTE_COLORS, SEASON_HALO

__all__ = [
    "CONTROLLER",
    "LEG_LAYER_ID",
    "NODE_LAYER_ID",
    "TOOLTIP",
    "CompactDeck",
    "SplicedDeck",
    "data_url",
    "deck_json_size",
    "land_layer",
    "layers_json",
    "legs_layer",
    "network_deck",
    "nodes_layer",
    "ocean_layer",
    "od_layer",
    "route_layers",
    "season_layer",
    "spliced_deck",
]

#: Layer ids (stable, so selections survive reruns).
NODE_LAYER_ID = "nodes"
LEG_LAYER_ID = "legs"

_DASH = [{"@@type": "PathStyleExtension", "dash": True}]

#: The record keys each layer sends to the browser (the rest stay on the server): what the
#: layer draws, ``tip`` for the tooltip, ``id`` for a click, ``status`` and ``x`` (closed) for the tests' checks.
LEG_KEYS = ("id", "p", "c", "w", "d", "status", "x", "tip")
NODE_KEYS = ("id", "pos", "c", "r", "pr", "tip")


def _sent(records: list[dict[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    """Each record with only `keys` (those it has)."""
    return [{k: r[k] for k in keys if k in r} for r in records]


def ocean_layer(*, globe: bool = False) -> pdk.Layer:
    """A background polygon coloured as sea (no tile server needed)."""
    if globe:
        # a globe needs the sphere in small cells (one big polygon is not
        # tessellated onto the sphere and would not be drawn)
        step = 15
        data = [
            {"polygon": [[x, y], [x + step, y], [x + step, y + step], [x, y + step]]}
            for x in range(-180, 180, step)
            for y in range(-90, 90, step)
        ]
    else:
        # three worlds wide, so a map centred away from 0° (and shifted
        # geometry, see centre_path) still has sea everywhere
        data = [{"polygon": [[-540, 85], [-180, 85], [180, 85], [540, 85], [540, -85], [180, -85], [-180, -85], [-540, -85]]}]
    return pdk.Layer(
        "SolidPolygonLayer",
        id="ocean",
        data=data,
        get_polygon="polygon",
        get_fill_color=list(OCEAN_COLOR),
        pickable=False,
        # on a globe the sea cells must not hide the land polygons, whose
        # big flat triangles cut a little below the curved surface
        parameters={"depthWriteEnabled": False} if globe else None,
    )


def data_url(records: list[Any]) -> str:
    """Records as a ``data:`` URL (base64 JSON) for a layer's ``data``.

    A layer whose ``data`` is the same string on every rerun is not reloaded
    or re-triangulated by deck.gl (a fresh JSON array always is): the
    country polygons are sent this way, so a rerun that only changes the
    routes does not rebuild them.
    """
    text = json.dumps(records, separators=(",", ":"), ensure_ascii=True)
    return "data:application/json;base64," + base64.b64encode(text.encode("ascii")).decode("ascii")


def land_layer(polygons: list[Any], *, color: Sequence[int] = LAND_COLOR) -> pdk.Layer:
    """Country polygons (offline basemap) as a filled PolygonLayer.

    ``color``: :data:`~corridors.viz.style.LAND_COLOR` alone, :data:`~corridors.viz.style.LAND_TINT` over a tile basemap.

    No outlines: drawing their ~10,000 vertices made every rerun about half
    again as slow under software rendering (headless browsers, machines
    without a GPU), and the corridors, not the borders, are the subject.
    """
    return pdk.Layer(
        "PolygonLayer",
        id="land",
        data=data_url(polygons),
        get_polygon="-",
        filled=True,
        stroked=False,
        get_fill_color=list(color),
        pickable=False,
    )


def season_layer(legs: list[dict[str, Any]]) -> pdk.Layer:
    """A pale halo under seasonal (ice-affected) legs."""
    data = [{"p": r["p"], "w": r["w"] + 6} for r in legs if r.get("s")]
    return pdk.Layer(
        "PathLayer",
        id="season",
        data=data,
        get_path="p",
        get_width="w",
        width_units="'pixels'",
        get_color=list(SEASON_HALO),
        cap_rounded=True,
        joint_rounded=True,
        pickable=False,
    )


def legs_layer(legs: list[dict[str, Any]]) -> pdk.Layer:
    """The network's legs: corridor colour, mode width/dash, status opacity."""
    return pdk.Layer(
        "PathLayer",
        id=LEG_LAYER_ID,
        data=_sent(legs, LEG_KEYS),
        get_path="p",
        get_color="c",
        get_width="w",
        width_units="'pixels'",
        width_min_pixels=1,
        get_dash_array="d",
        dash_justified=True,
        dash_gap_pickable=True,
        extensions=_DASH,
        cap_rounded=True,
        joint_rounded=True,
        pickable=True,
        auto_highlight=True,
        highlight_color=[255, 255, 0, 160],
    )


def nodes_layer(nodes: list[dict[str, Any]]) -> pdk.Layer:
    """The network's nodes (pickable: a click selects a node).

    Records with a collision priority ``pr`` (:func:`~corridors.viz.labels.prioritised_nodes`)
    are decluttered: of two markers closer than about twice their radius on
    screen, only the one of higher priority is drawn (and can be clicked);
    zooming in brings the other back.
    """
    declutter: dict[str, Any] = {}
    if nodes and all("pr" in n for n in nodes):
        declutter = {
            "extensions": COLLISION,
            "get_collision_priority": "pr",
            "collision_group": "'nodes'",
            "collision_test_props": {"radiusScale": 1.8},
        }
    return pdk.Layer(
        "ScatterplotLayer",
        id=NODE_LAYER_ID,
        data=_sent(nodes, NODE_KEYS),
        get_position="pos",
        get_fill_color="c",
        get_radius="r",
        radius_units="'pixels'",
        radius_min_pixels=2,
        stroked=True,
        get_line_color=[255, 255, 255, 230],
        line_width_min_pixels=1,
        pickable=True,
        auto_highlight=True,
        highlight_color=[255, 230, 0, 220],
        **declutter,
    )


def route_layers(
    routes: Sequence[Sequence[list[list[float]]]],
    *,
    focus: int | None = None,
    labels: Sequence[str] | None = None,
) -> list[pdk.Layer]:
    """Halo layers for route alternatives, one layer per alternative.

    Parameters
    ----------
    routes
        For each alternative, its paths (see :func:`~corridors.viz.records.route_paths`).
    focus
        Index of the alternative to emphasise (drawn widest and on top).
    labels
        Labels for the tooltips.

    Returns
    -------
    list of pydeck.Layer
        Ids ``route-0`` … in drawing order (focused last).
    """
    order = list(range(len(routes)))
    if focus is not None and 0 <= focus < len(routes):
        order.remove(focus)
        order.append(focus)
    out = []
    for i in order:
        rgb = ROUTE_COLORS[i % len(ROUTE_COLORS)]
        focused = focus is None or focus == i
        label = labels[i] if labels and i < len(labels) else f"Route {i + 1}"
        out.append(
            pdk.Layer(
                "PathLayer",
                id=f"route-{i}",
                data=[{"p": p, "tip": f"Alternative {i + 1}: {plain_text(label)}"} for p in routes[i]],
                get_path="p",
                get_color=list(rgb) + [210 if focused else 110],
                get_width=13 if (focus is not None and focus == i) else 9,
                width_units="'pixels'",
                cap_rounded=True,
                joint_rounded=True,
                pickable=False,
            )
        )
    return out


def od_layer(points: Sequence[dict[str, Any]]) -> pdk.Layer:
    """Origin / destination markers (``{"pos", "role", "tip"}``; role o or d)."""
    data = []
    for p in points:
        color = [0, 160, 60, 255] if p.get("role") == "o" else [200, 0, 40, 255]
        data.append({"pos": p["pos"], "c": color, "tip": plain_text(p.get("tip", ""))})
    return pdk.Layer(
        "ScatterplotLayer",
        id="od",
        data=data,
        get_position="pos",
        get_fill_color="c",
        get_radius=9,
        radius_units="'pixels'",
        stroked=True,
        get_line_color=[255, 255, 255, 255],
        line_width_min_pixels=2,
        pickable=False,
    )


#: The map's controller: drag to pan, wheel or double-click to zoom, and the keyboard
#: (arrows pan, ``+``/``-`` zoom) once the map has the focus.
CONTROLLER: dict[str, Any] = {"scrollZoom": True, "doubleClickZoom": True, "keyboard": True, "dragRotate": False, "touchRotate": False}

TOOLTIP: dict[str, Any] = {
    "text": "{tip}",
    "style": {
        "backgroundColor": "rgba(30, 34, 40, 0.92)",
        "color": "#f2f2f2",
        "fontSize": "12px",
        "whiteSpace": "pre-line",
        "maxWidth": "420px",
        "pointerEvents": "none",  # a tooltip under the pointer must not swallow the click on the map
    },
}


def network_deck(
    nodes: list[dict[str, Any]],
    legs: list[dict[str, Any]],
    *,
    view: Mapping[str, float],
    land: list[Any] | None = None,
    globe: bool = False,
    tiles: bool = False,
    routes: Sequence[Sequence[list[list[float]]]] = (),
    route_labels: Sequence[str] | None = None,
    focus: int | None = None,
    od: Sequence[dict[str, Any]] = (),
    labels: Sequence[dict[str, Any]] = (),
    closed: Sequence[dict[str, Any]] = (),
) -> pdk.Deck:
    """The whole map: sea, land, seasonal halos, routes, legs, nodes, O/D, closures and labels.

    Parameters
    ----------
    nodes, legs
        Records from :func:`~corridors.viz.records.node_records` and
        :func:`~corridors.viz.records.leg_records`.
    view
        Initial view (from :func:`~corridors.viz.geometry.fit_view`); keep it constant across reruns
        so the browser keeps the user's pan and zoom.
    land
        Country polygons from :func:`~corridors.viz.records.basemap_records` (drawn under everything).
    globe
        Use deck.gl's GlobeView (no distortion near the pole) instead of a
        Web-Mercator MapView.
    tiles
        Also request a Carto light tile basemap (needs internet; map view
        only). Off by default: the map works offline. With tiles the land is
        still drawn, as a translucent :data:`~corridors.viz.style.LAND_TINT`, so a map whose tiles
        cannot load (offline, blocked) still shows the land.
    routes, route_labels, focus
        Highlighted route alternatives (see :func:`route_layers`).
    od
        Origin/destination markers (see :func:`od_layer`).
    labels
        Place labels (:func:`~corridors.viz.labels.label_records`), drawn on top.
    closed
        Markers at closed chokepoints and places
        (:func:`~corridors.viz.closures.closure_markers`); closed legs are
        restyled in ``legs`` itself (:func:`~corridors.viz.closures.closed_leg_records`).

    Returns
    -------
    pydeck.Deck
    """
    layers: list[pdk.Layer] = []
    use_tiles = tiles and not globe
    if not use_tiles:
        layers.append(ocean_layer(globe=globe))
    if land:
        layers.append(land_layer(land, color=LAND_TINT if use_tiles else LAND_COLOR))
    layers.append(season_layer(legs))
    if routes:
        layers.extend(route_layers(routes, focus=focus, labels=route_labels))
    layers.append(legs_layer(legs))
    layers.append(nodes_layer(nodes))
    if closed:
        layers.extend(closed_layers(closed))
    if od:
        layers.append(od_layer(od))
    if labels:
        layers.append(labels_layer(labels))
    return _deck(CompactDeck, layers, view=view, globe=globe, tiles=tiles)


def _deck(cls: type[CompactDeck], layers: list[Any], *, view: Mapping[str, float], globe: bool, tiles: bool, **extra: Any) -> Any:
    """The deck around ``layers``: the map or globe view, the basemap provider (none offline) and the tooltip."""
    views = [pdk.View(type="_GlobeView" if globe else "MapView", controller=CONTROLLER)]
    kwargs: dict[str, Any] = {}
    if tiles and not globe:
        kwargs.update(map_provider="carto", map_style="light")
    else:
        # map_provider=None with pydeck's default style sentinel tells
        # streamlit to draw no basemap at all (no tile or style requests).
        kwargs.update(map_provider=None)
    return cls(layers=layers, views=views, initial_view_state=pdk.ViewState(**dict(view)), tooltip=TOOLTIP, **kwargs, **extra)


def spliced_deck(prebuilt_layers: str, *, view: Mapping[str, float], globe: bool = False, tiles: bool = False,
                 labels: Sequence[dict[str, Any]] = ()) -> SplicedDeck:  # fmt: skip
    """A deck of serialized layers (:func:`layers_json`) with the place labels on top.

    Parameters
    ----------
    prebuilt_layers : str
        From :func:`layers_json` (every layer of the map but the labels).
    view : mapping
        The initial view.
    globe, tiles : bool
        As for :func:`network_deck`.
    labels : sequence of dict
        Place labels (:func:`~corridors.viz.labels.label_records`, decluttered for ``view``).

    Returns
    -------
    SplicedDeck
    """
    return _deck(SplicedDeck, [labels_layer(labels)] if labels else [], view=view, globe=globe, tiles=tiles, prebuilt_layers=prebuilt_layers)
