"""Place labels and declutter priorities for the map.

Labels name the places of the chosen route and the main hubs
(:data:`~corridors.viz.style.MAIN_HUBS`), never every node. Each label and
each node marker carries a collision priority (``pr``, -1000..1000): the deck
hides the lower of two that overlap on screen (deck.gl's
``CollisionFilterExtension``), so at a low zoom Vladivostok is shown and
Ussuriysk and Vostochny beside it are not, and zooming in brings them back.

Priority order, highest first: the origin and destination, the other
places of the focused route (its transfer points before the places it only
passes), the main hubs, then by kind (:data:`~corridors.viz.style.KIND_PRIORITY`)
and by how many legs meet there.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from corridors.viz.style import KIND_PRIORITY, MAIN_HUBS

__all__ = ["declutter", "label_records", "node_priority", "prioritised_nodes", "short_name"]

_END = 1000
_ROUTE = 800
_HUB = 400
_MAX_DEGREE_BONUS = 30


def short_name(name: str) -> str:
    """A place's name for a label: the part before a parenthesis (``"Baku (Port of Baku, Alat)"`` → ``"Baku"``)."""
    text = str(name).strip()
    head = text.split(" (", 1)[0].strip()
    return head or text


def node_priority(
    node_id: str,
    kind: str,
    *,
    degree: int = 0,
    route: Sequence[str] = (),
    ends: Iterable[str] = (),
    hubs: Iterable[str] = MAIN_HUBS,
) -> int:
    """The collision priority of a node's marker or label (higher: kept when they overlap).

    Parameters
    ----------
    node_id, kind
        The node.
    degree
        Legs meeting at the node.
    route
        Node ids of the focused route, in order.
    ends
        The origin and destination ids.
    hubs
        The main hubs' ids.

    Returns
    -------
    int
        In -1000..1000.
    """
    if node_id in set(ends):
        return _END
    base = KIND_PRIORITY.get(kind, 10) + min(degree, _MAX_DEGREE_BONUS)
    if node_id in route:
        return _ROUTE + base // 2
    if node_id in set(hubs):
        return _HUB + base
    return base


def prioritised_nodes(
    nodes: Sequence[dict[str, Any]],
    kinds: Mapping[str, str],
    degrees: Mapping[str, int],
    *,
    route: Sequence[str] = (),
    ends: Iterable[str] = (),
) -> list[dict[str, Any]]:
    """Node records with a collision priority ``pr`` (copies; the records given are not changed).

    Parameters
    ----------
    nodes
        Records from :func:`~corridors.viz.records.node_records`.
    kinds, degrees
        Node id -> kind, and -> number of legs meeting there.
    route, ends
        As in :func:`node_priority`.

    Returns
    -------
    list of dict
        Each record with ``pr`` added.
    """
    ends = set(ends)
    return [
        {**n, "pr": node_priority(n["id"], kinds.get(n["id"], ""), degree=degrees.get(n["id"], 0), route=route, ends=ends)}
        for n in nodes
    ]


def label_records(
    nodes: Sequence[dict[str, Any]],
    kinds: Mapping[str, str],
    degrees: Mapping[str, int],
    *,
    route: Sequence[str] = (),
    ends: Iterable[str] = (),
    hubs: Iterable[str] = MAIN_HUBS,
) -> list[dict[str, Any]]:
    """Labels for the route's places and the main hubs, highest priority first.

    Parameters
    ----------
    nodes
        Node records (``id``, ``name``, ``pos``).
    kinds, degrees
        Node id -> kind, and -> number of legs meeting there.
    route
        Node ids of the focused route, in order (sea waypoints are not labelled).
    ends
        Origin and destination ids (always labelled, bold).
    hubs
        Main hub ids (labelled on every map).

    Returns
    -------
    list of dict
        ``{"id", "pos", "text", "pr", "size"}``: font size 15 (ends),
        13 (route) or 12 (hubs).
    """
    ends, hubs = set(ends), set(hubs)
    wanted = ends | {n for n in route if kinds.get(n) != "sea_waypoint"} | hubs
    out = []
    for n in nodes:
        node_id = n["id"]
        if node_id not in wanted:
            continue
        pr = node_priority(node_id, kinds.get(node_id, ""), degree=degrees.get(node_id, 0), route=route, ends=ends, hubs=hubs)
        size = 15 if node_id in ends else 13 if node_id in route else 12
        out.append({"id": node_id, "pos": list(n["pos"]), "text": short_name(n.get("name", node_id)), "pr": pr, "size": size})
    out.sort(key=lambda r: -r["pr"])
    return out


def _box(label: Mapping[str, Any], x: float, y: float) -> tuple[float, float, float, float]:
    size = float(label.get("size", 12))
    width = 0.62 * size * len(str(label.get("text", ""))) + 4
    return (x + 6, y - 0.7 * size, x + 10 + width, y + 0.7 * size)


def _facing(pos: Sequence[float], lon0: float, lat0: float) -> bool:
    """Whether a point is on the near side of a globe looked at from above (lon0, lat0)."""
    lon, lat = math.radians(float(pos[0])), math.radians(float(pos[1]))
    phi0 = math.radians(lat0)
    cos_angle = math.sin(phi0) * math.sin(lat) + math.cos(phi0) * math.cos(lat) * math.cos(lon - math.radians(lon0))
    return cos_angle > 0.0


def declutter(
    labels: Sequence[dict[str, Any]], view: Mapping[str, float], *, globe: bool = False, width: int = 940, height: int = 560
) -> list[dict[str, Any]]:
    """The labels that fit at the view's zoom: each one dropped if its box overlaps a higher-priority one.

    Parameters
    ----------
    labels
        From :func:`label_records` (highest priority first).
    view
        The view the map is sent (``longitude, latitude, zoom``).
    globe
        A GlobeView view (its scale at the centre's latitude; see :mod:`corridors.viz.framing`).
        A label on the far side of the globe is dropped: the label layer draws
        over the sphere (it is never hidden by the land's surface), so it would
        show through the planet.
    width, height
        The panel's size; labels far outside it are dropped too.

    Returns
    -------
    list of dict
        The labels kept, in the same order.
    """
    zoom, lon0, lat0 = float(view["zoom"]), float(view["longitude"]), float(view["latitude"])
    if globe:
        lat_c = max(min(lat0, 85.05), -85.05)
        per_deg = 256.0 * 2.0**zoom / (math.pi * math.cos(math.radians(lat_c))) * math.pi / 180.0

        def project(lon: float, lat: float) -> tuple[float, float]:
            return ((lon - lon0) * per_deg * math.cos(math.radians(lat)), (lat0 - lat) * per_deg)
    else:
        scale = 512.0 * 2.0**zoom

        def merc(phi: float) -> float:
            return math.log(math.tan(math.pi / 4 + math.radians(max(min(phi, 85.0), -85.0)) / 2))

        def project(lon: float, lat: float) -> tuple[float, float]:
            return ((lon - lon0) / 360.0 * scale, -(merc(lat) - merc(lat0)) / (2 * math.pi) * scale)

    kept: list[dict[str, Any]] = []
    boxes: list[tuple[float, float, float, float]] = []
    for label in labels:
        if globe and not _facing(label["pos"], lon0, lat0):
            continue
        x, y = project(float(label["pos"][0]), float(label["pos"][1]))
        if abs(x) > width or abs(y) > height:
            continue
        box = _box(label, x, y)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        kept.append(label)
        boxes.append(box)
    return kept
