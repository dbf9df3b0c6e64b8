"""Geodesic lengths and antimeridian handling (lon/lat, WGS84).

Lengths are geodesic on the WGS84 ellipsoid (:class:`pyproj.Geod`): each
segment between two vertices is taken as the shortest geodesic, so a segment
from 179° to -179° is 2° long, not 358°.

A line crossing the antimeridian is stored cut at ±180° into a
MultiLineString (RFC 7946 §3.1.9). :func:`cut_antimeridian` makes such a
cut (the crossing point is on the geodesic, so lengths do not change),
:func:`is_antimeridian_cut` recognises one and :func:`join_antimeridian`
undoes it.
"""

from __future__ import annotations

import math

import numpy as np
from pyproj import Geod
from shapely.geometry import LineString, MultiLineString

__all__ = [
    "KM_PER_NM",
    "crossing_segments",
    "cut_antimeridian",
    "great_circle_km",
    "is_antimeridian_cut",
    "join_antimeridian",
    "length_km",
    "length_nm",
    "lon_difference",
]

KM_PER_NM = 1.852
"""Kilometres per international nautical mile."""

_GEOD = Geod(ellps="WGS84")
_CUT_TOLERANCE_DEG = 1e-6
_BISECTION_STEPS = 60


def length_km(geometry: LineString | MultiLineString) -> float:
    """Return the geodesic length of a line in kilometres.

    Parameters
    ----------
    geometry
        LineString or MultiLineString in lon/lat degrees (a MultiLineString
        is the sum of its parts).

    Returns
    -------
    km
        Length in km on the WGS84 ellipsoid.
    """
    if not isinstance(geometry, LineString | MultiLineString):
        msg = f"expected a LineString or MultiLineString, got {type(geometry).__name__}"
        raise TypeError(msg)
    parts = geometry.geoms if isinstance(geometry, MultiLineString) else [geometry]
    total_m = 0.0
    for part in parts:
        coords = np.asarray(part.coords, dtype=float)
        if len(coords) >= 2:  # noqa: PLR2004
            total_m += _GEOD.line_length(coords[:, 0], coords[:, 1])
    return total_m / 1000.0


def length_nm(geometry: LineString | MultiLineString) -> float:
    """Return the geodesic length of a line in nautical miles.

    Parameters
    ----------
    geometry
        LineString or MultiLineString in lon/lat degrees.

    Returns
    -------
    nm
        Length in international nautical miles (1.852 km).
    """
    return length_km(geometry) / KM_PER_NM


def great_circle_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Return the shortest distance between two points in kilometres.

    Parameters
    ----------
    lon1, lat1, lon2, lat2
        Degrees.

    Returns
    -------
    km
        Geodesic distance on the WGS84 ellipsoid (the ellipsoidal
        equivalent of the great-circle distance), in km.
    """
    _, _, dist_m = _GEOD.inv(lon1, lat1, lon2, lat2)
    return float(dist_m) / 1000.0


def cut_antimeridian(line: LineString) -> LineString | MultiLineString:
    """Cut a lon/lat line where it crosses the antimeridian.

    Parameters
    ----------
    line
        A LineString. Longitudes may be wrapped (in [-180, 180], a crossing
        is a segment whose longitudes differ by more than 180°) or unwrapped
        (continuing past 180°).

    Returns
    -------
    cut
        `line` itself when it does not cross; otherwise a MultiLineString
        whose parts end/start at exactly ±180°, longitudes in [-180, 180].
        The crossing latitude is interpolated along the segment's geodesic,
        so the length of the cut line equals the length of `line`.
    """
    coords = [tuple(map(float, c[:2])) for c in line.coords]
    if len(coords) < 2:  # noqa: PLR2004
        return line
    unwrapped = _unwrap([lon for lon, _ in coords])
    points = [(u, lat) for u, (_, lat) in zip(unwrapped, coords, strict=True)]
    parts = _split_cells(points, [lon for lon, _ in coords])
    if len(parts) == 1:
        return line
    return MultiLineString(parts)


def is_antimeridian_cut(geometry: object) -> bool:
    """Tell whether a geometry is a line cut at the antimeridian.

    Parameters
    ----------
    geometry
        Any geometry.

    Returns
    -------
    is_cut
        True for a MultiLineString of at least two parts, each part at least
        two positions long, where each part ends at lon ±180 and the next
        starts at the opposite ∓180 at the same latitude (within 1e-6°), and
        no segment of a part itself jumps more than 180° in longitude.
    """
    if not isinstance(geometry, MultiLineString) or len(geometry.geoms) < 2:  # noqa: PLR2004
        return False
    parts = [list(part.coords) for part in geometry.geoms]
    if any(len(part) < 2 or crossing_segments(part) for part in parts):  # noqa: PLR2004
        return False
    return all(_is_cut_join(a[-1], b[0]) for a, b in zip(parts, parts[1:], strict=False))


def join_antimeridian(geometry: LineString | MultiLineString) -> LineString:
    """Undo :func:`cut_antimeridian`: one continuous LineString.

    Parameters
    ----------
    geometry
        A LineString (returned with unwrapped longitudes) or an antimeridian
        cut MultiLineString.

    Returns
    -------
    joined
        Longitudes unwrapped, so they may go past ±180° (handy for drawing a
        continuous path); the duplicated cut points are removed.
    """
    if isinstance(geometry, MultiLineString):
        coords: list[tuple[float, float]] = []
        for part in geometry.geoms:
            part_coords = [tuple(map(float, c[:2])) for c in part.coords]
            coords.extend(part_coords if not coords else part_coords[1:])
    else:
        coords = [tuple(map(float, c[:2])) for c in geometry.coords]
    unwrapped = _unwrap([lon for lon, _ in coords])
    return LineString([(u, lat) for u, (_, lat) in zip(unwrapped, coords, strict=True)])


def crossing_segments(coords: list) -> list[int]:
    """Return the indices of segments that jump more than 180° in longitude.

    Parameters
    ----------
    coords
        Positions ``(lon, lat[, z])``, longitudes in [-180, 180].

    Returns
    -------
    indices
        ``i`` for each segment ``coords[i] -> coords[i + 1]`` that crosses the
        antimeridian without being cut.
    """
    return [
        i
        for i in range(len(coords) - 1)
        if abs(float(coords[i + 1][0]) - float(coords[i][0])) > 180.0  # noqa: PLR2004
    ]


def lon_difference(lon_a: float, lon_b: float) -> float:
    """Return the absolute difference of two longitudes, modulo 360 (0..180)."""
    return abs((lon_a - lon_b + 180.0) % 360.0 - 180.0)


def _is_cut_join(end: tuple, start: tuple) -> bool:
    lon_end, lat_end = float(end[0]), float(end[1])
    lon_start, lat_start = float(start[0]), float(start[1])
    return (
        abs(abs(lon_end) - 180.0) <= _CUT_TOLERANCE_DEG
        and abs(lon_end + lon_start) <= _CUT_TOLERANCE_DEG
        and abs(lat_end - lat_start) <= _CUT_TOLERANCE_DEG
    )


def _wrap(delta: float) -> float:
    return (delta + 180.0) % 360.0 - 180.0


def _unwrap(lons: list[float]) -> list[float]:
    out = [lons[0]]
    for lon in lons[1:]:
        out.append(out[-1] + _wrap(lon - out[-1]))
    return out


def _cell(u: float) -> int | None:
    """Return k such that u - 360k is strictly inside (-180, 180), or None on a boundary."""
    shifted = (u + 180.0) / 360.0
    if shifted == math.floor(shifted):
        return None
    return math.floor(shifted)


def _split_cells(points: list[tuple[float, float]], lons: list[float]) -> list[list[tuple[float, float]]]:
    """Split unwrapped points into parts, one per 360°-wide longitude cell."""
    cells = [_cell(u) for u, _ in points]
    current = next((c for c in cells if c is not None), None)
    if current is None:
        return [points]
    parts: list[list[tuple[float, float]]] = [[]]
    previous: tuple[float, float] | None = None
    for (u, lat), cell, original in zip(points, cells, lons, strict=True):
        if cell is not None and cell != current:
            assert previous is not None  # the first point has no other cell to leave
            if _cell(previous[0]) is None:  # previous point is exactly on the cut
                cut = previous
            else:
                meridian = 180.0 + 360.0 * min(cell, current)
                cut = (meridian, _crossing_lat(previous, (u, lat), meridian))
                parts[-1].append(_in_cell(cut, current))
            parts.append([_in_cell(cut, cell)])
            current = cell
        vertex = _in_cell((u, lat), current)
        if abs(vertex[0] - original) < 1e-6:  # noqa: PLR2004 - keep the input's exact digits
            vertex = (original, lat)
        if not parts[-1] or parts[-1][-1] != vertex:
            parts[-1].append(vertex)
        previous = (u, lat)
    return parts


def _in_cell(point: tuple[float, float], cell: int) -> tuple[float, float]:
    return (point[0] - 360.0 * cell, point[1])


def _crossing_lat(a: tuple[float, float], b: tuple[float, float], meridian: float) -> float:
    """Latitude where the geodesic a -> b reaches the (unwrapped) meridian."""
    azimuth, _, dist_m = _GEOD.inv(a[0], a[1], b[0], b[1])
    low, high = 0.0, 1.0
    lat = a[1]
    going_east = b[0] > a[0]
    for _ in range(_BISECTION_STEPS):
        mid = (low + high) / 2.0
        lon, lat, _ = _GEOD.fwd(a[0], a[1], azimuth, mid * dist_m)
        u = a[0] + _wrap(lon - a[0])
        if (u < meridian) == going_east:
            low = mid
        else:
            high = mid
    return float(lat)
