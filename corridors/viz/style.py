"""Map styles: colours and widths of corridors, modes, statuses, routes and nodes.

Shared by the map records (:mod:`corridors.viz.records`), the pydeck layers
(:mod:`corridors.viz.deck`), the legends (:mod:`corridors.viz.legend`) and
the charts (:mod:`corridors.viz.charts`), so a colour means the same thing
everywhere.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ATTRIBUTION",
    "CLOSED_COLOR",
    "CLOSED_DASH",
    "CLOSED_MARK",
    "CORRIDOR_COLORS",
    "KIND_PRIORITY",
    "LABEL_COLOR",
    "LAND_COLOR",
    "LAND_TINT",
    "MAIN_HUBS",
    "MODE_STYLE",
    "NODE_STYLE",
    "OCEAN_COLOR",
    "ROUTE_COLORS",
    "SEASON_HALO",
    "STATUS_ALPHA",
    "UNKNOWN_COLOR",
]

CORRIDOR_COLORS: dict[str, tuple[int, int, int]] = {
    "instc": (213, 94, 0),
    "emc": (0, 114, 178),
    "nsr": (0, 175, 205),
    "suez": (204, 80, 160),
    "cape": (150, 105, 40),
    "transsib": (0, 150, 70),
    "feeder": (120, 120, 120),
}
#: Colour of a corridor not in :data:`CORRIDOR_COLORS`.
UNKNOWN_COLOR: tuple[int, int, int] = (90, 90, 90)

#: Line width in pixels and dash pattern ``[dash, gap]`` per mode (``[1, 0]`` is solid).
MODE_STYLE: dict[str, dict[str, Any]] = {
    "sea": {"width": 2.0, "dash": [1, 0], "label": "sea — thin solid"},
    "rail": {"width": 4.0, "dash": [1, 0], "label": "rail — thick solid"},
    "road": {"width": 3.0, "dash": [5, 2], "label": "road — dashed"},
    "ferry": {"width": 3.0, "dash": [1.5, 2], "label": "ferry — dotted"},
    "river": {"width": 2.5, "dash": [9, 2.5], "label": "river — long dash"},
}
#: Opacity (alpha 0–255) per status.
STATUS_ALPHA: dict[str, int] = {
    "operational": 235,
    "under_construction": 150,
    "planned": 85,
}
#: Colour of the halo drawn under seasonal (ice-affected) legs.
SEASON_HALO: tuple[int, int, int, int] = (170, 215, 255, 200)

#: Colours of route alternatives 1..5 (RGB).
ROUTE_COLORS: list[tuple[int, int, int]] = [
    (230, 0, 126),
    (255, 176, 0),
    (0, 190, 150),
    (110, 70, 230),
    (40, 40, 40),
]

#: Node fill colour and radius (pixels) per kind.
NODE_STYLE: dict[str, dict[str, Any]] = {
    "seaport": {"color": (20, 60, 140), "radius": 5},
    "river_port": {"color": (40, 120, 200), "radius": 4.5},
    "rail_terminal": {"color": (30, 110, 50), "radius": 4.5},
    "border_crossing": {"color": (200, 30, 30), "radius": 4.5},
    "city": {"color": (60, 60, 60), "radius": 4.5},
    "sea_waypoint": {"color": (120, 150, 190), "radius": 2.5},
    "strait": {"color": (240, 140, 0), "radius": 4},
}

#: A leg closed in the scenario (a closed chokepoint, corridor, mode, node or leg) or out of season:
#: grey, dashed ``[dash, gap]``, whatever its corridor.
CLOSED_COLOR: tuple[int, int, int, int] = (110, 110, 110, 230)
CLOSED_DASH: list[float] = [3, 2.5]
#: Fill of the marker (a white X on a red disc) at a closed chokepoint or place.
CLOSED_MARK: tuple[int, int, int, int] = (205, 20, 30, 245)

#: Collision priority per node kind (higher: kept when markers or labels overlap at low zoom).
KIND_PRIORITY: dict[str, int] = {
    "seaport": 60,
    "city": 50,
    "river_port": 45,
    "rail_terminal": 40,
    "strait": 30,
    "border_crossing": 20,
    "sea_waypoint": 0,
}
#: The main hubs, labelled on every map (ids of the bundled network; ids a network lacks are skipped):
#: the gateways and junctions a planner looks for first.
MAIN_HUBS: tuple[str, ...] = (
    "INNSA", "INMUN", "INMAA", "INCCU", "IRBND", "IRZBR", "IRTHR", "AZBAK", "KZAAU", "TMKRW",
    "RUASF", "RUMCX", "RUMOW", "RULED", "RUMMK", "RUNVS", "RUYEK", "RUOVB", "RUIKT", "RUVVO",
    "KZALA", "UZTAS", "NLRTM", "EGPSW", "SGSIN", "CNSHA", "KRPUS", "TRAMR", "AEJEA", "LKCMB",
    "RU-SABETTA", "RUPWE", "SEA-SUEZ", "SEA-BAB-EL-MANDEB", "SEA-HORMUZ", "SEA-CAPE", "SEA-BERING",
)  # fmt: skip
#: Text colour of the place labels (a white halo is drawn round them).
LABEL_COLOR: tuple[int, int, int, int] = (25, 30, 40, 255)

#: Fill colour of land (the offline basemap) and of the sea behind it (RGBA).
LAND_COLOR: tuple[int, int, int, int] = (236, 232, 222, 255)
OCEAN_COLOR: tuple[int, int, int, int] = (214, 230, 242, 255)
#: Land over a tile basemap: a translucent tint that reads as :data:`LAND_COLOR`
#: on a white background, so the land still shows when the tiles cannot load
#: (offline), and the tiles' own land and labels show through when they do.
LAND_TINT: tuple[int, int, int, int] = (201, 190, 162, 90)

#: Attribution shown under every map.
ATTRIBUTION = (
    "Network: © OpenStreetMap contributors (ODbL); sea lanes derived from "
    "Eurostat SeaRoute; country outlines: Natural Earth (public domain)."
)

