"""Framing the map on a route: a flat view fitted to its bounds, a globe centred on it.

The flat map uses :func:`~corridors.viz.geometry.fit_view` (Web Mercator,
the smallest arc of longitude) and keeps the centre within 180° of the
map's own centre, where the records were shifted. The globe looks at the
route from the centre of its points on the sphere, so a Northern Sea Route
is seen from high over the Arctic, not on the rim; its zoom fits the route's
orthographic extent to the panel's width *and* height (so a route spread
east-west fills the width, the globe's top and bottom may be cut).

deck.gl's GlobeView draws the globe with a radius of
``256 * 2**zoom / (pi * cos(latitude))`` pixels (the view's zoom is
corrected for the latitude it looks at): :func:`globe_zoom` inverts that.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from corridors.viz.geometry import fit_view, wrap_lon

__all__ = ["MAP_HEIGHT", "MAP_WIDTH", "globe_radius_px", "globe_view", "globe_zoom", "route_view"]

MAP_WIDTH = 940
"""Width of the explorer's map panel on a laptop (pixels; the wide layout at 1,400 px)."""
MAP_HEIGHT = 560
"""Height of the explorer's map (pixels)."""
_MAX_LAT = 85.051129  # deck.gl clamps the latitude used in the globe's scale to Web Mercator's
_FILL = 0.88  # share of the panel the route's extent may take (margins for labels and markers)


def globe_radius_px(zoom: float, latitude: float) -> float:
    """Radius in pixels of deck.gl's GlobeView globe at ``zoom`` looking at ``latitude``."""
    lat = max(min(latitude, _MAX_LAT), -_MAX_LAT)
    return 256.0 * 2.0**zoom / (math.pi * math.cos(math.radians(lat)))


def globe_zoom(radius_px: float, latitude: float) -> float:
    """The GlobeView zoom that draws a globe of ``radius_px`` pixels looking at ``latitude``."""
    lat = max(min(latitude, _MAX_LAT), -_MAX_LAT)
    return math.log2(radius_px * math.pi * math.cos(math.radians(lat)) / 256.0)


def _unit(lon: float, lat: float) -> tuple[float, float, float]:
    lo, la = math.radians(lon), math.radians(lat)
    return (math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la))


def globe_view(
    lonlats: Iterable[Sequence[float]], *, width: int = MAP_WIDTH, height: int = MAP_HEIGHT, max_zoom: float = 5.0
) -> dict[str, float]:
    """A GlobeView view looking at the centre of the points on the sphere, zoomed to fit them.

    Parameters
    ----------
    lonlats
        ``[lon, lat]`` pairs (a route's paths, or every node).
    width, height
        The panel's size in pixels.
    max_zoom
        Zoom cap (a route of one short leg).

    Returns
    -------
    dict
        ``longitude, latitude, zoom, pitch, bearing``.
    """
    vecs = [_unit(float(p[0]), float(p[1])) for p in lonlats]
    if not vecs:
        return {"longitude": 60.0, "latitude": 45.0, "zoom": 0.5, "pitch": 0, "bearing": 0}
    sx, sy, sz = (sum(v[i] for v in vecs) for i in range(3))
    norm = math.sqrt(sx * sx + sy * sy + sz * sz)
    if norm < 1e-9:  # noqa: PLR2004 - points all round the sphere: look at the first
        sx, sy, sz = vecs[0]
        norm = 1.0
    cx, cy, cz = sx / norm, sy / norm, sz / norm
    lon_c = math.degrees(math.atan2(cy, cx))
    lat_c = math.degrees(math.asin(max(-1.0, min(1.0, cz))))
    # orthographic coordinates (east, north) of every point as seen from the centre
    east = (-math.sin(math.radians(lon_c)), math.cos(math.radians(lon_c)), 0.0)
    north = (-math.sin(math.radians(lat_c)) * math.cos(math.radians(lon_c)),
             -math.sin(math.radians(lat_c)) * math.sin(math.radians(lon_c)), math.cos(math.radians(lat_c)))  # fmt: skip
    half_w, half_h = 1e-3, 1e-3
    for v in vecs:
        x = sum(a * b for a, b in zip(v, east, strict=True))
        y = sum(a * b for a, b in zip(v, north, strict=True))
        if sum(a * b for a, b in zip(v, (cx, cy, cz), strict=True)) < 0:  # on the far side: the rim
            r = math.hypot(x, y) or 1.0
            x, y = x / r, y / r
        half_w, half_h = max(half_w, abs(x)), max(half_h, abs(y))
    radius = min(_FILL * width / 2 / half_w, _FILL * height / 2 / half_h)
    zoom = globe_zoom(radius, lat_c)
    return {
        "longitude": round(lon_c, 3),
        "latitude": round(lat_c, 3),
        "zoom": round(max(0.0, min(zoom, max_zoom)), 2),
        "pitch": 0,
        "bearing": 0,
    }


def _even(paths: Sequence[Sequence[Sequence[float]]], step: float = 2.0) -> list[tuple[float, float]]:
    """Points every ``step`` degrees along the paths (a detailed coast does not outweigh an open sea)."""
    out: list[tuple[float, float]] = []
    for path in paths:
        pts = [(float(p[0]), float(p[1])) for p in path]
        if not pts:
            continue
        out.append(pts[0])
        walked = 0.0
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            seg = math.hypot((x1 - x0) * math.cos(math.radians((y0 + y1) / 2)), y1 - y0)
            while walked + seg >= step and seg > 0:
                t = (step - walked) / seg
                x0, y0 = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                out.append((x0, y0))
                seg -= step - walked
                walked = 0.0
            walked += seg
        out.append(pts[-1])
    return out


def route_view(
    paths: Sequence[Sequence[Sequence[float]]],
    *,
    globe: bool = False,
    center: float | None = None,
    width: int = MAP_WIDTH,
    height: int = MAP_HEIGHT,
    max_zoom: float = 7.0,
) -> dict[str, float] | None:
    """The view fitted to a route's paths (``None`` for a route with nothing drawn).

    Parameters
    ----------
    paths
        The route's paths (:func:`~corridors.viz.records.route_paths`), plus any
        extra points to keep in view as one-point paths (the origin and destination).
    globe
        A GlobeView view (:func:`globe_view`) instead of a flat one.
    center
        Longitude the flat map's records are centred on: the view's longitude
        is kept within 180° of it, where the paths are drawn.
    width, height
        The panel's size in pixels.
    max_zoom
        Zoom cap for a short route.

    Returns
    -------
    dict or None
        ``longitude, latitude, zoom, pitch, bearing``.
    """
    points = [p for path in paths for p in path]
    if not points:
        return None
    if globe:
        return globe_view(_even(paths), width=width, height=height, max_zoom=max_zoom - 2)
    view = fit_view(points, width=width, height=height)
    if center is not None:
        view["longitude"] = round(wrap_lon(view["longitude"], center), 3)
    view["zoom"] = min(view["zoom"], max_zoom)
    return view
