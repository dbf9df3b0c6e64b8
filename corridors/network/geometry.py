"""Checks on a feature's geometry: a node's Point, a leg's LineString (or antimeridian cut).

Positions must be ``[longitude, latitude]`` (an altitude is allowed), finite
and in range; a position with ``|lat| > 90`` and ``|lon| <= 90`` is reported
as "looks like [lat, lon] order". An uncut LineString must not jump across
the antimeridian; a MultiLineString is only a line cut there (RFC 7946
§3.1.9). The file's :class:`~corridors.network.properties.Budget` caps the
positions per geometry, the lines per MultiLineString and the positions per file.
"""

from __future__ import annotations

from typing import Any

from shapely.geometry import LineString, MultiLineString, Point

from corridors.network.geodesy import crossing_segments, is_antimeridian_cut
from corridors.network.json_values import finite, json_type
from corridors.network.properties import Budget, Feature

__all__ = ["line", "point"]

_MAX_POSITION_PROBLEMS = 3


def point(feature: Feature, geometry: Any, budget: Budget) -> Point | None:
    """A node's Point, or None (after recording the problems) when it is not a valid one.

    Parameters
    ----------
    feature : Feature
        The feature the geometry belongs to (problems go there).
    geometry : Any
        The decoded ``geometry`` member.
    budget : Budget
        The file's budget (one position is used).

    Returns
    -------
    shapely.geometry.Point or None
        None too when `geometry` is not a Point (already reported by the caller).
    """
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    coords = geometry.get("coordinates")
    budget.used += 1
    problems: list[str] = []
    position = _position(coords, None, problems)
    _report_positions(feature, problems)
    return None if position is None else Point(position)


def line(feature: Feature, geometry: Any, budget: Budget) -> LineString | MultiLineString | None:
    """A leg's LineString, or MultiLineString cut at the antimeridian; None when invalid.

    Parameters
    ----------
    feature : Feature
        The feature the geometry belongs to (problems go there).
    geometry : Any
        The decoded ``geometry`` member.
    budget : Budget
        The file's budget (its positions are used, and its limits checked).

    Returns
    -------
    shapely.geometry.LineString or shapely.geometry.MultiLineString or None
        None too when `geometry` is not a line (already reported by the caller).
    """
    if not isinstance(geometry, dict) or geometry.get("type") not in ("LineString", "MultiLineString"):
        return None
    coords = geometry.get("coordinates")
    count = _vertex_count([coords] if geometry["type"] == "LineString" else coords)
    if count > budget.max_vertices:
        feature.problem(
            "geometry",
            f"{count:,} positions, over the limit of {budget.max_vertices:,} per geometry: simplify the line",
        )
        budget.used += count
        return None
    if geometry["type"] == "LineString":
        parts = _line_parts([coords], feature, budget, multi=False)
        return None if parts is None else _checked_line(feature, LineString(parts[0]))
    if not isinstance(coords, list) or not coords:
        got = json_type(coords)
        feature.problem("geometry", f"MultiLineString coordinates must be a non-empty array of lines, got {got}")
        return None
    if len(coords) > budget.max_parts:
        feature.problem(
            "geometry",
            f"a MultiLineString of {len(coords):,} lines, over the limit of {budget.max_parts}: "
            "it is only for a leg cut at the antimeridian",
        )
        return None
    parts = _line_parts(coords, feature, budget, multi=True)
    if parts is None:
        return None
    cut = MultiLineString(parts)
    if not is_antimeridian_cut(cut):
        feature.problem(
            "geometry",
            "a MultiLineString is only allowed for a leg cut at the antimeridian (RFC 7946 §3.1.9): "
            "each part must end at ±180° where the next one starts at ∓180°; otherwise use a LineString",
        )
        return None
    return cut


def _vertex_count(lines: Any) -> int:
    if not isinstance(lines, list):
        return 0
    return sum(len(part) for part in lines if isinstance(part, list))


def _line_parts(
    lines: list[Any], feature: Feature, budget: Budget, *, multi: bool
) -> list[list[tuple[float, float]]] | None:
    problems: list[str] = []
    parts: list[list[tuple[float, float]]] = []
    offset = 0
    for number, coords in enumerate(lines):
        where = f"line {number}: " if multi else ""
        if not isinstance(coords, list) or len(coords) < 2:  # noqa: PLR2004
            got = f"{len(coords)} position(s)" if isinstance(coords, list) else json_type(coords)
            feature.problem("geometry", f"{where}a line needs an array of at least 2 positions, got {got}")
            return None
        budget.used += len(coords)
        if budget.exhausted:
            return None
        part = [_position(c, offset + i, problems) for i, c in enumerate(coords)]
        offset += len(coords)
        parts.append(part)  # type: ignore[arg-type]
    _report_positions(feature, problems)
    if problems:
        return None
    return parts


def _checked_line(feature: Feature, shape: LineString) -> LineString | None:
    crossings = crossing_segments(list(shape.coords))
    if crossings:
        i = crossings[0]
        feature.problem(
            "geometry",
            f"crosses the antimeridian between positions {i} and {i + 1} without being cut: "
            "cut it at ±180° into a MultiLineString (RFC 7946 §3.1.9; corridors.network.geodesy.cut_antimeridian)",
        )
        return None
    if shape.length == 0:
        feature.problem("geometry", "all positions are the same point: the line has zero length")
        return None
    return shape


def _position(coords: Any, number: int | None, problems: list[str]) -> tuple[float, float] | None:
    where = "position" if number is None else f"position {number}"
    if not isinstance(coords, list) or len(coords) not in (2, 3):
        problems.append(f"{where} is not [longitude, latitude] (got {json_type(coords)})")
        return None
    values = []
    for axis, value in zip(("longitude", "latitude", "altitude"), coords, strict=False):
        number_value = finite(value)
        if number_value is None:
            problems.append(f"{where}: {axis} is {json_type(value)}, expected a finite number")
            return None
        values.append(number_value)
    lon, lat = values[:2]
    if abs(lat) > 90 and abs(lon) <= 90:  # noqa: PLR2004
        problems.append(
            f"{where} [{lon:g}, {lat:g}] looks like [lat, lon] order: GeoJSON positions are [longitude, latitude]"
        )
        return None
    if abs(lon) > 180 or abs(lat) > 90:  # noqa: PLR2004
        problems.append(f"{where} [{lon:g}, {lat:g}] is out of range (longitude -180..180, latitude -90..90)")
        return None
    return (lon, lat)


def _report_positions(feature: Feature, problems: list[str]) -> None:
    for message in problems[:_MAX_POSITION_PROBLEMS]:
        feature.problem("geometry", message)
    extra = len(problems) - _MAX_POSITION_PROBLEMS
    if extra > 0:
        feature.problem("geometry", f"{extra} more positions with problems")
