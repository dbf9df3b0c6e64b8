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

Cost: the basemap is read once per process; a node inside its country's
polygons, or within ``TOLERANCE_KM / 112`` degrees of them, costs one
vectorised test, so only the few nodes near the limit or beyond it are
measured exactly.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import shape

from corridors._paths import BASEMAP_PATH
from corridors._text import describe
from corridors.network.geodesy import great_circle_km

__all__ = ["AT_SEA_KINDS", "TOLERANCE_KM", "placement_problems"]

TOLERANCE_KM = 150.0
"""How far (km) a node may lie outside its country's 1:110m polygons. The outlines are
coarse (a coast is generalised by tens of km; a port or a border crossing sits on the edge)
and leave out small islands; the bundled nodes lie at most about 50 km outside. A node
placed in the wrong country, or with lon and lat swapped, is usually hundreds of km out."""

AT_SEA_KINDS = ("sea_waypoint", "strait")
"""Node kinds that lie at sea and are not checked."""

_KM_PER_DEG_MAX = 112.0  # a lon/lat distance of d degrees is at most 112 * d km
_MIN_COS = 0.05  # the local frame's lon scale near the poles
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
    countries = _countries(str(path or BASEMAP_PATH))
    if countries is None:
        return []
    by_country: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for node_id in new:
        row = nodes.get(node_id) or {}
        point, code = row.get("geometry"), row.get("country")
        if point is None or row.get("kind") in AT_SEA_KINDS or not isinstance(code, str):
            continue
        if _ALPHA_2.fullmatch(code) and not point.is_empty:
            by_country[code].append((node_id, float(point.x), float(point.y)))
    found: dict[str, tuple[str, str, str]] = {}
    for code, places in by_country.items():
        country = _country(countries, code)
        if country is None:
            continue
        for node_id, lon, lat in _outside(country, places):
            km = _distance_km(country, lon, lat)
            if km <= TOLERANCE_KM:
                continue
            name = country.name
            message = f"node {describe(node_id)} lies about {km:,.0f} km outside {name} (country {describe(code)})"
            if abs(lon) <= 90 and _distance_km(country, lat, lon) <= TOLERANCE_KM:  # noqa: PLR2004
                message += f" — are lon and lat swapped? swapped it would be in {name}"
            else:
                message += f", more than the {TOLERANCE_KM:,.0f} km allowed: check its position and its country"
            found[node_id] = (node_id, message, "geometry")
    return [found[node_id] for node_id in dict.fromkeys(new) if node_id in found]


def _outside(country: _Country, places: list[tuple[str, float, float]]) -> list[tuple[str, float, float]]:
    """The `places` neither inside `country` nor surely within the tolerance of it (vectorised)."""
    xs = np.array([lon for _, lon, _ in places])
    ys = np.array([lat for _, _, lat in places])
    whole = country.whole
    inside = shapely.contains_xy(whole, xs, ys)
    near = np.zeros_like(inside)
    if not inside.all():
        points = shapely.points(xs[~inside], ys[~inside])
        near[~inside] = shapely.distance(whole, points) * _KM_PER_DEG_MAX <= TOLERANCE_KM
    return [place for place, ok in zip(places, inside | near, strict=True) if not ok]


def _distance_km(country: _Country, lon: float, lat: float) -> float:
    """Distance (km) from (lon, lat) to the nearest polygon of `country`, 0 inside.

    The nearest point is found in a local frame centred on the position (lon scaled
    by cos(lat), each part moved by 360° to the node's side of the antimeridian);
    the distance to it is geodesic.
    """
    if shapely.contains_xy(country.whole, lon, lat):
        return 0.0
    parts = country.parts
    centres = shapely.get_coordinates(shapely.centroid(parts))[:, 0]
    shifts = np.round((lon - centres) / 360.0) * 360.0
    scale = max(math.cos(math.radians(lat)), _MIN_COS)
    local = [
        shapely.transform(part, lambda xy, shift=shift: (xy - [lon - shift, lat]) * [scale, 1.0])
        for part, shift in zip(parts, shifts, strict=True)
    ]
    origin = shapely.points(0.0, 0.0)
    distances = shapely.distance(origin, local)
    best = int(np.argmin(distances))
    if distances[best] == 0.0:
        return 0.0  # inside a part moved across the antimeridian
    x, y = shapely.get_coordinates(shapely.shortest_line(origin, local[best]))[1]
    return great_circle_km(lon, lat, lon + x / scale, lat + y)


@dataclass(frozen=True)
class _Country:
    """A basemap country: its display name, its polygons and their prepared union."""

    name: str
    parts: np.ndarray
    whole: shapely.Geometry


def _country(countries: _Countries, code: str) -> _Country | None:
    """The display name and polygons of alpha-2 `code`, or None (not a country, or not in the basemap)."""
    import pycountry  # noqa: PLC0415 (a few ms; only once a node names a country)

    entry = pycountry.countries.get(alpha_2=code)
    if entry is None:
        return None
    by_code, by_name = countries
    if entry.alpha_3 in by_code:
        return by_code[entry.alpha_3]
    for label in (getattr(entry, attr, None) for attr in ("name", "common_name", "official_name")):
        if label and label.casefold() in by_name:
            return by_name[label.casefold()]
    return None


_Countries = tuple[dict[str, _Country], dict[str, _Country]]


@functools.lru_cache(maxsize=2)
def _countries(path: str) -> _Countries | None:
    """``(by iso_a3, by casefolded name of a feature without a code)``: each basemap
    country; None when the file cannot be read."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        by_code: dict[str, _Country] = {}
        by_name: dict[str, _Country] = {}
        for feature in doc["features"]:
            props = feature.get("properties") or {}
            geometry = shape(feature["geometry"])
            parts = shapely.get_parts(geometry)
            parts = parts[shapely.get_type_id(parts) == 3]  # noqa: PLR2004 (polygons)
            if not len(parts):
                continue
            name, code = str(props.get("name") or ""), str(props.get("iso_a3") or "-99")
            whole = shapely.multipolygons(list(parts))
            shapely.prepare(whole)
            entry = _Country(name or code, parts, whole)
            if code != "-99":
                by_code.setdefault(code, entry)
            elif name:
                by_name.setdefault(name.casefold(), entry)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError,
            shapely.errors.GEOSException):
        return None
    return by_code, by_name
