"""Checks that keep a network physical: distances, sea legs at sea, nodes not doubled.

Each check returns ``(message, field)`` pairs for
:mod:`corridors.network.registry`, which reports them with every other
problem of the files in one pass.

Legs (:func:`leg_problems`)
---------------------------
- the geometry's length is at most :data:`MAX_LEG_KM` (a zig-zag line of
  50,000 positions could otherwise be millions of km long);
- ``published_km`` (and ``published_nm`` in km) is between
  :data:`PUBLISHED_RATIO` ``= (0.5, 3.0)`` times the geometry's length. A
  published distance follows the real track, so it is longer than a
  generalised drawing (the bundled legs: 0.96-1.38; mountain rail 1.26,
  Garmsar-Incheh Borun), but a figure under half or over three times the
  drawn line is a typo, a unit mix-up (km for nm, m for km) or an attempt to
  make a route free or infinite (``1e-300``, ``1e308``). Together with
  :data:`MAX_LEG_KM` this keeps every leg's distance, and so every total the
  engine adds up, finite and above zero;
- a ``sea`` or ``ferry`` leg may not cross land
  (:func:`corridors.network.land.land_crossings`, 1:110m outlines eroded by
  ~5 km) for more than :data:`LAND_CROSSING_KM` in one stretch. Longer
  stretches are allowed only where the coarse outlines fill real water:
  :data:`CANAL_CROSSING_KM` on a leg that declares the ``suez`` chokepoint
  (the canal, 193 km, and the Gulf of Suez, which the outlines fill: 380 km
  drawn on the bundled leg), and :data:`RIVER_CROSSING_KM` for a stretch that
  reaches a ``river_port`` end (sea-river ships sail up rivers the outlines do
  not show: the Yenisei to Dudinka, 502 km; the Volga below Astrakhan, 74 km).

Nodes (:func:`node_problems`)
-----------------------------
- two ids that differ only in case (``rumow`` beside ``RUMOW``): a lookup
  by id is case-insensitive, so they cannot both be named;
- two nodes of the same name (case- and space-insensitive) and country less
  than :data:`DUPLICATE_KM` apart: one place declared twice.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from corridors._text import describe
from corridors.network.geodesy import KM_PER_NM, great_circle_km, length_km
from corridors.network.land import land_crossings

__all__ = [
    "CANAL_CROSSING_KM",
    "DUPLICATE_KM",
    "LAND_CROSSING_KM",
    "MAX_LEG_KM",
    "PUBLISHED_RATIO",
    "RIVER_CROSSING_KM",
    "leg_problems",
    "node_problems",
]

MAX_LEG_KM = 40_000.0
"""Longest leg geometry accepted: once around the Earth (the longest bundled leg is under 11,000 km)."""

PUBLISHED_RATIO = (0.5, 3.0)
"""A published distance must lie between these multiples of the leg's drawn length."""

LAND_CROSSING_KM = 150.0
"""Longest stretch of a sea or ferry leg over the (eroded) 1:110m land: narrow water the
outlines fill, the Kiel Canal (98 km, 97 km drawn), the Gulf of Kutch (90 km drawn to Kandla),
Tokyo Bay, the Mekong delta; the bundled legs reach 97 km."""

CANAL_CROSSING_KM = 500.0
"""Longest stretch over land of a leg declaring the ``suez`` chokepoint (the canal and the Gulf of Suez)."""

RIVER_CROSSING_KM = 800.0
"""Longest stretch over land that reaches a ``river_port`` end (the river up to the port)."""

DUPLICATE_KM = 5.0
"""Two nodes of the same name and country nearer than this are one place declared twice."""

_SEA_MODES = ("sea", "ferry")
_KM_PER_DEG_MAX = 112.0


def leg_problems(
    row: Mapping[str, Any], end_kinds: tuple[str | None, str | None], *, land: bool = True
) -> list[tuple[str, str]]:
    """The physical problems of one leg.

    Parameters
    ----------
    row : Mapping
        The leg's row (``geometry``, ``mode``, ``chokepoints``, ``published_km``, ``published_nm``).
    end_kinds : tuple
        The ``kind`` of its ``from`` and ``to`` nodes (None when unknown).
    land : bool
        Whether a sea or ferry leg is checked against the land outlines.

    Returns
    -------
    list of (message, field)
    """
    line = row.get("geometry")
    if line is None:
        return []
    # a degree is at most 112 km (in lon/lat, a line's planar length bounds its geodesic one):
    # the exact length is only needed for a published distance or a line that may be too long
    bound = line.length * _KM_PER_DEG_MAX
    needed = bound > MAX_LEG_KM or row.get("published_km") is not None or row.get("published_nm") is not None
    km = length_km(line) if needed else bound
    found = []
    if km > MAX_LEG_KM:
        found.append(
            (
                f"the line is {km:,.0f} km long, over the limit of {MAX_LEG_KM:,.0f} km (once around the Earth)",
                "geometry",
            )
        )
    found.extend(_published_problems(row, km))
    if land and row.get("mode") in _SEA_MODES:
        found.extend(_land_problems(row, end_kinds))
    return found


def _published_problems(row: Mapping[str, Any], km: float) -> list[tuple[str, str]]:
    low, high = PUBLISHED_RATIO
    found = []
    for name, unit, factor in (("published_km", "km", 1.0), ("published_nm", "nm", KM_PER_NM)):
        value = row.get(name)
        if value is None or km <= 0:
            continue
        drawn = km / factor
        ratio = value / drawn  # not value * factor: 1.7e308 nm in km overflows
        if not low <= ratio <= high:
            found.append(
                (
                    f"{value:,.6g} {unit} is {_times(ratio)} the leg's drawn length ({drawn:,.0f} {unit}); "
                    f"a published distance must be {low:g} to {high:g} times it (a typo or a unit mix-up?)",
                    name,
                )
            )
    return found


def _times(ratio: float) -> str:
    if ratio >= 1:
        return f"{ratio:,.3g} times"
    return f"1/{1 / ratio:,.3g} of" if ratio > 0 else "0 times"


def _land_problems(row: Mapping[str, Any], end_kinds: tuple[str | None, str | None]) -> list[tuple[str, str]]:
    canal = "suez" in (row.get("chokepoints") or ())
    river = (end_kinds[0] == "river_port", end_kinds[1] == "river_port")
    for crossing in land_crossings(row["geometry"], min_km=LAND_CROSSING_KM):
        if (crossing.at_start and river[0]) or (crossing.at_end and river[1]):
            allowed, why = RIVER_CROSSING_KM, "up a river to a river port"
        elif canal:
            allowed, why = CANAL_CROSSING_KM, "on a leg through the Suez Canal"
        else:
            allowed, why = LAND_CROSSING_KM, "where the 1:110m outlines fill narrow water"
        if crossing.km > allowed:
            return [
                (
                    f"a {row.get('mode')} leg crossing {crossing.km:,.0f} km of land from about "
                    f"[{crossing.lon:.2f}, {crossing.lat:.2f}]; at most {allowed:,.0f} km is allowed {why}: "
                    "draw the line along the sea lane",
                    "geometry",
                )
            ]
    return []


def node_problems(nodes: Mapping[str, Mapping[str, Any]], new: Iterable[str]) -> list[tuple[str, str, str]]:
    """Nodes that nearly duplicate an earlier one.

    Linear in the number of nodes (ids grouped by case; places in a grid of
    :data:`_CELL_DEG` cells keeping one node per place), so a hostile file
    of thousands of copies costs no more than thousands of distinct nodes.

    Parameters
    ----------
    nodes : Mapping
        Every node row by id (``name``, ``country``, ``geometry``), in reading order.
    new : Iterable of str
        The ids just read; a pair is reported only when one of its nodes is new,
        under the later one.

    Returns
    -------
    list of (node id, message, field)
    """
    new = set(new)
    found = []
    first_id: dict[str, str] = {}
    places: dict[tuple[str, str, int, int], list[str]] = defaultdict(list)
    for node_id, row in nodes.items():
        other = first_id.setdefault(node_id.casefold(), node_id)
        if other != node_id and new & {other, node_id}:
            found.append((node_id, f"id {describe(node_id)} differs from node {describe(other)} only in case", "id"))
        point, name, country = row.get("geometry"), row.get("name"), row.get("country")
        if point is None or name is None or country is None:
            continue
        key = (_folded(name), country)
        other = _same_place(places, key, point.x, point.y, nodes)
        if other is None:
            places[(*key, *_cell(point.x, point.y))].append(node_id)
        elif new & {other, node_id}:
            where = nodes[other]["geometry"]
            km = great_circle_km(where.x, where.y, point.x, point.y)
            found.append(
                (
                    node_id,
                    f"same name {describe(name)} and country as node {describe(other)}, {km:,.1f} km away: "
                    f"one place declared twice? use {describe(other)}",
                    "name",
                )
            )
    return found


_CELL_DEG = 0.1  # grid cell; DUPLICATE_KM (5 km) is under 0.05° of latitude
_POLAR_LAT = 85.0  # beyond this a whole polar cap is one cell


def _cell(lon: float, lat: float) -> tuple[int, int]:
    if abs(lat) > _POLAR_LAT:
        return (9999 if lat > 0 else -9999, 0)
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)


def _same_place(
    places: Mapping[tuple[str, str, int, int], list[str]],
    key: tuple[str, str],
    lon: float,
    lat: float,
    nodes: Mapping[str, Mapping[str, Any]],
) -> str | None:
    """The earlier node of `key` (name, country) within DUPLICATE_KM of (lon, lat), or None."""
    row, col = _cell(lon, lat)
    if abs(row) == 9999:  # noqa: PLR2004
        cells = [(row, 0)]
    else:
        span = math.ceil(0.05 / max(math.cos(math.radians(min(abs(lat) + 0.2, 90.0))), 1e-3) / _CELL_DEG)
        cells = [
            (r, (c + 1800) % 3600 - 1800) for r in range(row - 1, row + 2) for c in range(col - span, col + span + 1)
        ]
        cells.extend((r, 0) for r in (9999, -9999) if abs(lat) > _POLAR_LAT - 1)
    for cell in cells:
        for other in places.get((*key, *cell), ()):
            point = nodes[other]["geometry"]
            if great_circle_km(point.x, point.y, lon, lat) < DUPLICATE_KM:
                return other
    return None


def _folded(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
