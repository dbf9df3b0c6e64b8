"""Convert between node/leg GeoDataFrames and the base network graph.

Modelled on ``osmnx.convert`` (``graph_from_gdfs`` / ``graph_to_gdfs``), but
for an undirected :class:`networkx.MultiGraph` whose nodes are keyed by node id
and whose edges are keyed by leg id.

Graph layout
------------
- Node ``id`` -> attributes: every column of the nodes frame except the
  geometry (``name, country, kind, source, chokepoint, x, y, corridors,
  files``, plus any extra column). ``x`` is the longitude, ``y`` the latitude.
- Edge ``(from, to, leg_id)`` -> attributes: every column of the legs frame
  (``from``, ``to``, ``mode``, ... ``length_km``, ``length_nm``, ``file``)
  plus ``geometry`` (a shapely line). ``from``/``to`` keep the direction of
  the geometry; legs are usable both ways.
- A missing value is ``None`` in the graph (NaN/NA in the frames).
- ``G.graph == {"crs": "EPSG:4326", "name": "corridors"}``.

The graph is frozen (:func:`networkx.freeze`); list attributes
(``chokepoints``, ``corridors``, ``files``) must be treated as read-only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
from shapely.geometry import Point

from corridors._errors import Collector, ValidationError
from corridors._text import describe
from corridors.network import schema
from corridors.network.geodesy import KM_PER_NM, length_km

__all__ = [
    "gdf_records",
    "graph_from_gdfs",
    "graph_to_gdfs",
    "legs_to_gdf",
    "nodes_to_gdf",
]

_GEOMETRY = "geometry"


def graph_from_gdfs(nodes: gpd.GeoDataFrame, legs: gpd.GeoDataFrame) -> nx.MultiGraph:
    """Build the frozen base graph from node and leg GeoDataFrames.

    Parameters
    ----------
    nodes
        Indexed by node id; ``x``/``y`` columns, or else Point geometries,
        give the positions.
    legs
        Indexed by leg id; needs ``from`` and ``to`` columns naming nodes in
        `nodes`, and line geometries. ``length_km``/``length_nm`` are
        computed (geodesic) when the columns are missing or NaN.

    Returns
    -------
    graph
        Frozen MultiGraph; see the module docstring for its layout.

    Raises
    ------
    ValidationError
        When ids are duplicated or a leg names a node not in `nodes`.
    """
    _check_frames(nodes, legs)
    nodes, legs = _geometry_named(nodes), _geometry_named(legs)
    graph = nx.MultiGraph(crs=schema.CRS, name=schema.GRAPH_NAME)
    for row in gdf_records(nodes):
        node_id = row.pop("id")
        point = row.pop(_GEOMETRY, None)
        graph.add_node(node_id, **_with_position(row, point))
    for row in gdf_records(legs):
        leg_id = row.pop("id")
        graph.add_edge(row["from"], row["to"], key=leg_id, **_with_lengths(row))
    # networkx lists edges node by node, not in the order they were added: keep
    # the frame's order (on the object, not in graph.graph) for graph_to_gdfs.
    graph._leg_order = tuple(legs.index)  # type: ignore[attr-defined]  # noqa: SLF001
    return nx.freeze(graph)


def graph_to_gdfs(graph: nx.MultiGraph) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Turn a graph back into ``(nodes, legs)`` GeoDataFrames.

    The inverse of :func:`graph_from_gdfs`: for frames built by
    :func:`nodes_to_gdf`/:func:`legs_to_gdf`,
    ``graph_to_gdfs(graph_from_gdfs(nodes, legs))`` equals ``(nodes, legs)``,
    row order included (for a graph not made by :func:`graph_from_gdfs`, legs
    come in networkx's edge order).

    Parameters
    ----------
    graph
        A MultiGraph laid out as described in the module docstring.

    Returns
    -------
    nodes, legs
        GeoDataFrames, both indexed by ``id``, CRS from ``graph.graph``.
    """
    crs = graph.graph.get("crs", schema.CRS)
    node_rows = [
        {"id": node_id, **data, _GEOMETRY: Point(data["x"], data["y"])}
        for node_id, data in graph.nodes(data=True)
    ]
    leg_rows = [
        {"id": key, "from": u, "to": v, **data}
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]
    order = getattr(graph, "_leg_order", None)
    if order is not None and len(order) == len(leg_rows):
        position = {leg_id: number for number, leg_id in enumerate(order)}
        if len(position) == len(leg_rows) and all(row["id"] in position for row in leg_rows):
            leg_rows.sort(key=lambda row: position[row["id"]])
    return nodes_to_gdf(node_rows, crs=crs), legs_to_gdf(leg_rows, crs=crs)


def nodes_to_gdf(rows: Iterable[Mapping[str, Any]], *, crs: str = schema.CRS) -> gpd.GeoDataFrame:
    """Build a nodes GeoDataFrame with the canonical columns and dtypes.

    Parameters
    ----------
    rows
        One mapping per node with ``id``, ``geometry`` (a Point) and any of
        :data:`corridors.network.schema.NODE_COLUMNS`; ``x``/``y`` default to the
        Point's coordinates. Extra keys become extra columns.
    crs
        CRS of the frame.

    Returns
    -------
    nodes
        Index ``id``; columns of ``schema.NODE_COLUMNS`` in order, then extra
        columns, then ``geometry``.
    """
    rows = [dict(row) for row in rows]
    for row in rows:
        point = row.get(_GEOMETRY)
        if point is not None:
            row.setdefault("x", point.x)
            row.setdefault("y", point.y)
    return _frame(rows, schema.NODE_COLUMNS, crs=crs)


def legs_to_gdf(rows: Iterable[Mapping[str, Any]], *, crs: str = schema.CRS) -> gpd.GeoDataFrame:
    """Build a legs GeoDataFrame with the canonical columns and dtypes.

    Parameters
    ----------
    rows
        One mapping per leg with ``id``, ``geometry`` and any of
        :data:`corridors.network.schema.LEG_COLUMNS`; ``length_km``/``length_nm``
        are computed from the geometry when missing. Extra keys become extra
        columns.
    crs
        CRS of the frame.

    Returns
    -------
    legs
        Index ``id``; columns of ``schema.LEG_COLUMNS`` in order, then extra
        columns, then ``geometry``.
    """
    return _frame([_with_lengths(dict(row)) for row in rows], schema.LEG_COLUMNS, crs=crs)


def gdf_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the rows of a frame as plain dicts, ``id`` first.

    Parameters
    ----------
    frame
        A nodes or legs frame indexed by id.

    Returns
    -------
    records
        One dict per row; values are plain Python objects: numpy scalars become ``int``/
        ``float``/``bool``, NaN/NA become ``None``, lists are copied.
    """
    columns = list(frame.columns)
    records = []
    for index, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        record = {"id": _plain(index)}
        record.update((col, _plain(val)) for col, val in zip(columns, values, strict=True))
        records.append(record)
    return records


def _frame(rows: list[dict[str, Any]], kinds: Mapping[str, str], *, crs: str) -> gpd.GeoDataFrame:
    extra = list(dict.fromkeys(k for row in rows for k in row if k not in kinds))
    extra = [k for k in extra if k not in ("id", _GEOMETRY)]
    columns = [*((col, kind) for col, kind in kinds.items()), *((col, "") for col in extra)]
    index = pd.Index([row["id"] for row in rows], name="id")
    frame = pd.DataFrame(index=index)
    for col, kind in columns:
        series = _column([row.get(col) for row in rows], kind)
        frame[col] = pd.Series(series.array, index=index)
    geometry = gpd.GeoSeries([row.get(_GEOMETRY) for row in rows], index=index, crs=crs)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=crs)


def _column(values: list[Any], kind: str) -> pd.Series:
    if kind == "float":
        return pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")
    if kind == "int":
        return pd.Series(pd.array(values, dtype="Int64"))
    if kind == "bool":
        return pd.Series([bool(v) for v in values], dtype=bool)
    if kind == "list":
        cells = np.empty(len(values), dtype=object)
        for i, v in enumerate(values):
            cells[i] = [] if v is None else list(v)
        return pd.Series(cells, dtype=object)
    if values and all(v is None for v in values):
        return pd.Series(values, dtype=object)
    return pd.Series(values)


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple | np.ndarray):
        return list(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _geometry_named(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    name = getattr(frame, "active_geometry_name", None)
    if name is None or name == _GEOMETRY:
        return frame
    return frame.rename_geometry(_GEOMETRY)


def _with_position(row: dict[str, Any], point: Any) -> dict[str, Any]:
    if row.get("x") is None and point is not None:
        row["x"] = float(point.x)
    if row.get("y") is None and point is not None:
        row["y"] = float(point.y)
    return row


def _with_lengths(row: dict[str, Any]) -> dict[str, Any]:
    geometry = row.get(_GEOMETRY)
    if geometry is None:
        return row
    if row.get("length_km") is None or row.get("length_nm") is None:
        km = length_km(geometry)
        row["length_km"] = km if row.get("length_km") is None else row["length_km"]
        row["length_nm"] = km / KM_PER_NM if row.get("length_nm") is None else row["length_nm"]
    return row


def _check_frames(nodes: gpd.GeoDataFrame, legs: gpd.GeoDataFrame) -> None:
    problems = Collector("nodes")
    for label, frame in (("nodes", nodes), ("legs", legs)):
        for dup in sorted(set(frame.index[frame.index.duplicated()]), key=str):
            problems.add(f"duplicate id {describe(dup)}", source=label)
    for col in ("from", "to"):
        if col not in legs.columns:
            problems.add(f"missing column {col!r}", source="legs")
    if not problems:
        known = set(nodes.index)
        for leg_id, u, v in zip(legs.index, legs["from"], legs["to"], strict=True):
            for end in (u, v):
                if end not in known:
                    problems.add(f"leg {describe(leg_id)} names missing node {describe(end)}", source="legs")
    if problems:
        raise ValidationError(problems.report())

