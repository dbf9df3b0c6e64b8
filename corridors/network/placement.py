"""Whether a node lies in the country it names, against the bundled country outlines.

A node whose ``country`` is an ISO 3166-1 alpha-2 code (not a ``sea_waypoint``
or ``strait``, which lie at sea) must lie within :data:`TOLERANCE_KM` of that
country's polygons in the offline basemap (:data:`corridors._paths.BASEMAP_PATH`,
Natural Earth 1:110m, property ``iso_a3``). A node farther away has a wrong
position or a wrong country; the commonest cause, lon and lat swapped while
both stay in range (Nhava Sheva at ``[18.95, 72.95]``, in the Barents Sea),
is named when the swapped position would lie in that country.

The code is mapped to alpha-3 with :mod:`pycountry`; a basemap feature whose
``iso_a3`` is ``-99`` (Natural Earth's "no code", e.g. Kosovo, and France and
Norway in some releases) is matched by name instead. A country the basemap
does not hold (Singapore, Hong Kong, small islands) is not checked, and a
missing or unreadable basemap skips the check: it is an aid, not a requirement.

When: :func:`corridors.network.read.read_all` runs the check with the land check
(:meth:`corridors.network.registry.Registry.check_nodes`): on the bundled network and
on an upload added to it, not on a standalone or operator's file, which may be schematic.

Cost: the basemap is read once per process and a country's outlines are built
the first time a node names it. A node inside its country's polygons, or within
``TOLERANCE_KM / 112`` degrees of them, costs one vectorised test (the bundled
network: about 6 ms for its 200 nodes); only the others are measured, as
arrays, against the country's edges (:func:`_distances_km`; 20,000 misplaced
nodes, an upload at the feature limit: 1-3 s).
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from corridors._paths import BASEMAP_PATH
from corridors._text import describe

__all__ = ["AT_SEA_KINDS", "TOLERANCE_KM", "placement_problems"]

TOLERANCE_KM = 150.0
"""How far (km) a node may lie outside its country's 1:110m polygons. The outlines are
coarse (a coast is generalised by tens of km; a port or a border crossing sits on the edge)
and leave out small islands; the bundled nodes lie at most about 50 km outside. A node
placed in the wrong country, or with lon and lat swapped, is usually hundreds of km out."""

AT_SEA_KINDS = ("sea_waypoint", "strait")
"""Node kinds that lie at sea and are not checked."""

_KM_PER_DEG_MAX = 112.0  # a lon/lat distance of d degrees is at most 112 * d km
_EDGE_DEG = 1.0  # edges are densified to this before they are taken as great-circle arcs
_EARTH_KM = 6371.0088  # mean radius
_BLOCK = 2_000_000  # positions x edges measured at once
_ALPHA_2 = re.compile(r"[A-Z]{2}")


def placement_problems(
    nodes: Mapping[str, Mapping[str, Any]], new: Iterable[str], path: Path | None = None
) -> list[tuple[str, str, str]]:
    """The nodes of `new` that lie far outside the country they name.

    Parameters
    ----------
    nodes : Mapping
        Every node row by id (``country``, ``kind``, ``geometry``).
    new : Iterable of str
        The ids to check (those just read).
    path : Path or None
        The country outlines (default: the bundled basemap).

    Returns
    -------
    list of (node id, message, field)
        In the order of `new`; empty when the outlines cannot be read.
    """
    basemap = str(path or BASEMAP_PATH)
    if _countries(basemap) is None:
        return []
    by_country: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for node_id in new:
        row = nodes.get(node_id) or {}
        point, code = row.get("geometry"), row.get("country")
        if point is None or row.get("kind") in AT_SEA_KINDS or not isinstance(code, str):
            continue
        if _ALPHA_2.fullmatch(code) and not point.is_empty and np.isfinite([point.x, point.y]).all():
            by_country[code].append((node_id, float(point.x), float(point.y)))
    found: dict[str, tuple[str, str, str]] = {}
    for code, places in by_country.items():
        country = _country(basemap, code)
        if country is None:
            continue
        ids, lons, lats = _outside(country, places)
        km = _distances_km(country, lons, lats)
        far = km > TOLERANCE_KM
        ids, lons, lats, km = [ids[i] for i in np.flatnonzero(far)], lons[far], lats[far], km[far]
        swappable = np.abs(lons) <= 90  # noqa: PLR2004
        swapped = np.full(len(ids), np.inf)
        swapped[swappable] = _distances_km(country, lats[swappable], lons[swappable])
        for node_id, distance, swap_km in zip(ids, km.tolist(), swapped.tolist(), strict=True):
            message = (
                f"node {describe(node_id)} lies about {distance:,.0f} km outside {country.name} "
                f"(country {describe(code)})"
            )
            if swap_km <= TOLERANCE_KM:
                message += f" — are lon and lat swapped? swapped it would be in {country.name}"
            else:
                message += f", more than the {TOLERANCE_KM:,.0f} km allowed: check its position and its country"
            found[node_id] = (node_id, message, "geometry")
    return [found[node_id] for node_id in dict.fromkeys(new) if node_id in found]


def _outside(country: _Country, places: list[tuple[str, float, float]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The ids, lons and lats of the `places` neither inside `country` nor surely within
    the tolerance of it (by a planar distance in degrees, at most 112 km each)."""
    xs = np.array([lon for _, lon, _ in places])
    ys = np.array([lat for _, _, lat in places])
    ok = shapely.contains_xy(country.whole, xs, ys)
    if not ok.all():
        points = shapely.points(xs[~ok], ys[~ok])
        ok[~ok] = shapely.distance(country.whole, points) * _KM_PER_DEG_MAX <= TOLERANCE_KM
    return [places[i][0] for i in np.flatnonzero(~ok)], xs[~ok], ys[~ok]


def _distances_km(country: _Country, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Distance (km, on the sphere) from each position to the nearest polygon of `country`, 0 inside.

    Every edge (densified to :data:`_EDGE_DEG`) is taken as a great-circle arc: the
    distance to it is the distance to its plane when the foot of the perpendicular
    falls on the arc, else to its nearer end. Exact on the sphere (within 0.5% of the
    ellipsoid), at any distance, across the antimeridian and near the poles; the
    positions are measured in blocks of numpy arrays.
    """
    km = np.zeros(len(lons))
    outside = ~shapely.contains_xy(country.whole, lons, lats)
    todo = np.flatnonzero(outside)
    if not len(todo):
        return km
    edges = len(country.edges) // 4
    block = max(1, _BLOCK // max(edges, 1))
    for first in range(0, len(todo), block):
        rows = todo[first : first + block]
        # one product for the four dot products (float32: a few metres at the tolerance)
        dots = _unit(lons[rows], lats[rows]).astype(np.float32) @ country.edges.T
        cos_vertex, sine, after_start, before_end = (dots[:, i * edges : (i + 1) * edges] for i in range(4))
        near_vertex = np.arccos(np.clip(cos_vertex.max(axis=1), -1.0, 1.0))
        on_arc = (after_start >= 0) & (before_end >= 0)
        sine_min = np.where(on_arc, np.abs(sine), 2.0).min(axis=1)  # 2: on no arc
        to_arc = np.where(sine_min <= 1.0, np.arcsin(np.minimum(sine_min, 1.0)), np.inf)
        km[rows] = np.minimum(near_vertex, to_arc) * _EARTH_KM
    return km


def _unit(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """Unit vectors (n, 3) of lon/lat positions."""
    lon, lat = np.radians(lons), np.radians(lats)
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)


def _edges(parts: np.ndarray) -> np.ndarray:
    """The polygons' edges as great-circle arcs A-B, a (4 m, 3) float32 array: the unit
    vectors A of the edges' first ends, their planes' unit normals N, N x A and B x N."""
    rings = shapely.get_rings(shapely.segmentize(parts, _EDGE_DEG))
    coords, ring_of = shapely.get_coordinates(rings, return_index=True)
    same_ring = ring_of[:-1] == ring_of[1:]
    a, b = _unit(*coords[:-1][same_ring].T), _unit(*coords[1:][same_ring].T)
    cross = np.cross(a, b)
    length = np.linalg.norm(cross, axis=1)
    keep = length > 0  # a repeated position is no edge (its end is still a vertex)
    a, b, normals = a[keep], b[keep], cross[keep] / length[keep, None]
    return np.concatenate([a, normals, np.cross(normals, a), np.cross(b, normals)]).astype(np.float32)


class _Country:
    """A basemap country: its display name, its polygons, their prepared union and (built
    only when a position is measured) their edges as great-circle arcs (:func:`_edges`)."""

    def __init__(self, name: str, parts: np.ndarray) -> None:
        self.name = name
        self.parts = parts
        self.whole = shapely.multipolygons(list(parts))
        shapely.prepare(self.whole)

    @functools.cached_property
    def edges(self) -> np.ndarray:
        """See :func:`_edges`."""
        return _edges(self.parts)


@functools.lru_cache(maxsize=512)
def _country(path: str, code: str) -> _Country | None:
    """The basemap country of alpha-2 `code` (read from `path` once), or None: not a
    country, not in the basemap, or not a polygon there."""
    import pycountry  # noqa: PLC0415 (a few ms; only once a node names a country)

    countries, entry = _countries(path), pycountry.countries.get(alpha_2=code)
    if countries is None or entry is None:
        return None
    by_code, by_name = countries
    found = by_code.get(entry.alpha_3)
    for label in (getattr(entry, attr, None) for attr in ("name", "common_name", "official_name")):
        if found is None and label:
            found = by_name.get(label.casefold())
    if found is None:
        return None
    name, geometry = found
    parts = shapely.get_parts(geometry)
    parts = parts[shapely.get_type_id(parts) == 3]  # noqa: PLR2004 (polygons)
    return _Country(name, parts) if len(parts) else None


_Countries = tuple[dict[str, tuple[str, shapely.Geometry]], dict[str, tuple[str, shapely.Geometry]]]


@functools.lru_cache(maxsize=2)
def _countries(path: str) -> _Countries | None:
    """``(by iso_a3, by casefolded name of a feature without a code)``: the display name
    and geometry of each basemap country; None when the file cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        doc = json.loads(text)
        geometries = shapely.get_parts(shapely.from_geojson(text))  # in the features' order
        by_code: dict[str, tuple[str, shapely.Geometry]] = {}
        by_name: dict[str, tuple[str, shapely.Geometry]] = {}
        for feature, geometry in zip(doc["features"], geometries, strict=True):
            props = feature.get("properties") or {}
            name, code = str(props.get("name") or ""), str(props.get("iso_a3") or "-99")
            entry = (name or code, geometry)
            if code != "-99":
                by_code.setdefault(code, entry)
            elif name:
                by_name.setdefault(name.casefold(), entry)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError, shapely.errors.GEOSException):
        return None
    return by_code, by_name
