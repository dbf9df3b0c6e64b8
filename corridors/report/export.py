"""Export routes and tables: CSV (formula-safe), JSON and GeoJSON; export tables and file names.

CSV cells are neutralised against spreadsheet formula injection: a *text*
cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading single quote (numbers, including negative numbers, are left
alone). Names and sources come from data files and uploads, so they are not
trusted.

What a planner downloads goes through
:func:`corridors.report.export_tables.export_table` first (units in the
headers, days, rounded); :func:`csv_bytes` writes it with a UTF-8
byte-order mark, so Excel reads "Δ" and "–" right.
"""

from __future__ import annotations

import datetime
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from shapely.geometry import LineString, MultiLineString, mapping

from corridors.model.base_info import base_graph
from corridors.report import tables
from corridors.report.export_tables import export_table
from corridors.routing.results import Route, RouteSet

__all__ = [
    "BOM",
    "FORMULA_PREFIXES",
    "csv_bytes",
    "frame_to_json",
    "neutralise",
    "neutralise_frame",
    "route_to_dict",
    "routes_to_geojson",
    "routes_to_json",
    "to_csv",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these is prefixed with a single quote in CSV."""


def neutralise(value: Any) -> Any:
    """Return `value` safe for a spreadsheet cell.

    Parameters
    ----------
    value
        Any cell value.

    Returns
    -------
    object
        ``"'" + value`` for a string starting with a formula character;
        anything else unchanged (numbers are never quoted).
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of `frame` with every text cell (and column name) neutralised.

    Parameters
    ----------
    frame
        Any frame.

    Returns
    -------
    pandas.DataFrame
    """
    out = frame.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column])):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame, path: str | Path | None = None, *, bom: bool = False) -> str | None:
    """Write a table as formula-safe CSV.

    Parameters
    ----------
    frame
        E.g. :func:`corridors.report.tables.legs_table` (or its :func:`export_table`).
    path
        File to write; when None the CSV text is returned.
    bom
        Start with the UTF-8 byte-order mark :data:`BOM` (what Excel needs to read UTF-8).

    Returns
    -------
    str or None
        The CSV text when `path` is None.
    """
    text = (BOM if bom else "") + neutralise_frame(frame).to_csv(index=False, lineterminator="\n")
    if path is None:
        return text
    Path(path).write_text(text, encoding="utf-8")
    return None


BOM = "\ufeff"
"""The UTF-8 byte-order mark that starts every downloaded CSV."""


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Return a library table as a downloadable CSV: :func:`export_table`, formula-safe, with a BOM.

    Parameters
    ----------
    frame
        A library table (see :func:`export_table`).

    Returns
    -------
    bytes
        UTF-8 with the byte-order mark.
    """
    return (to_csv(export_table(frame), bom=True) or "").encode("utf-8")


def route_to_dict(found: Route, *, rank: int = 1) -> dict[str, Any]:
    """Return a route as plain JSON-ready data (totals and legs).

    Parameters
    ----------
    found
        The route.
    rank
        Its rank among alternatives (1 = best).

    Returns
    -------
    dict
    """
    totals = found.totals
    return {
        "rank": rank,
        "label": found.label,
        "corridors": list(found.corridors),
        "branches": list(found.branches),
        "scenario": found.scenario,
        "optimize": found.optimize,
        "node_ids": list(found.node_ids),
        "totals": {k: _clean(v) for k, v in vars(totals).items()},
        "legs": tables.legs_table(found).drop(columns=["route", "rank"]).to_dict(orient="records"),
        "dwell": [
            {k: _clean(v) for k, v in vars(item).items()} | {"after_leg": number}
            for number, leg in enumerate(found.legs, start=1)
            for item in leg.dwell
        ],
    }


def routes_to_json(routes: RouteSet, *, indent: int | None = 2) -> str:
    """Return a RouteSet as JSON text.

    Parameters
    ----------
    routes
        The query's answer.
    indent
        JSON indentation.

    Returns
    -------
    str
        Keys ``origin``, ``destination``, ``scenario``, ``optimize``,
        ``via``, ``feasible``, ``infeasible_reason``, ``notes``, ``routes``.
    """
    data = {
        "origin": routes.origin,
        "origin_name": routes.origin_name,
        "destination": routes.destination,
        "destination_name": routes.destination_name,
        "scenario": routes.scenario,
        "optimize": routes.optimize,
        "via": list(routes.via),
        "feasible": routes.feasible,
        "infeasible_reason": routes.infeasible_reason,
        "notes": list(routes.notes),
        "routes": [route_to_dict(r, rank=i) for i, r in enumerate(routes.routes, start=1)],
    }
    return json.dumps(_clean(data), indent=indent, ensure_ascii=False, allow_nan=False)


def frame_to_json(frame: pd.DataFrame, *, indent: int | None = 2) -> str:
    """Return a table as a JSON list of records (NaN as null).

    Parameters
    ----------
    frame
        Any table (e.g. :func:`corridors.report.compare.compare`).
    indent
        JSON indentation.

    Returns
    -------
    str
    """
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    return json.dumps(_clean(records), indent=indent, ensure_ascii=False, allow_nan=False)


def routes_to_geojson(routes: RouteSet | Route | Iterable[Route], network: Any) -> dict[str, Any]:
    """Return the legs of routes as a GeoJSON FeatureCollection.

    Parameters
    ----------
    routes
        A RouteSet, a Route or several Routes.
    network
        The Network (or base graph) the routes were found on; it supplies
        the leg geometries.

    Returns
    -------
    dict
        RFC 7946 FeatureCollection; one LineString (or MultiLineString cut
        at the antimeridian) per leg, in travel direction, with the
        :func:`corridors.report.tables.legs_table` columns as properties.
    """
    graph = base_graph(network)
    if isinstance(routes, RouteSet):
        items = list(routes.routes)
    elif isinstance(routes, Route):
        items = [routes]
    else:
        items = list(routes)
    frame = tables.legs_table(items)
    features = []
    for record in frame.to_dict(orient="records"):
        item = items[int(record["rank"]) - 1]
        leg = item.legs[int(record["leg"]) - 1]
        geometry = graph.edges[leg.from_id, leg.to_id, leg.leg_id].get("geometry")
        if geometry is not None and leg.reversed:
            geometry = _reverse(geometry)
        features.append(
            {
                "type": "Feature",
                "geometry": None if geometry is None else _clean(mapping(geometry)),
                "properties": _clean(record),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _reverse(geometry: LineString | MultiLineString) -> LineString | MultiLineString:
    if isinstance(geometry, MultiLineString):
        return MultiLineString([list(part.coords)[::-1] for part in reversed(geometry.geoms)])
    return LineString(list(geometry.coords)[::-1])


def _clean(value: Any) -> Any:
    """Make `value` JSON-safe: NaN/inf -> None, tuples -> lists, numpy -> Python, dates -> ISO text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA:
        return None
    return value
