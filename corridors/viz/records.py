"""JSON-ready records of the network and routes for the pydeck layers.

Everything here turns the network's GeoDataFrames (and routes) into small
records: paths are simplified lightly, coordinates rounded to ``precision``
decimals, and only the properties a tooltip or a click needs are kept, so the
map of the whole network stays well under 1 MB.

Tooltips (``tip``) are plain text, one line per fact, with control characters
removed (:func:`plain_text`), the source cut to its first clause
(:func:`short_source`: the full sentence is in the Network page's tables, and
the whole network's tooltips were a third of the map's bytes); the deck shows them as deck.gl *text* tooltips
(``innerText``), so a value such as ``<img src=x onerror=alert(1)>`` in a data
file is shown as text and never parsed as HTML.

What is drawn is bounded, whatever a session uploads: at most
:data:`MAX_DRAWN_NODES` nodes and :data:`MAX_DRAWN_LEGS` legs (in the
network's order: the bundled ones first, then the uploads), each part thinned
to :data:`~corridors.viz.geometry.MAX_PATH_VERTICES` before simplification,
and :data:`MAX_DRAWN_VERTICES` vertices in all (each leg's share cut by an
even stride when the total is over). :func:`drawn_counts` says how many were left out.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from corridors.viz.geometry import (
    ANTIMERIDIAN,
    array_paths,
    centre_path,
    geometry_arrays,
    geometry_paths,
    round_coords,
    wrap_lon,
)
from corridors.viz.style import CORRIDOR_COLORS, MODE_STYLE, NODE_STYLE, STATUS_ALPHA, UNKNOWN_COLOR

__all__ = [
    "MAX_DRAWN_LEGS",
    "MAX_DRAWN_NODES",
    "MAX_DRAWN_VERTICES",
    "basemap_records",
    "drawn_counts",
    "leg_records",
    "node_label",
    "node_records",
    "plain_text",
    "route_paths",
    "short_source",
]

_MIN_RING_POINTS = 4  # a closed ring: three corners and the first again

#: Characters of a source kept in a map tooltip at most (:func:`short_source`).
SOURCE_CHARS = 60

#: Nodes drawn on a map at most (the bundled network has 200): about 0.4 MB of records.
MAX_DRAWN_NODES = 2_000

#: Legs drawn on a map at most (the bundled network has 282): about 0.7 MB of records.
MAX_DRAWN_LEGS = 2_000

#: Path vertices drawn on a map at most (the bundled network: about 8,000): about 0.9 MB.
MAX_DRAWN_VERTICES = 50_000


def drawn_counts(nodes: int, legs: int) -> tuple[int, int]:
    """Nodes and legs of a network of this size that a map leaves out (over :data:`MAX_DRAWN_NODES`, :data:`MAX_DRAWN_LEGS`).

    Parameters
    ----------
    nodes, legs
        The network's node and leg counts.

    Returns
    -------
    tuple of int
        ``(nodes left out, legs left out)``.
    """
    return max(0, nodes - MAX_DRAWN_NODES), max(0, legs - MAX_DRAWN_LEGS)


def _rows(frame: Any, limit: int) -> Any:
    """``(index, row dict)`` of the first `limit` rows (plain dicts: much faster than ``iterrows``)."""
    head = frame.iloc[: max(0, int(limit))]
    return zip(head.index, head.to_dict("records"), strict=True)


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


def plain_text(v: Any) -> str:
    """A data value as single-line plain text (control characters removed).

    Parameters
    ----------
    v
        Any value; a list, tuple or set is joined with ``", "``.

    Returns
    -------
    str
        The text, every non-printable character replaced by a space, stripped;
        ``""`` for ``None``.
    """
    if v is None:
        return ""
    if isinstance(v, (list, tuple, set)):
        return ", ".join(plain_text(x) for x in v)
    s = str(v)
    return "".join(ch if ch.isprintable() else " " for ch in s).strip()


def short_source(v: Any, limit: int = SOURCE_CHARS) -> str:
    """A source as its first clause for a map tooltip (``…`` when cut; the tables hold it whole).

    The text up to the first ``" ("``, ``","`` or ``";"``, at most `limit`
    characters (cut at a word): ``"Geometry: OpenStreetMap railways (© …), …"``
    becomes ``"Geometry: OpenStreetMap railways …"``.
    """
    text = plain_text(v)
    cut = min((i for i in (text.find(" ("), text.find(","), text.find(";")) if i > 0), default=len(text))
    head = (text[:cut] if cut <= limit else text[: text.rfind(" ", 0, limit + 1) if text.rfind(" ", 0, limit + 1) > 0 else limit]).rstrip()
    return head if head == text else head + " …"


def _fmt_len(km: float | None, nm: float | None) -> str:
    parts = []
    if km is not None:
        parts.append(f"{km:,.0f} km")
    if nm is not None:
        parts.append(f"{nm:,.0f} nm")
    return " / ".join(parts)


def node_label(node_id: str, name: Any, country: Any) -> str:
    """The label used in pickers: ``"Name (ID, CC)"``."""
    return f"{plain_text(name) or node_id} ({node_id}, {plain_text(country) or '??'})"


def node_records(
    nodes: Any, *, precision: int = 4, center: float | None = None, max_records: int = MAX_DRAWN_NODES
) -> list[dict[str, Any]]:
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
        of 360° to lie within ``center ± 180`` (see :func:`~corridors.viz.geometry.centre_path`).
    max_records
        Only the first this many nodes are drawn (:data:`MAX_DRAWN_NODES`).

    Returns
    -------
    list of dict
        Keys ``id, name, pos, c, r, tip``.
    """
    records = []
    for node_id, row in _rows(nodes, max_records):
        geom = row.get("geometry")
        if geom is None or geom.is_empty:
            continue
        kind = plain_text(_value(row, "kind", ""))
        style = NODE_STYLE.get(kind, {"color": (60, 60, 60), "radius": 4})
        corridors = _value(row, "corridors", [])
        if isinstance(corridors, str):
            corridors = [corridors]
        lines = [
            node_label(str(node_id), _value(row, "name"), _value(row, "country")),
            f"kind: {kind}",
        ]
        if corridors is not None and len(corridors):
            lines.append(f"corridors: {plain_text(list(corridors))}")
        choke = _value(row, "chokepoint")
        if choke:
            lines.append(f"chokepoint: {plain_text(choke)}")
        lines.append(f"source: {short_source(_value(row, 'source', ''))}")
        records.append(
            {
                "id": str(node_id),
                "name": plain_text(_value(row, "name", node_id)),
                "pos": [round(geom.x if center is None else wrap_lon(geom.x, center), precision), round(geom.y, precision)],
                "c": list(style["color"]) + [230],
                "r": style["radius"],
                "tip": "\n".join(lines),
            }
        )
    return records


def _leg_tip(leg_id: str, row: Mapping[str, Any], names: Mapping[str, str]) -> str:
    frm, to = str(_value(row, "from", "?")), str(_value(row, "to", "?"))
    mode = plain_text(_value(row, "mode", ""))
    corridor = plain_text(_value(row, "corridor", ""))
    branch = plain_text(_value(row, "branch", ""))
    lines = [
        f"Leg {plain_text(leg_id)}",
        f"{plain_text(names.get(frm, frm))} → {plain_text(names.get(to, to))}",
        f"mode: {mode} · corridor: {corridor}" + (f" ({branch})" if branch else ""),
        "length: " + _fmt_len(_value(row, "length_km"), _value(row, "length_nm")),
    ]
    pub_km, pub_nm = _value(row, "published_km"), _value(row, "published_nm")
    if pub_km is not None or pub_nm is not None:
        lines.append(
            "published: "
            + _fmt_len(pub_km, pub_nm)
            + (f" ({short_source(_value(row, 'published_source', ''))})" if _value(row, "published_source") else "")
        )
    status = plain_text(_value(row, "status", ""))
    season = plain_text(_value(row, "season", ""))
    lines.append(f"status: {status}" + (f" · seasonal: {season}" if season else ""))
    gauge = _value(row, "gauge_mm")
    if gauge is not None:
        lines.append(f"gauge: {int(gauge)} mm")
    chokes = _value(row, "chokepoints", [])
    if chokes is not None and len(chokes):
        lines.append(f"chokepoints: {plain_text(list(chokes))}")
    lines.append(f"source: {short_source(_value(row, 'source', ''))}")
    return "\n".join(lines)


def leg_records(
    legs: Any,
    *,
    node_names: Mapping[str, str] | None = None,
    precision: int = 3,
    tolerance: float = 0.02,
    center: float | None = None,
    max_records: int = MAX_DRAWN_LEGS,
    max_vertices: int = MAX_DRAWN_VERTICES,
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
        Simplification tolerance in degrees (0.02° ≈ 2 km: under a pixel up to zoom 6, two at
        zoom 7; 0.005° sent twice the vertices, 128 of the map's 266 KB of legs).
    center
        Longitude the map is centred on (see :func:`~corridors.viz.geometry.centre_path`).
    max_records
        Only the first this many legs are drawn (:data:`MAX_DRAWN_LEGS`).
    max_vertices
        Vertices drawn in all at most (about; each part keeps its two ends):
        when the simplified parts hold more, each keeps its share by an even stride.

    Returns
    -------
    list of dict
        Keys ``id, p (path), c (RGBA), w (width px), d (dash), s (seasonal 0/1),
        mode, corridor, status, tip``. A MultiLineString gives one record per
        part, all with the same ``id``.
    """
    names = node_names or {}
    rows = [(leg_id, row, geometry_arrays(row.get("geometry"), tolerance=tolerance)) for leg_id, row in _rows(legs, max_records)]
    total = sum(len(a) for _, _, arrays in rows for a in arrays)
    share = max_vertices / total if total > max_vertices else 1.0
    records = []
    for leg_id, row, arrays in rows:
        mode = plain_text(_value(row, "mode", ""))
        corridor = plain_text(_value(row, "corridor", ""))
        status = plain_text(_value(row, "status", "operational"))
        style = MODE_STYLE.get(mode, {"width": 2.0, "dash": [1, 0]})
        rgb = CORRIDOR_COLORS.get(corridor, UNKNOWN_COLOR)
        alpha = STATUS_ALPHA.get(status, 200)
        seasonal = 1 if _value(row, "season") else 0
        tip = _leg_tip(str(leg_id), row, names)
        for path in array_paths([_share(a, share) for a in arrays], precision=precision):
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


def _share(coords: np.ndarray, share: float) -> np.ndarray:
    """`coords` cut to ``share`` of its vertices by an even stride (ends kept); as it is for a share of 1."""
    if share >= 1.0 or len(coords) <= 2:  # noqa: PLR2004 - a path of two points is only its ends
        return coords
    keep = max(2, int(len(coords) * share))
    return coords[np.unique(np.linspace(0, len(coords) - 1, keep).round().astype(int))]


def basemap_records(
    source: str | Path | Mapping[str, Any], *, precision: int = 1, tolerance: float = 0.15, center: float | None = None
) -> list[list[list[list[float]]]]:
    """Country polygons as lists of rings for a PolygonLayer.

    Parameters
    ----------
    source
        Path to a GeoJSON FeatureCollection of (Multi)Polygons (Natural Earth
        1:110m countries), or the parsed dict.
    precision
        Decimals kept (1 ≈ 10 km, the detail of a 1:110m map).
    tolerance
        Douglas–Peucker tolerance in degrees, applied to each polygon first
        (0.15: under a pixel at the whole network's zoom, about the 1:110m map's
        own detail when zoomed to a route; with 1 decimal, 136 KB sent, not 211 KB).
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
            rings = [round_coords(ring, precision) for ring in _simplified(poly, tolerance)]
            rings = [r for r in rings if len(r) >= _MIN_RING_POINTS]
            if not rings:
                continue
            if center is None:
                polys.append(rings)
                continue
            placed = centre_path(rings[0], center)
            shift = placed[0][0] - rings[0][0][0]
            copies = [shift]
            xs = [p[0] + shift for p in rings[0]]
            if min(xs) < center - ANTIMERIDIAN:
                copies.append(shift + 360.0)
            if max(xs) > center + ANTIMERIDIAN:
                copies.append(shift - 360.0)
            for dx in copies:
                polys.append([[[round(x + dx, precision), y] for x, y in ring] for ring in rings])
    return polys


def _simplified(rings: Sequence[Any], tolerance: float) -> list[Any]:
    """A polygon's rings simplified by `tolerance` degrees (as they are for 0 or an invalid polygon)."""
    if tolerance <= 0 or not rings or len(rings[0]) < _MIN_RING_POINTS:
        return list(rings)
    try:
        poly = shapely.simplify(shapely.Polygon(rings[0], [r for r in rings[1:] if len(r) >= _MIN_RING_POINTS]), tolerance, preserve_topology=True)
    except (ValueError, TypeError, shapely.errors.GEOSException):
        return list(rings)
    if poly.is_empty or poly.geom_type != "Polygon":
        return list(rings)
    return [shapely.get_coordinates(poly.exterior).tolist()] + [shapely.get_coordinates(r).tolist() for r in poly.interiors]


def route_paths(
    legs: Any, leg_ids: Sequence[str], *, precision: int = 3, tolerance: float = 0.02, center: float | None = None
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
