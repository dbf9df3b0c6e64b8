"""One GeoJSON feature into a node row or a leg row, and the ids unique within a file.

A feature is a node when its properties say so (``kind``), a leg when they
name ends (``from``/``to``), otherwise by its geometry (a Point is a node).
The rows hold the columns of :data:`corridors.network.schema.NODE_COLUMNS` /
``LEG_COLUMNS`` (None where a value was invalid); :class:`FileData` collects
them for :mod:`corridors.network.registry`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corridors._errors import Collector
from corridors._text import describe
from corridors.network import schema
from corridors.network.geometry import line, point
from corridors.network.json_values import json_type
from corridors.network.properties import Budget, Feature, missing_message

__all__ = ["FileData", "Item", "add_feature"]

_MAX_SLUG = 40


@dataclass
class Item:
    """One node or leg feature: where it is and what could be read from it."""

    index: int
    row: dict[str, Any]


@dataclass
class FileData:
    """What was read from one file: its (unique) name, its nodes and legs by id, and the rest."""

    name: str
    nodes: dict[str, Item] = field(default_factory=dict)
    legs: dict[str, Item] = field(default_factory=dict)
    unregistered: list[tuple[str, Item]] = field(default_factory=list)
    """Features left out of `nodes`/`legs` (no valid id, or an id used before), as
    ``("node"|"leg", item)``: their legs' ends are still checked, in the same pass."""


def add_feature(data: FileData, index: int, raw: Any, out: Collector, budget: Budget) -> None:
    """Check one decoded feature and add it to `data` as a node or a leg.

    Parameters
    ----------
    data : FileData
        The file being read.
    index : int
        The feature's position in the file.
    raw : Any
        The decoded feature.
    out : Collector
        Where problems go.
    budget : Budget
        The file's budget.
    """
    if not isinstance(raw, dict):
        out.add(f"not a GeoJSON Feature: got {json_type(raw)}", index=index)
        return
    feature = Feature(index, raw, out, budget)
    if raw.get("type") != "Feature":
        feature.problem("type", f"expected 'Feature', got {describe(raw.get('type'))}")
    if not isinstance(raw.get("properties"), dict):
        feature.problem("properties", f"expected an object, got {json_type(raw.get('properties'))}")
    geometry = raw.get("geometry")
    kind = _geometry_kind(geometry, feature)
    if kind == "node":
        row = _node_row(feature, geometry, budget)
        if not _register(data.nodes, feature, row):
            data.unregistered.append(("node", Item(index, row)))
        _check_unique(feature, data.legs)
    else:
        row = _leg_row(feature, geometry, budget)
        if not _register(data.legs, feature, row):
            data.unregistered.append(("leg", Item(index, row)))
        _check_unique(feature, data.nodes)


def _geometry_kind(geometry: Any, feature: Feature) -> str:
    """Tell node from leg: by the properties when they are clear, else by the geometry."""
    gtype = geometry.get("type") if isinstance(geometry, dict) else None
    if "from" in feature.props or "to" in feature.props:
        kind = "leg"
    elif "kind" in feature.props:
        kind = "node"
    else:
        kind = "node" if gtype == "Point" else "leg"
    allowed = ("Point",) if kind == "node" else ("LineString", "MultiLineString")
    if gtype not in allowed:
        got = f"geometry type {describe(gtype)}" if isinstance(geometry, dict) else f"geometry {json_type(geometry)}"
        need = (
            "a node needs a Point"
            if kind == "node"
            else "a leg needs a LineString (a MultiLineString only when cut at the antimeridian)"
        )
        feature.problem("geometry", f"{got}: {need}")
    return kind


def _register(items: dict[str, Item], feature: Feature, row: dict[str, Any]) -> bool:
    """Add the row under its id; False when it has no valid id or the id is taken."""
    if feature.id is None:
        return False
    if feature.id in items:
        first = items[feature.id].index
        feature.problem("id", f"duplicate id {describe(feature.id)}: already used by feature {first}")
        return False
    items[feature.id] = Item(feature.index, row)
    return True


def _check_unique(feature: Feature, others: dict[str, Item]) -> None:
    if feature.id is not None and feature.id in others:
        first = others[feature.id].index
        feature.problem("id", f"duplicate id {describe(feature.id)}: already used by feature {first}")


def _node_row(feature: Feature, geometry: Any, budget: Budget) -> dict[str, Any]:
    row: dict[str, Any] = {"id": feature.identifier("id")}
    row["name"] = feature.text("name", required=True)
    row["country"] = feature.text("country", required=True)
    if row["country"] is not None and not schema.COUNTRY_PATTERN.fullmatch(row["country"]):
        feature.problem(
            "country",
            f"{describe(row['country'])} is not an ISO 3166-1 alpha-2 code "
            f"(two capital letters; {schema.SEA_COUNTRY} for international waters)",
        )
    row["kind"] = feature.text("kind", required=True, choices=schema.NODE_KINDS)
    row["source"] = feature.text("source", required=True)
    row["chokepoint"] = feature.text("chokepoint", required=False, choices=schema.CHOKEPOINTS)
    row["note"] = feature.text("note", required=False)
    feature.typos(schema.NODE_FIELDS)
    row["geometry"] = point(feature, geometry, budget)
    return row


def _leg_row(feature: Feature, geometry: Any, budget: Budget) -> dict[str, Any]:
    row: dict[str, Any] = {"id": feature.identifier("id")}
    row["from"] = feature.identifier("from")
    row["to"] = feature.identifier("to")
    if row["from"] is not None and row["from"] == row["to"]:
        feature.problem("to", f"same node as 'from' ({describe(row['to'])}): a leg joins two nodes")
    row["mode"] = feature.text("mode", required=True, choices=schema.MODES)
    row["corridor"] = feature.text("corridor", required=True, choices=schema.CORRIDORS)
    row["services"] = _services(feature, row["corridor"])
    instc = row["corridor"] == "instc"
    row["branch"] = feature.text(
        "branch", required=False, choices=schema.INSTC_BRANCHES if instc else None, what="INSTC branch"
    )
    row["status"] = feature.text("status", required=True, choices=schema.STATUSES)
    row["source"] = feature.text("source", required=True)
    row["chokepoints"] = feature.text_list("chokepoints", schema.CHOKEPOINTS, what="chokepoint")
    row.update(_gauge(feature, row["mode"]))
    row["season"] = feature.text("season", required=False, choices=schema.SEASONS)
    row["published_km"] = feature.number("published_km")
    row["published_nm"] = feature.number("published_nm")
    row["published_source"] = feature.text("published_source", required=False)
    row["ice_area"] = _slug(feature, "ice_area")
    row["note"] = feature.text("note", required=False)
    feature.typos(schema.LEG_FIELDS)
    row["geometry"] = line(feature, geometry, budget)
    return row


def _slug(feature: Feature, name: str) -> str | None:
    """An optional lowercase slug (:data:`corridors.network.schema.SLUG_PATTERN`, at most 40 characters)."""
    value = feature.text(name, required=False)
    if value is not None and (len(value) > _MAX_SLUG or not schema.SLUG_PATTERN.fullmatch(value)):
        feature.problem(
            name,
            f"{describe(value)} is not a slug: lowercase letters and digits in words joined by '-' "
            f"(e.g. 'kara-sw'), at most {_MAX_SLUG} characters",
        )
        return None
    return value


def _services(feature: Feature, corridor: str | None) -> list[str]:
    """The other corridors whose services share the leg (optional; ``[]`` when absent)."""
    if feature.props.get("services") is None:
        return []
    found = feature.text_list("services", schema.CORRIDORS, what="corridor")
    if found is not None and corridor in found:
        feature.problem("services", f"lists the leg's own corridor {describe(corridor)}: name only the others")
        return []
    return found or []


def _gauge(feature: Feature, mode: str | None) -> dict[str, Any]:
    has_gauge = feature.props.get("gauge_mm") is not None
    has_dual = feature.props.get("dual_gauge") is not None
    if mode is not None and mode != "rail":
        for name, present in (("gauge_mm", has_gauge), ("dual_gauge", has_dual)):
            if present:
                feature.problem(name, f"only rail legs have a gauge (this leg's mode is {mode!r})")
        return {"gauge_mm": None, "dual_gauge": False}
    gauge = None
    if mode == "rail":
        if has_gauge:
            gauge = feature.integer("gauge_mm", schema.GAUGES_MM)
        else:
            feature.problem("gauge_mm", missing_message("gauge_mm", feature.props) + " (rail legs need it)")
    dual = feature.boolean("dual_gauge")
    if dual and gauge is not None and gauge != schema.DUAL_GAUGE_MM:
        feature.problem("dual_gauge", f"a dual-gauge leg must declare gauge_mm {schema.DUAL_GAUGE_MM}")
    return {"gauge_mm": gauge, "dual_gauge": bool(dual)}
