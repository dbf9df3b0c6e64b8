"""Pydeck layers and decks for the network and route maps.

Everything here turns the network's GeoDataFrames (and routes) into small,
JSON-ready records and ``pydeck`` objects. Nothing here imports streamlit: the
app's pages call these builders and hand the deck to ``st.pydeck_chart``.

Design notes
------------
- Map data for the whole network must stay small (well under 1 MB): paths are
  simplified lightly, coordinates rounded to ``precision`` decimals, and only
  the properties a tooltip or a click needs are sent.
- A leg stored as a MultiLineString cut at ±180° (RFC 7946) becomes one path
  per part, and a LineString that jumps across the antimeridian is split, so
  nothing streaks across the world.
- Tooltips are deck.gl *text* tooltips: the browser sets them with
  ``innerText``, so a value such as ``<img src=x onerror=alert(1)>`` in a data
  file is shown as text and never parsed as HTML. Any HTML built here (the
  legend) escapes every value with :func:`html.escape`.
"""

from __future__ import annotations

import base64
import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pydeck as pdk

from corridors.network.schema import CORRIDOR_TITLES

#: Colour of each corridor (RGB).
CORRIDOR_COLORS: dict[str, tuple[int, int, int]] = {
    "instc": (213, 94, 0),
    "emc": (0, 114, 178),
    "nsr": (0, 175, 205),
    "suez": (204, 80, 160),
    "cape": (150, 105, 40),
    "transsib": (0, 150, 70),
    "feeder": (120, 120, 120),
}
_UNKNOWN_COLOR = (90, 90, 90)

#: Line width in pixels and dash pattern ``[dash, gap]`` per mode (``[1, 0]`` is solid).
MODE_STYLE: dict[str, dict[str, Any]] = {
    "sea": {"width": 2.0, "dash": [1, 0], "label": "sea — thin solid"},
    "rail": {"width": 4.0, "dash": [1, 0], "label": "rail — thick solid"},
    "road": {"width": 3.0, "dash": [5, 2], "label": "road — dashed"},
    "ferry": {"width": 3.0, "dash": [1.5, 2], "label": "ferry — dotted"},
    "river": {"width": 2.5, "dash": [9, 2.5], "label": "river — long dash"},
}
#: Opacity (alpha 0–255) per status.
STATUS_ALPHA: dict[str, int] = {
    "operational": 235,
    "under_construction": 150,
    "planned": 85,
}
#: Colour of the halo drawn under seasonal (ice-affected) legs.
SEASON_HALO: tuple[int, int, int, int] = (170, 215, 255, 200)

#: Colours of route alternatives 1..5 (RGB).
ROUTE_COLORS: list[tuple[int, int, int]] = [
    (230, 0, 126),
    (255, 176, 0),
    (0, 190, 150),
    (110, 70, 230),
    (40, 40, 40),
]

#: Node fill colour and radius (pixels) per kind.
NODE_STYLE: dict[str, dict[str, Any]] = {
    "seaport": {"color": (20, 60, 140), "radius": 5},
    "river_port": {"color": (40, 120, 200), "radius": 4.5},
    "rail_terminal": {"color": (30, 110, 50), "radius": 4.5},
    "border_crossing": {"color": (200, 30, 30), "radius": 4.5},
    "city": {"color": (60, 60, 60), "radius": 4.5},
    "sea_waypoint": {"color": (120, 150, 190), "radius": 2.5},
    "strait": {"color": (240, 140, 0), "radius": 4},
}

LAND_COLOR: tuple[int, int, int, int] = (236, 232, 222, 255)
OCEAN_COLOR: tuple[int, int, int, int] = (214, 230, 242, 255)
#: Land over a tile basemap: a translucent tint that reads as :data:`LAND_COLOR`
#: on a white background, so the land still shows when the tiles cannot load
#: (offline), and the tiles' own land and labels show through when they do.
LAND_TINT: tuple[int, int, int, int] = (201, 190, 162, 90)

#: Attribution shown under every map.
ATTRIBUTION = (
    "Network: © OpenStreetMap contributors (ODbL); sea lanes derived from "
    "Eurostat SeaRoute; country outlines: Natural Earth (public domain)."
)

#: Layer ids (stable, so selections survive reruns).
NODE_LAYER_ID = "nodes"
LEG_LAYER_ID = "legs"


# ----------------------------------------------------------------------------
# geometry helpers
# ----------------------------------------------------------------------------
def _round_coords(coords: Iterable[Sequence[float]], precision: int) -> list[list[float]]:
    out: list[list[float]] = []
    for c in coords:
        pt = [round(float(c[0]), precision), round(float(c[1]), precision)]
        if not out or out[-1] != pt:
            out.append(pt)
    return out


def split_antimeridian(coords: Sequence[Sequence[float]]) -> list[list[list[float]]]:
    """Split a path wherever consecutive points jump across the antimeridian.

    Parameters
    ----------
    coords
        ``[lon, lat]`` pairs.

    Returns
    -------
    list
        One or more paths; each jump of more than 180° of longitude between
        two points becomes a cut at ±180° with an interpolated latitude.
    """
    parts: list[list[list[float]]] = [[]]
    prev: list[float] | None = None
    for c in coords:
        pt = [float(c[0]), float(c[1])]
        if prev is not None and abs(pt[0] - prev[0]) > 180.0:
            # crossing: go the short way round, cut at the antimeridian
            x0 = prev[0]
            x1 = pt[0] + (360.0 if pt[0] < prev[0] else -360.0)
            edge = 180.0 if x1 > x0 else -180.0
            t = (edge - x0) / (x1 - x0) if x1 != x0 else 0.0
            lat = prev[1] + t * (pt[1] - prev[1])
            parts[-1].append([edge, lat])
            parts.append([[-edge, lat]])
        parts[-1].append(pt)
        prev = pt
    return [p for p in parts if len(p) >= 2]


def geometry_paths(geom: Any, *, precision: int = 4, tolerance: float = 0.0) -> list[list[list[float]]]:
    """Paths (lists of ``[lon, lat]``) for a LineString or MultiLineString.

    Parameters
    ----------
    geom
        A shapely LineString or MultiLineString (or ``None``).
    precision
        Decimals kept in each coordinate.
    tolerance
        Douglas–Peucker tolerance in degrees applied to each part first
        (0 keeps every vertex).

    Returns
    -------
    list
        One path per part, each cut again at the antimeridian if needed.
    """
    if geom is None or getattr(geom, "is_empty", True):
        return []
    parts = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    paths: list[list[list[float]]] = []
    for part in parts:
        if tolerance > 0:
            part = part.simplify(tolerance, preserve_topology=False)
        for piece in split_antimeridian(list(part.coords)):
            rounded = _round_coords(piece, precision)
            if len(rounded) >= 2:
                paths.append(rounded)
    return paths


def wrap_lon(lon: float, center: float) -> float:
    """``lon`` plus a multiple of 360 so it lies in ``[center - 180, center + 180)``."""
    return (lon - center + 180.0) % 360.0 - 180.0 + center


def centre_path(path: list[list[float]], center: float | None) -> list[list[float]]:
    """Shift a whole path by a multiple of 360° to sit nearest ``center``.

    A flat map shows longitudes ``center ± 180``; shifting whole paths (and
    polygons, and points) there keeps the network in one piece across the
    antimeridian instead of cutting it at ±180°.
    """
    if center is None or not path:
        return path
    mean = sum(p[0] for p in path) / len(path)
    shift = wrap_lon(mean, center) - mean
    if abs(shift) < 1e-9:
        return path
    return [[round(p[0] + shift, 6), p[1]] + list(p[2:]) for p in path]


def _value(row: Mapping[str, Any], key: str, default: Any = None) -> Any:
    v = row.get(key, default)
    if v is None:
        return default
    try:
        if isinstance(v, float) and math.isnan(v):
            return default
    except TypeError:  # pragma: no cover - defensive
        pass
    return v


def _text(v: Any) -> str:
    """A data value as single-line plain text (control characters removed)."""
    if v is None:
        return ""
    if isinstance(v, (list, tuple, set)):
        return ", ".join(_text(x) for x in v)
    s = str(v)
    return "".join(ch if ch.isprintable() else " " for ch in s).strip()


def _fmt_len(km: float | None, nm: float | None) -> str:
    parts = []
    if km is not None:
        parts.append(f"{km:,.0f} km")
    if nm is not None:
        parts.append(f"{nm:,.0f} nm")
    return " / ".join(parts)


# ----------------------------------------------------------------------------
# records
# ----------------------------------------------------------------------------
def node_label(node_id: str, name: Any, country: Any) -> str:
    """The label used in pickers: ``"Name (ID, CC)"``."""
    return f"{_text(name) or node_id} ({node_id}, {_text(country) or '??'})"


def node_records(nodes: Any, *, precision: int = 4, center: float | None = None) -> list[dict[str, Any]]:
    """Small JSON records for the node ScatterplotLayer.

    Parameters
    ----------
    nodes
        GeoDataFrame indexed by node id with ``name, country, kind, source``
        (and optionally ``corridors``) and Point geometry.
    precision
        Decimals kept in each coordinate.
    center
        Longitude the map is centred on: positions are shifted by multiples
        of 360° to lie within ``center ± 180`` (see :func:`centre_path`).

    Returns
    -------
    list of dict
        Keys ``id, name, pos, c, r, tip``.
    """
    records = []
    for node_id, row in nodes.iterrows():
        row = row.to_dict()
        geom = row.get("geometry")
        if geom is None or geom.is_empty:
            continue
        kind = _text(_value(row, "kind", ""))
        style = NODE_STYLE.get(kind, {"color": (60, 60, 60), "radius": 4})
        corridors = _value(row, "corridors", [])
        if isinstance(corridors, str):
            corridors = [corridors]
        lines = [
            node_label(str(node_id), _value(row, "name"), _value(row, "country")),
            f"kind: {kind}",
        ]
        if corridors is not None and len(corridors):
            lines.append(f"corridors: {_text(list(corridors))}")
        choke = _value(row, "chokepoint")
        if choke:
            lines.append(f"chokepoint: {_text(choke)}")
        lines.append(f"source: {_text(_value(row, 'source', ''))}")
        records.append(
            {
                "id": str(node_id),
                "name": _text(_value(row, "name", node_id)),
                "pos": [round(geom.x if center is None else wrap_lon(geom.x, center), precision), round(geom.y, precision)],
                "c": list(style["color"]) + [230],
                "r": style["radius"],
                "tip": "\n".join(lines),
            }
        )
    return records


def _leg_tip(leg_id: str, row: Mapping[str, Any], names: Mapping[str, str]) -> str:
    frm, to = str(_value(row, "from", "?")), str(_value(row, "to", "?"))
    mode = _text(_value(row, "mode", ""))
    corridor = _text(_value(row, "corridor", ""))
    branch = _text(_value(row, "branch", ""))
    lines = [
        f"Leg {_text(leg_id)}",
        f"{_text(names.get(frm, frm))} → {_text(names.get(to, to))}",
        f"mode: {mode} · corridor: {corridor}" + (f" ({branch})" if branch else ""),
        "length: " + _fmt_len(_value(row, "length_km"), _value(row, "length_nm")),
    ]
    pub_km, pub_nm = _value(row, "published_km"), _value(row, "published_nm")
    if pub_km is not None or pub_nm is not None:
        lines.append(
            "published: "
            + _fmt_len(pub_km, pub_nm)
            + (f" ({_text(_value(row, 'published_source', ''))})" if _value(row, "published_source") else "")
        )
    status = _text(_value(row, "status", ""))
    season = _text(_value(row, "season", ""))
    lines.append(f"status: {status}" + (f" · seasonal: {season}" if season else ""))
    gauge = _value(row, "gauge_mm")
    if gauge is not None:
        lines.append(f"gauge: {int(gauge)} mm")
    chokes = _value(row, "chokepoints", [])
    if chokes is not None and len(chokes):
        lines.append(f"chokepoints: {_text(list(chokes))}")
    lines.append(f"source: {_text(_value(row, 'source', ''))}")
    return "\n".join(lines)


def leg_records(
    legs: Any,
    *,
    node_names: Mapping[str, str] | None = None,
    precision: int = 4,
    tolerance: float = 0.005,
    center: float | None = None,
) -> list[dict[str, Any]]:
    """Small JSON records for the legs PathLayer, one per drawn path.

    Parameters
    ----------
    legs
        GeoDataFrame indexed by leg id with the contract's leg columns and
        LineString / MultiLineString geometry.
    node_names
        Node id → name, used in tooltips.
    precision
        Decimals kept in each coordinate.
    tolerance
        Simplification tolerance in degrees (0.005° ≈ 500 m).
    center
        Longitude the map is centred on (see :func:`centre_path`).

    Returns
    -------
    list of dict
        Keys ``id, p (path), c (RGBA), w (width px), d (dash), s (seasonal 0/1),
        mode, corridor, status, tip``. A MultiLineString gives one record per
        part, all with the same ``id``.
    """
    names = node_names or {}
    records = []
    for leg_id, row in legs.iterrows():
        row = row.to_dict()
        mode = _text(_value(row, "mode", ""))
        corridor = _text(_value(row, "corridor", ""))
        status = _text(_value(row, "status", "operational"))
        style = MODE_STYLE.get(mode, {"width": 2.0, "dash": [1, 0]})
        rgb = CORRIDOR_COLORS.get(corridor, _UNKNOWN_COLOR)
        alpha = STATUS_ALPHA.get(status, 200)
        seasonal = 1 if _value(row, "season") else 0
        tip = _leg_tip(str(leg_id), row, names)
        for path in geometry_paths(row.get("geometry"), precision=precision, tolerance=tolerance):
            records.append(
                {
                    "id": str(leg_id),
                    "p": centre_path(path, center),
                    "c": list(rgb) + [alpha],
                    "w": style["width"],
                    "d": style["dash"],
                    "s": seasonal,
                    "mode": mode,
                    "corridor": corridor,
                    "status": status,
                    "tip": tip,
                }
            )
    return records


def basemap_records(
    source: str | Path | Mapping[str, Any], *, precision: int = 2, center: float | None = None
) -> list[list[list[list[float]]]]:
    """Country polygons as lists of rings for a PolygonLayer.

    Parameters
    ----------
    source
        Path to a GeoJSON FeatureCollection of (Multi)Polygons (Natural Earth
        1:110m countries), or the parsed dict.
    precision
        Decimals kept (2 ≈ 1 km, plenty at 1:110m).
    center
        Longitude the map is centred on: each polygon is shifted to lie
        nearest it, and a polygon cut by the map's edge (``center ± 180``)
        is drawn on both sides.

    Returns
    -------
    list
        One entry per polygon: ``[outer_ring, hole, ...]``; properties are
        dropped.
    """
    data = source if isinstance(source, Mapping) else json.loads(Path(source).read_text(encoding="utf-8"))
    polys: list[list[list[list[float]]]] = []
    feats = data.get("features", []) if data.get("type") == "FeatureCollection" else [data]
    for feat in feats:
        geom = feat.get("geometry") or {}
        gtype, coords = geom.get("type"), geom.get("coordinates") or []
        if gtype == "Polygon":
            coords = [coords]
        elif gtype != "MultiPolygon":
            continue
        for poly in coords:
            rings = [_round_coords(ring, precision) for ring in poly]
            rings = [r for r in rings if len(r) >= 4]
            if not rings:
                continue
            if center is None:
                polys.append(rings)
                continue
            placed = centre_path(rings[0], center)
            shift = placed[0][0] - rings[0][0][0]
            copies = [shift]
            xs = [p[0] + shift for p in rings[0]]
            if min(xs) < center - 180.0:
                copies.append(shift + 360.0)
            if max(xs) > center + 180.0:
                copies.append(shift - 360.0)
            for dx in copies:
                polys.append([[[round(x + dx, precision), y] for x, y in ring] for ring in rings])
    return polys


def route_paths(
    legs: Any, leg_ids: Sequence[str], *, precision: int = 4, tolerance: float = 0.005, center: float | None = None
) -> list[list[list[float]]]:
    """All drawn paths of the given legs (in route order).

    Parameters
    ----------
    legs
        The network's legs GeoDataFrame (index = leg id).
    leg_ids
        Leg ids of one route; ids not in ``legs`` are skipped.
    precision, tolerance, center
        As in :func:`leg_records`.

    Returns
    -------
    list
        Paths (lists of ``[lon, lat]``).
    """
    out: list[list[list[float]]] = []
    index = set(legs.index)
    for leg_id in leg_ids:
        if leg_id in index:
            paths = geometry_paths(legs.loc[leg_id, "geometry"], precision=precision, tolerance=tolerance)
            out.extend(centre_path(path, center) for path in paths)
    return out


# ----------------------------------------------------------------------------
# view
# ----------------------------------------------------------------------------
def fit_view(
    lonlats: Iterable[Sequence[float]],
    *,
    width: int = 1100,
    height: int = 560,
    globe: bool = False,
) -> dict[str, float]:
    """A view (longitude, latitude, zoom) that fits the given points.

    The longitude span is the smallest arc of the circle holding every point
    (the circle is cut at its widest empty gap), so a network that crosses
    the antimeridian (Bering Strait) is centred over Asia, not the Atlantic.

    Parameters
    ----------
    lonlats
        ``[lon, lat]`` pairs.
    width, height
        Expected map size in pixels.
    globe
        Zoom for a GlobeView instead of a Web-Mercator MapView.

    Returns
    -------
    dict
        ``longitude, latitude, zoom, pitch, bearing``.
    """
    pts = [(float(x), float(y)) for x, y in lonlats]
    if not pts:
        return {"longitude": 60.0, "latitude": 40.0, "zoom": 1.5, "pitch": 0, "bearing": 0}
    xs = sorted(x % 360.0 for x, _ in pts)
    ys = [y for _, y in pts]
    # the smallest arc holding every longitude: cut the circle at its widest gap
    gaps = [(xs[0] + 360.0 - xs[-1], 0)] + [(xs[i] - xs[i - 1], i) for i in range(1, len(xs))]
    _, start = max(gaps)
    lo = xs[start]
    hi = xs[start - 1] + (360.0 if start > 0 else 0.0)
    lon_c = (lo + hi) / 2.0
    lon_c = ((lon_c + 180.0) % 360.0) - 180.0
    span = max(hi - lo, 1.0)

    def merc(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    y0, y1 = merc(min(ys)), merc(max(ys))
    lat_c = math.degrees(2 * math.atan(math.exp((y0 + y1) / 2)) - math.pi / 2)
    z_lon = math.log2(width * 360.0 / (512.0 * span * 1.1))
    z_lat = math.log2(height * 2 * math.pi / (512.0 * max(y1 - y0, 0.02) * 1.15))
    zoom = max(0.3, min(z_lon, z_lat, 8.0))
    if globe:
        # a globe shows a hemisphere at most: fill the frame, tilt north a bit
        zoom = max(1.0, min(zoom + 0.5, 4.0))
        lat_c = max(min((min(ys) + max(ys)) / 2.0 + 10.0, 60.0), -60.0)
    return {
        "longitude": round(lon_c, 3),
        "latitude": round(lat_c, 3),
        "zoom": round(zoom, 2),
        "pitch": 0,
        "bearing": 0,
    }


# ----------------------------------------------------------------------------
# layers and deck
# ----------------------------------------------------------------------------
_DASH = [{"@@type": "PathStyleExtension", "dash": True}]
_WORLD = [[[-180, 85], [0, 85], [180, 85], [180, -85], [0, -85], [-180, -85]]]


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

    ``color``: :data:`LAND_COLOR` alone, :data:`LAND_TINT` over a tile basemap.

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
        data=legs,
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
    """The network's nodes (pickable: a click selects a node)."""
    return pdk.Layer(
        "ScatterplotLayer",
        id=NODE_LAYER_ID,
        data=nodes,
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
        For each alternative, its paths (see :func:`route_paths`).
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
                data=[{"p": p, "tip": f"Alternative {i + 1}: {_text(label)}"} for p in routes[i]],
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
        data.append({"pos": p["pos"], "c": color, "tip": _text(p.get("tip", ""))})
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


TOOLTIP: dict[str, Any] = {
    "text": "{tip}",
    "style": {
        "backgroundColor": "rgba(30, 34, 40, 0.92)",
        "color": "#f2f2f2",
        "fontSize": "12px",
        "whiteSpace": "pre-line",
        "maxWidth": "420px",
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
) -> pdk.Deck:
    """The whole map: sea, land, seasonal halos, routes, legs, nodes, O/D.

    Parameters
    ----------
    nodes, legs
        Records from :func:`node_records` and :func:`leg_records`.
    view
        Initial view (from :func:`fit_view`); keep it constant across reruns
        so the browser keeps the user's pan and zoom.
    land
        Country polygons from :func:`basemap_records` (drawn under everything).
    globe
        Use deck.gl's GlobeView (no distortion near the pole) instead of a
        Web-Mercator MapView.
    tiles
        Also request a Carto light tile basemap (needs internet; map view
        only). Off by default: the map works offline. With tiles the land is
        still drawn, as a translucent :data:`LAND_TINT`, so a map whose tiles
        cannot load (offline, blocked) still shows the land.
    routes, route_labels, focus
        Highlighted route alternatives (see :func:`route_layers`).
    od
        Origin/destination markers (see :func:`od_layer`).

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
    if od:
        layers.append(od_layer(od))
    views = [pdk.View(type="_GlobeView", controller=True)] if globe else [pdk.View(type="MapView", controller=True)]
    kwargs: dict[str, Any] = {}
    if use_tiles:
        kwargs.update(map_provider="carto", map_style="light")
    else:
        # map_provider=None with pydeck's default style sentinel tells
        # streamlit to draw no basemap at all (no tile or style requests).
        kwargs.update(map_provider=None)
    return CompactDeck(
        layers=layers,
        views=views,
        initial_view_state=pdk.ViewState(**dict(view)),
        tooltip=TOOLTIP,
        **kwargs,
    )


class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` whose JSON has no indentation.

    ``pydeck.Deck.to_json`` indents by two spaces, which more than doubles the
    size of coordinate arrays; streamlit sends whatever ``to_json`` returns.
    """

    def to_json(self) -> str:
        """The deck spec as compact JSON (same content as ``pydeck``'s)."""
        return json.dumps(
            json.loads(super().to_json()),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )


def deck_json_size(deck: pdk.Deck) -> int:
    """Bytes of the deck's JSON spec (what is sent to the browser)."""
    return len(deck.to_json().encode("utf-8"))


# ----------------------------------------------------------------------------
# legend
# ----------------------------------------------------------------------------
def _swatch(rgb: Sequence[int], alpha: float = 1.0, *, width: int = 26, height: int = 4, dash: str = "solid") -> str:
    r, g, b = (int(v) for v in rgb[:3])
    return (
        f'<span style="display:inline-block;width:{width}px;height:0;'
        f"border-top:{height}px {dash} rgba({r},{g},{b},{alpha:.2f});"
        'vertical-align:middle;margin-right:6px"></span>'
    )


def legend_html(corridors: Iterable[str] | None = None) -> str:
    """A compact HTML legend (every text value escaped).

    Parameters
    ----------
    corridors
        Corridor keys to list (default: all known).

    Returns
    -------
    str
        HTML for ``st.markdown(..., unsafe_allow_html=True)``.
    """
    keys = list(corridors) if corridors is not None else list(CORRIDOR_COLORS)
    rows = []
    for key in keys:
        rgb = CORRIDOR_COLORS.get(key, _UNKNOWN_COLOR)
        name = CORRIDOR_TITLES.get(key, key)
        rows.append(f"<div>{_swatch(rgb, height=5)}<b>{html.escape(key)}</b> — {html.escape(name)}</div>")
    modes = []
    dash_css = {"sea": "solid", "rail": "solid", "road": "dashed", "ferry": "dotted", "river": "dashed"}
    for mode, st in MODE_STYLE.items():
        modes.append(
            f"<div>{_swatch((60, 60, 60), height=max(1, round(st['width'])), dash=dash_css[mode])}"
            f"{html.escape(st['label'])}</div>"
        )
    status = []
    for key, alpha in STATUS_ALPHA.items():
        status.append(f"<div>{_swatch((60, 60, 60), alpha / 255, height=4)}{html.escape(key.replace('_', ' '))}</div>")
    status.append(f"<div>{_swatch(SEASON_HALO, 1.0, height=9)}seasonal (ice: NSR / north Caspian)</div>")
    nodes = []
    for kind, st in NODE_STYLE.items():
        r, g, b = st["color"]
        nodes.append(
            f'<div><span style="display:inline-block;width:10px;height:10px;border-radius:50%;'
            f'background:rgb({r},{g},{b});margin-right:6px;vertical-align:middle"></span>'
            f"{html.escape(kind.replace('_', ' '))}</div>"
        )
    col = 'style="flex:1 1 220px;min-width:180px"'
    return (
        '<div style="display:flex;flex-wrap:wrap;gap:14px;font-size:0.8rem;line-height:1.5">'
        f"<div {col}><b>Corridor</b>{''.join(rows)}</div>"
        f"<div {col}><b>Mode</b>{''.join(modes)}</div>"
        f"<div {col}><b>Status</b>{''.join(status)}</div>"
        f"<div {col}><b>Node</b>{''.join(nodes)}</div>"
        "</div>"
    )


def routes_legend_html(labels: Sequence[str]) -> str:
    """One line of coloured swatches naming the route alternatives (escaped).

    Parameters
    ----------
    labels
        Labels of the alternatives, best first.

    Returns
    -------
    str
        HTML for ``st.markdown(..., unsafe_allow_html=True)``.
    """
    items = [
        f'<span style="white-space:nowrap;margin-right:16px">'
        f"{_swatch(ROUTE_COLORS[i % len(ROUTE_COLORS)], height=7)}{html.escape(str(label))}</span>"
        for i, label in enumerate(labels)
    ]
    return '<div style="font-size:0.85rem;line-height:1.8">' + " ".join(items) + "</div>"
