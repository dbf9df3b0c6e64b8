"""Map geometry for drawing: paths cut at the antimeridian, centred, and a fitting view.

A leg stored as a MultiLineString cut at ±180° (RFC 7946) becomes one path
per part, and a LineString that jumps across the antimeridian is split, so
nothing streaks across the world. A map centred away from 0° shifts whole
paths by multiples of 360° (:func:`centre_path`) so the network stays in one
piece across the antimeridian.

The work per path is bounded, whatever the file holds: a part of more than
:data:`MAX_PATH_VERTICES` vertices is first thinned in linear time
(:func:`thin`: consecutive vertices in one cell of half the tolerance are
merged, then an even stride keeps at most :data:`MAX_PATH_VERTICES`), so
Douglas–Peucker (quadratic on a line that bounces back and forth: 16 s for
one 50,000-vertex leg) never sees more than that many vertices.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import shapely

__all__ = [
    "ANTIMERIDIAN",
    "MAX_PATH_VERTICES",
    "array_paths",
    "centre_path",
    "fit_view",
    "geometry_arrays",
    "geometry_paths",
    "round_coords",
    "split_antimeridian",
    "thin",
    "wrap_lon",
]

#: Longitude of the antimeridian; a step longer than this between two points crosses it.
ANTIMERIDIAN = 180.0
_MIN_PATH_POINTS = 2  # a path needs two points to be drawn
_NO_SHIFT = 1e-9  # degrees: a shift smaller than this leaves the path as it is

#: Vertices of one drawn part at most (before simplification): the bundled legs have at most 569.
MAX_PATH_VERTICES = 1_000


def round_coords(coords: Iterable[Sequence[float]], precision: int) -> list[list[float]]:
    """Coordinates rounded to `precision` decimals, repeated points dropped.

    Parameters
    ----------
    coords
        ``[lon, lat]`` pairs (extra values are dropped).
    precision
        Decimals kept in each coordinate.

    Returns
    -------
    list
        ``[lon, lat]`` lists; a point equal to the one before it is left out.
    """
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
        if prev is not None and abs(pt[0] - prev[0]) > ANTIMERIDIAN:
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
    return [p for p in parts if len(p) >= _MIN_PATH_POINTS]


def thin(coords: np.ndarray, tolerance: float, max_points: int = MAX_PATH_VERTICES) -> np.ndarray:
    """At most `max_points` of `coords`, in linear time (the ends kept).

    A part already within `max_points` is returned as it is (the bundled
    legs are drawn exactly as before). Otherwise consecutive vertices that
    fall in one square cell of ``tolerance / 2`` degrees are merged (the first
    is kept), then, if still too many, an even stride keeps `max_points`.

    Parameters
    ----------
    coords
        ``(n, 2+)`` array of ``lon, lat`` (extra columns are dropped).
    tolerance
        The simplification tolerance in degrees (0: only the stride applies).
    max_points
        Vertices kept at most (at least 2).

    Returns
    -------
    numpy.ndarray
        ``(m, 2)`` array, ``m <= max(max_points, 2)``.
    """
    coords = np.asarray(coords, dtype=float)[:, :2]
    max_points = max(int(max_points), _MIN_PATH_POINTS)
    if len(coords) <= max_points:
        return coords
    if tolerance > 0:
        cells = np.floor(coords / (tolerance / 2.0))
        keep = np.ones(len(coords), dtype=bool)
        keep[1:] = np.any(cells[1:] != cells[:-1], axis=1)
        keep[-1] = True
        coords = coords[keep]
    if len(coords) > max_points:
        coords = coords[np.unique(np.linspace(0, len(coords) - 1, max_points).round().astype(int))]
    return coords


def _simplify(coords: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas–Peucker on at most :data:`MAX_PATH_VERTICES` vertices (one call per part: tests count them)."""
    line = shapely.linestrings(coords)
    return shapely.get_coordinates(shapely.simplify(line, tolerance, preserve_topology=False))


def geometry_arrays(
    geom: Any, *, tolerance: float = 0.0, max_vertices: int = MAX_PATH_VERTICES
) -> list[np.ndarray]:
    """Each part of a LineString or MultiLineString, thinned and simplified, as an array.

    Parameters
    ----------
    geom
        A shapely LineString or MultiLineString (or ``None``).
    tolerance
        Douglas–Peucker tolerance in degrees (0 keeps every vertex but the thinned ones).
    max_vertices
        Vertices per part at most, before simplification (:func:`thin`).

    Returns
    -------
    list of numpy.ndarray
        ``(n, 2)`` arrays of ``lon, lat``, one per part (not yet cut at the antimeridian).
    """
    if geom is None or getattr(geom, "is_empty", True):
        return []
    parts = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    out = []
    for part in parts:
        coords = thin(shapely.get_coordinates(part), tolerance, max_vertices)
        if tolerance > 0 and len(coords) > _MIN_PATH_POINTS:
            coords = _simplify(coords, tolerance)
        out.append(coords)
    return out


def array_paths(arrays: Iterable[np.ndarray], *, precision: int = 4) -> list[list[list[float]]]:
    """Paths (lists of ``[lon, lat]``) of arrays from :func:`geometry_arrays`: cut at the antimeridian, rounded."""
    paths: list[list[list[float]]] = []
    for coords in arrays:
        for piece in split_antimeridian(coords.tolist()):
            rounded = round_coords(piece, precision)
            if len(rounded) >= _MIN_PATH_POINTS:
                paths.append(rounded)
    return paths


def geometry_paths(
    geom: Any, *, precision: int = 4, tolerance: float = 0.0, max_vertices: int = MAX_PATH_VERTICES
) -> list[list[list[float]]]:
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
    max_vertices
        Vertices per part at most, before simplification (:func:`thin`):
        the work per part is linear in its size plus a bounded simplification.

    Returns
    -------
    list
        One path per part, each cut again at the antimeridian if needed.
    """
    return array_paths(geometry_arrays(geom, tolerance=tolerance, max_vertices=max_vertices), precision=precision)


def wrap_lon(lon: float, center: float) -> float:
    """``lon`` plus a multiple of 360 so it lies in ``[center - 180, center + 180)``.

    Parameters
    ----------
    lon
        A longitude in degrees (any value).
    center
        Longitude the map is centred on.

    Returns
    -------
    float
        The same meridian, within 180° of `center`.
    """
    return (lon - center + 180.0) % 360.0 - 180.0 + center


def centre_path(path: list[list[float]], center: float | None) -> list[list[float]]:
    """Shift a whole path by a multiple of 360° to sit nearest ``center``.

    A flat map shows longitudes ``center ± 180``; shifting whole paths (and
    polygons, and points) there keeps the network in one piece across the
    antimeridian instead of cutting it at ±180°.

    Parameters
    ----------
    path
        ``[lon, lat, ...]`` points.
    center
        Longitude the map is centred on; ``None`` leaves the path as it is.

    Returns
    -------
    list
        The path itself when no shift is needed, otherwise a shifted copy
        (longitudes rounded to 6 decimals).
    """
    if center is None or not path:
        return path
    mean = sum(p[0] for p in path) / len(path)
    shift = wrap_lon(mean, center) - mean
    if abs(shift) < _NO_SHIFT:
        return path
    return [[round(p[0] + shift, 6), p[1]] + list(p[2:]) for p in path]


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
