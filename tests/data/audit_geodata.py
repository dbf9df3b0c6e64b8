"""The shipped network as plain records for the geometry audit: nodes, legs, lengths, samples, bearings.

Reads ``corridors/data/geodata/*.geojson`` as it is when the tests run (every
file in the folder, so new files are audited too) with the standard library
and pyproj only, independent of the package's own reader.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import numpy as np
from pyproj import Geod

from corridors._paths import GEODATA_DIR

SEA_MODES = ("sea", "ferry")
LAND_MODES = ("rail", "road")
DOMESTIC_COUNTRIES = {"RU", "IN", "IR"}  # a leg with both ends in one of these must stay in that country

GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Leg:
    """One leg: its properties and its parts (one per side of the antimeridian)."""

    id: str
    start: str
    end: str
    mode: str
    props: dict
    parts: tuple[tuple[tuple[float, float], ...], ...]

    @property
    def coords(self) -> list[tuple[float, float]]:
        """All vertices in order, longitudes unwrapped across the antimeridian."""
        return unwrap([c for part in self.parts for c in part])

    @property
    def length_km(self) -> float:
        return sum(line_km(part) for part in self.parts)


@cache
def network() -> tuple[dict[str, dict], tuple[Leg, ...]]:
    """Nodes (id → properties plus ``lon``/``lat``) and legs of every shipped file."""
    nodes: dict[str, dict] = {}
    legs: list[Leg] = []
    for path in sorted(GEODATA_DIR.glob("*.geojson")):
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            p, g = f["properties"], f["geometry"]
            if g["type"] == "Point":
                nodes[p["id"]] = {**p, "lon": g["coordinates"][0], "lat": g["coordinates"][1]}
                continue
            parts = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
            legs.append(Leg(p["id"], p["from"], p["to"], p["mode"], p, tuple(tuple(map(tuple, pt)) for pt in parts)))
    return nodes, tuple(legs)


def unwrap(coords) -> list[tuple[float, float]]:
    """Longitudes made continuous (no jump over 180°) so a path across the antimeridian reads as one line."""
    out = [(float(coords[0][0]), float(coords[0][1]))]
    for lon, lat in coords[1:]:
        lon = float(lon)
        while lon - out[-1][0] > 180:
            lon -= 360
        while lon - out[-1][0] < -180:
            lon += 360
        out.append((lon, float(lat)))
    return out


def line_km(coords) -> float:
    """Geodesic length of a line of (lon, lat) positions, in km."""
    if len(coords) < 2:
        return 0.0
    arr = np.asarray(coords, dtype=float)
    return GEOD.line_length(arr[:, 0], arr[:, 1]) / 1000.0


def great_circle_km(a, b) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def samples(leg: Leg, step_km: float = 1.0) -> tuple[np.ndarray, np.ndarray, float]:
    """Points about every ``step_km`` along the leg (lon wrapped to ±180), their distance from the start, and the length."""
    pts, along, done = [], [], 0.0
    for part in leg.parts:
        for a, b in zip(part[:-1], part[1:]):
            d = great_circle_km(a, b)
            n = max(int(d / step_km), 1)
            for k in range(n):
                t = k / n
                pts.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
                along.append(done + t * d)
            done += d
    arr = np.array(pts)
    arr[:, 0] = (arr[:, 0] + 180) % 360 - 180
    return arr, np.array(along), done


def heading_from(coords, reach_km: float = 25.0) -> float:
    """Bearing (degrees) from the first position towards the one ``reach_km`` along the line (or its end)."""
    start, done = coords[0], 0.0
    for a, b in zip(coords[:-1], coords[1:]):
        done += great_circle_km(a, b)
        if done >= reach_km:
            return GEOD.inv(start[0], start[1], b[0], b[1])[0]
    return GEOD.inv(start[0], start[1], coords[-1][0], coords[-1][1])[0]


def turn_deg(bearing_in: float, bearing_out: float) -> float:
    """Absolute change of heading (0 = straight on, 180 = straight back)."""
    return abs((bearing_out - bearing_in + 180) % 360 - 180)
