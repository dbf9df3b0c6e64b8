"""Allowed values of the corridor GeoJSON schema.

This module is the single source of truth for the validator
(:mod:`corridors.network.read`) and for every other module that needs the vocabulary
(modes, statuses, corridors, chokepoints, ...). See ``docs/architecture.md``
for the meaning of each field.
"""

from __future__ import annotations

import re
from types import MappingProxyType

__all__ = [
    "CHOKEPOINTS",
    "CHOKEPOINT_NAMES",
    "CORRIDORS",
    "CORRIDOR_NAMES",
    "CORRIDOR_TITLES",
    "COUNTRY_PATTERN",
    "CRS",
    "DUAL_GAUGE_MM",
    "ENDPOINT_TOLERANCE_DEG",
    "GAUGES_MM",
    "GRAPH_NAME",
    "ID_PATTERN",
    "INSTC_BRANCHES",
    "LEG_COLUMNS",
    "LEG_FIELDS",
    "LEG_OPTIONAL",
    "LEG_REQUIRED",
    "MAX_TEXT_LENGTH",
    "MODES",
    "NODE_COLUMNS",
    "NODE_FIELDS",
    "NODE_KINDS",
    "NODE_OPTIONAL",
    "NODE_REQUIRED",
    "POSITION_TOLERANCE_DEG",
    "RAIL_REQUIRED",
    "SEASONS",
    "SEA_COUNTRY",
    "SLUG_PATTERN",
    "STATUSES",
    "chokepoint_name",
    "corridor_name",
]

MODES = ("sea", "rail", "road", "ferry", "river")
"""Transport mode of a leg."""

STATUSES = ("operational", "under_construction", "planned")
"""Status of a leg."""

NODE_KINDS = (
    "seaport",
    "river_port",
    "rail_terminal",
    "border_crossing",
    "city",
    "sea_waypoint",
    "strait",
)
"""Kind of a node."""

CORRIDOR_NAMES = MappingProxyType(
    {
        "instc": "INSTC",
        "emc": "EMC",
        "nsr": "NSR",
        "suez": "Suez",
        "cape": "Cape",
        "transsib": "Trans-Siberian",
        "feeder": "feeder",
    }
)
"""Short display name of each corridor key (route labels, messages)."""

CORRIDOR_TITLES = MappingProxyType(
    {
        "instc": "INSTC (International North–South Transport Corridor)",
        "emc": "Chennai–Vladivostok (Eastern Maritime Corridor)",
        "nsr": "Northern Sea Route",
        "suez": "Suez route (Europe ↔ Asia by sea)",
        "cape": "Cape of Good Hope route",
        "transsib": "Trans-Siberian railway",
        "feeder": "Feeder / connection",
    }
)
"""Long display name of each corridor key (map legends)."""

CORRIDORS = tuple(CORRIDOR_NAMES)
"""Corridor a leg belongs to (``emc``: Eastern Maritime Corridor, Chennai–Vladivostok)."""

INSTC_BRANCHES = ("western", "trans-caspian", "eastern", "chabahar", "sea", "common")
"""Branch of an INSTC leg (``sea``: the India–Iran sea leg shared by all; ``common``:
the Iranian rail trunk shared by the land branches, e.g. Bandar Abbas–Tehran–Qazvin)."""

CHOKEPOINT_NAMES = MappingProxyType(
    {
        "suez": "Suez",
        "bab-el-mandeb": "Bab-el-Mandeb",
        "hormuz": "Hormuz",
        "malacca": "Malacca",
        "cape-of-good-hope": "Cape of Good Hope",
        "gibraltar": "Gibraltar",
        "dover": "Dover Strait",
        "danish-straits": "Danish Straits",
        "korea-strait": "Korea Strait",
        "kara-gates": "Kara Gates",
        "vilkitsky": "Vilkitsky Strait",
        "bering": "Bering Strait",
        "volga-caspian-canal": "Volga-Caspian canal",
        "turkish-straits": "Turkish Straits (Bosporus, Dardanelles)",
    }
)
"""Display name of each chokepoint key."""

CHOKEPOINTS = tuple(CHOKEPOINT_NAMES)
"""Chokepoint keys (leg ``chokepoints`` list, strait node ``chokepoint``)."""

GAUGES_MM = (1435, 1520)
"""Rail gauges in mm (1435 standard, 1520 Russian/Central Asian broad gauge)."""

DUAL_GAUGE_MM = 1520
"""The ``gauge_mm`` a dual-gauge leg (``dual_gauge: true``) declares."""

SEASONS = ("nsr", "north-caspian")
"""Seasonal availability rules a leg can be subject to."""

SEA_COUNTRY = "XX"
"""``country`` of a sea waypoint in international waters."""

NODE_REQUIRED = ("id", "name", "country", "kind", "source")
NODE_OPTIONAL = ("chokepoint", "note")
NODE_FIELDS = NODE_REQUIRED + NODE_OPTIONAL
"""Properties of a node (Point) feature."""

LEG_REQUIRED = ("id", "from", "to", "mode", "corridor", "status", "source", "chokepoints")
LEG_OPTIONAL = (
    "services",
    "branch",
    "gauge_mm",
    "dual_gauge",
    "season",
    "published_km",
    "published_nm",
    "published_source",
    "ice_area",
    "note",
)
LEG_FIELDS = LEG_REQUIRED + LEG_OPTIONAL
"""Properties of a leg (LineString) feature."""

RAIL_REQUIRED = ("gauge_mm",)
"""Properties required on rail legs only (``gauge_mm`` is not allowed on other modes)."""

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}")
"""A node or leg id: letters, digits, ``_ . : -``, at most 80 characters, no spaces."""

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A lowercase slug (``kara-sw``, ``north-caspian``): the leg property ``ice_area``, whose
value the model checks against its known ice areas (the network layer checks only the form)."""

COUNTRY_PATTERN = re.compile(r"[A-Z]{2}")
"""ISO 3166-1 alpha-2 (``XX`` for international waters)."""

MAX_TEXT_LENGTH = 2000
"""Longest accepted text property (names, sources)."""

ENDPOINT_TOLERANCE_DEG = 1e-4
"""A leg geometry's end must be this close (degrees) to its ``from``/``to`` node."""

POSITION_TOLERANCE_DEG = 1e-6
"""Two files declaring the same node must agree on its position within this (degrees)."""

CRS = "EPSG:4326"
GRAPH_NAME = "corridors"

# Column -> kind for the node and leg GeoDataFrames, in column order (the
# geometry column comes last). Kinds: "str" (text, missing = NaN/None),
# "float", "int" (nullable Int64), "bool", "list" (list of str).
NODE_COLUMNS = MappingProxyType(
    {
        "name": "str",
        "country": "str",
        "kind": "str",
        "source": "str",
        "chokepoint": "str",
        "note": "str",
        "x": "float",
        "y": "float",
        "corridors": "list",
        "files": "list",
    }
)
"""Columns of a nodes GeoDataFrame (index ``id``), in order."""

LEG_COLUMNS = MappingProxyType(
    {
        "from": "str",
        "to": "str",
        "mode": "str",
        "corridor": "str",
        "services": "list",
        "branch": "str",
        "status": "str",
        "source": "str",
        "chokepoints": "list",
        "gauge_mm": "int",
        "dual_gauge": "bool",
        "season": "str",
        "published_km": "float",
        "published_nm": "float",
        "published_source": "str",
        "ice_area": "str",
        "note": "str",
        "length_km": "float",
        "length_nm": "float",
        "file": "str",
    }
)
"""Columns of a legs GeoDataFrame (index ``id``), in order."""


def corridor_name(key: str) -> str:
    """Return the short display name of a corridor key (``"transsib"`` -> ``"Trans-Siberian"``)."""
    return CORRIDOR_NAMES.get(key, key)


def chokepoint_name(key: str) -> str:
    """Return the display name of a chokepoint key (``"bab-el-mandeb"`` -> ``"Bab-el-Mandeb"``)."""
    return CHOKEPOINT_NAMES.get(key, key)
