"""Where a line runs over land, against the bundled land outlines.

The land is the offline basemap (:data:`corridors._paths.BASEMAP_PATH`,
Natural Earth 1:110m country outlines), each polygon eroded by
:data:`EROSION_DEG` (about 5 km, as ``tools/build_geodata.py`` does) because
1:110m coastlines are coarse: a port or a coastal lane drawn on the real coast
often lies a few km inside them. The polygons are read once per process, in an
:class:`shapely.STRtree`, so a leg costs one tree query and, only when it
touches land, one intersection with the few polygons it meets.

A *crossing* is one stretch of a line over land. Eroding each country's
polygon separately leaves a gap of about ``2 * EROSION_DEG`` along land
borders, so pieces less than :data:`MERGE_GAP_DEG` apart along the line are
one crossing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString
from shapely.ops import substring

from corridors._paths import BASEMAP_PATH
from corridors.network.geodesy import length_km

__all__ = ["EROSION_DEG", "MERGE_GAP_DEG", "Crossing", "land_crossings"]

EROSION_DEG = 0.05
"""How far (degrees, about 5 km) the 1:110m land polygons are shrunk before a line is tested."""

MERGE_GAP_DEG = 0.3
"""Pieces over land closer than this along the line (degrees) are one crossing (a land
border between two eroded countries leaves a gap of about 0.1°)."""

_END_DEG = 0.2  # a crossing this close (degrees) to a line's end reaches that end
_KM_PER_DEG_MAX = 112.0


@dataclass(frozen=True)
class Crossing:
    """One stretch of a line over land.

    Attributes
    ----------
    km
        Its geodesic length.
    lon, lat
        Where it starts (for the message).
    at_start, at_end
        True when it reaches the line's first / last position.
    """

    km: float
    lon: float
    lat: float
    at_start: bool
    at_end: bool


def land_crossings(
    line: LineString | MultiLineString, path: Path | None = None, *, min_km: float = 0.0
) -> list[Crossing]:
    """Return the stretches of `line` over land, longest first.

    Parameters
    ----------
    line
        A leg's geometry (lon/lat; a MultiLineString is an antimeridian cut, its
        parts are tested one by one).
    path
        The land outlines (default: the bundled basemap).
    min_km
        Leave out the stretches that are surely shorter than this (by a fast
        upper bound of their length, so only long ones are measured).

    Returns
    -------
    list of Crossing
        Empty when the line stays at sea, or when the outlines cannot be read
        (the check is then skipped: the basemap is an aid, not a requirement).
    """
    land = _land(str(path or BASEMAP_PATH))
    if land is None:
        return []
    polygons, tree = land
    parts = list(line.geoms) if isinstance(line, MultiLineString) else [line]
    found: list[Crossing] = []
    for number, part in enumerate(parts):
        hits = tree.query(part, predicate="intersects")
        if not len(hits):
            continue
        first, last = number == 0, number == len(parts) - 1
        for lo, hi in _spans(part, shapely.intersection(part, polygons[hits])):
            if (hi - lo) * _KM_PER_DEG_MAX <= min_km:
                continue  # a degree along a lon/lat line is at most 112 km
            piece = substring(part, lo, hi)
            start = piece.coords[0] if not piece.is_empty else part.coords[0]
            found.append(
                Crossing(
                    km=length_km(piece) if isinstance(piece, LineString) and not piece.is_empty else 0.0,
                    lon=float(start[0]),
                    lat=float(start[1]),
                    at_start=first and lo <= _END_DEG,
                    at_end=last and hi >= part.length - _END_DEG,
                )
            )
    return sorted(found, key=lambda c: -c.km)


def _spans(part: LineString, pieces: np.ndarray) -> list[tuple[float, float]]:
    """The stretches of `part` (distances along it, degrees) covered by `pieces`, merged."""
    lines = shapely.get_parts(pieces)
    lines = lines[(shapely.get_type_id(lines) == 1) & ~shapely.is_empty(lines)]  # not a touch at a point
    if not len(lines):
        return []
    a = shapely.line_locate_point(part, shapely.get_point(lines, 0))
    b = shapely.line_locate_point(part, shapely.get_point(lines, -1))
    merged: list[list[float]] = []
    for lo, hi in sorted(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(), strict=True)):
        if merged and lo - merged[-1][1] <= MERGE_GAP_DEG:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


@functools.lru_cache(maxsize=2)
def _land(path: str) -> tuple[np.ndarray, shapely.STRtree] | None:
    """The eroded land polygons and their tree; None when the file cannot be read."""
    try:
        collection = shapely.from_geojson(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, shapely.errors.GEOSException):
        return None
    polygons = shapely.get_parts(shapely.get_parts(collection))
    polygons = polygons[np.isin(shapely.get_type_id(polygons), (3,))]  # polygons only
    eroded = shapely.get_parts(shapely.buffer(polygons, -EROSION_DEG, quad_segs=2))
    eroded = eroded[~shapely.is_empty(eroded)]
    shapely.prepare(eroded)
    return eroded, shapely.STRtree(eroded)
