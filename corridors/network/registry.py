"""The checks across files, and the network they build.

:class:`Registry` gathers the nodes and legs of every file read together
(and of a validated base network), reporting

- a leg id used in two files;
- a node id declared in two files with different positions (more than
  :data:`corridors.network.schema.POSITION_TOLERANCE_DEG`) or a different
  name, country or kind (the same node declared identically in several files
  is how files connect);
- a leg whose ``from``/``to`` node exists nowhere;
- a leg whose geometry does not start at its ``from`` node / end at its ``to``
  node (within :data:`corridors.network.schema.ENDPOINT_TOLERANCE_DEG`);
- a leg or node that is not physical (:mod:`corridors.network.physical`: a
  published distance far from the drawn one, a sea leg across land, a node
  that nearly duplicates another) or a node far outside its country
  (:mod:`corridors.network.placement`);
- pieces of the network not connected to the largest piece.

:func:`frames` turns its rows into the node and leg GeoDataFrames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import networkx as nx
from shapely.geometry import LineString, MultiLineString, Point

from corridors._errors import Collector
from corridors._text import describe
from corridors.network import physical, placement, schema
from corridors.network.convert import gdf_records, legs_to_gdf, nodes_to_gdf
from corridors.network.features import FileData, Item
from corridors.network.geodesy import great_circle_km, lon_difference

__all__ = ["Registry", "frames"]

_MAX_COMPONENT_IDS = 5


@dataclass
class Registry:
    """The network being assembled: every node and leg with where it came from.

    Attributes
    ----------
    nodes, legs
        Rows by id (a node's ``files`` lists the files declaring it; a leg's
        ``file`` is the file it came from).
    where
        ``("node"|"leg", id) -> (file name, feature index)``, for the reports.
    names
        File names in use (a new file with the same name gets a suffix).
    """

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    legs: dict[str, dict[str, Any]] = field(default_factory=dict)
    where: dict[tuple[str, str], tuple[str, int | None]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    complete: bool = True
    """False once a feature was left out or a leg names a missing node: the network's
    shape is then unknown, so :meth:`check_connected` would only add noise."""

    @classmethod
    def from_base(cls, base: tuple[gpd.GeoDataFrame, gpd.GeoDataFrame] | None) -> Registry:
        """A registry holding the validated ``(nodes, legs)`` of `base` (empty for None); `base` is not modified."""
        registry = cls()
        if base is None:
            return registry
        nodes, legs = base
        for row in gdf_records(nodes):
            row["files"] = list(row.get("files") or [])
            registry.nodes[row["id"]] = row
            registry.where["node", row["id"]] = (row["files"][0] if row["files"] else "", None)
            registry.names.update(row["files"])
        for row in gdf_records(legs):
            registry.legs[row["id"]] = row
            registry.where["leg", row["id"]] = (row.get("file") or "", None)
            registry.names.add(row.get("file") or "")
        return registry

    def unique_name(self, name: str) -> str:
        """Reserve `name` for a new file, with a `` (2)``-style suffix when it is taken."""
        unique, number = name, 2
        while unique in self.names:
            unique, number = f"{name} ({number})", number + 1
        self.names.add(unique)
        return unique

    def add_file(self, data: FileData, problems: Collector) -> None:
        """Add one file's nodes and legs, reporting duplicate leg ids and conflicting nodes."""
        for node_id, item in data.nodes.items():
            self._add_node(data.name, node_id, item, problems)
        for leg_id, item in data.legs.items():
            if leg_id in self.legs:
                other = _place(self.where["leg", leg_id])
                problems.add(
                    f"duplicate leg id {describe(leg_id)}: also in {other}",
                    source=data.name, index=item.index, field="id", feature_id=leg_id,
                )
                continue
            self.legs[leg_id] = {**item.row, "file": data.name}
            self.where["leg", leg_id] = (data.name, item.index)

    def _add_node(self, name: str, node_id: str, item: Item, problems: Collector) -> None:
        known = self.nodes.get(node_id)
        if known is None:
            self.nodes[node_id] = {**item.row, "files": [name]}
            self.where["node", node_id] = (name, item.index)
            return
        other = _place(self.where["node", node_id])
        for field_name, message in _node_conflicts(known, item.row):
            problems.add(
                f"node {describe(node_id)} {message} in {other}",
                source=name, index=item.index, field=field_name, feature_id=node_id,
            )
        if name not in known["files"]:
            known["files"].append(name)

    def check_physical(self, data: FileData, problems: Collector) -> None:
        """Report the physical problems of the legs of `data` that need no other file
        (distances; not the land, which needs the network's node kinds)."""
        for kind, item in [("leg", item) for item in data.legs.values()] + data.unregistered:
            if kind == "leg":
                for message, field_name in physical.leg_problems(item.row, (None, None), land=False):
                    problems.add(message, source=data.name, index=item.index, field=field_name,
                                 feature_id=item.row.get("id"))

    def check_legs(self, data: FileData, problems: Collector, *, land: bool = True) -> None:
        """Report the legs of `data` whose nodes are missing or whose geometry misses them,
        and their physical problems (:func:`corridors.network.physical.leg_problems`).

        A leg left out for its id (none, or one used before) is checked too, so its
        other problems come in the same report as the one about its id. `land`:
        check sea and ferry legs against the land outlines.
        """
        items: list[tuple[str | None, Item]] = list(data.legs.items())
        items += [(item.row.get("id"), item) for kind, item in data.unregistered if kind == "leg"]
        for leg_id, item in sorted(items, key=lambda pair: pair[1].index):
            if self.where.get(("leg", leg_id or "")) != (data.name, item.index):
                self.complete = False  # no id, or a duplicate one: already reported
            found = _leg_problems(item.row, self.nodes)
            if any(field_name in ("from", "to") for _, field_name in found) or item.row.get("from") is None or item.row.get("to") is None:
                self.complete = False  # a leg without both ends cannot join the graph (reported, not a crash)
            kinds = tuple(self.nodes.get(item.row.get(end) or "", {}).get("kind") for end in ("from", "to"))
            found += physical.leg_problems(item.row, kinds, land=land)
            for message, field_name in found:
                problems.add(message, source=data.name, index=item.index, field=field_name, feature_id=leg_id)

    def check_nodes(self, files: list[FileData], problems: Collector, *, countries: bool = False) -> None:
        """Report nodes of `files` that nearly duplicate another node (:func:`corridors.network.physical.node_problems`)
        and, with `countries` (as with the land check: the bundled network and an upload, not
        a schematic file), that lie far outside their country
        (:func:`corridors.network.placement.placement_problems`)."""
        if any(kind == "node" for data in files for kind, _ in data.unregistered):
            self.complete = False
        new = [node_id for data in files for node_id in data.nodes]
        found = physical.node_problems(self.nodes, new)
        if countries:
            found += placement.placement_problems(self.nodes, new)
        for node_id, message, field_name in found:
            source, index = self.where["node", node_id]
            problems.add(message, source=source, index=index, field=field_name, feature_id=node_id)

    def check_connected(self, problems: Collector) -> None:
        """Report each piece of the network that is not connected to the largest one."""
        graph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        graph.add_edges_from((row["from"], row["to"]) for row in self.legs.values())
        pieces = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
        for piece in pieces[1:]:
            ids = sorted(piece)
            source, index = self.where["node", ids[0]]
            shown = ", ".join(ids[:_MAX_COMPONENT_IDS]) + (", ..." if len(ids) > _MAX_COMPONENT_IDS else "")
            problems.add(
                f"not connected to the main network ({len(pieces[0])} nodes): a separate piece of "
                f"{len(ids)} node(s): {shown}",
                source=source, index=index, feature_id=ids[0],
            )

    def node_rows(self) -> list[dict[str, Any]]:
        """The node rows, each with ``corridors``: the sorted corridors of the legs touching it."""
        corridors: dict[str, set[str]] = {node_id: set() for node_id in self.nodes}
        for row in self.legs.values():
            for end in (row["from"], row["to"]):
                corridors.setdefault(end, set()).add(row["corridor"])
        return [{**row, "corridors": sorted(corridors[node_id])} for node_id, row in self.nodes.items()]

    def leg_rows(self) -> list[dict[str, Any]]:
        """The leg rows, in reading order."""
        return list(self.legs.values())


def _place(where: tuple[str, int | None]) -> str:
    source, index = where
    return source if index is None else f"{source} (feature {index})"


def _node_conflicts(known: dict[str, Any], row: dict[str, Any]) -> list[tuple[str, str]]:
    conflicts = []
    a, b = known.get("geometry"), row.get("geometry")
    if a is not None and b is not None:
        tol = schema.POSITION_TOLERANCE_DEG
        if lon_difference(a.x, b.x) > tol or abs(a.y - b.y) > tol:
            conflicts.append(("geometry", f"is at [{b.x:g}, {b.y:g}] here but at [{a.x:g}, {a.y:g}]"))
    for name in ("name", "country", "kind"):
        if None not in (known.get(name), row.get(name)) and known[name] != row[name]:
            conflicts.append((name, f"has {name} {describe(row[name])} here but {describe(known[name])}"))
    return conflicts


def _leg_problems(row: dict[str, Any], nodes: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    for end in ("from", "to"):
        node_id = row.get(end)
        if node_id is not None and node_id not in nodes:
            found.append((f"{end!r} node {describe(node_id)} is not in any file", end))
    line = row.get("geometry")
    ends = [nodes.get(row.get(end) or "", {}).get("geometry") for end in ("from", "to")]
    if line is None or None in ends:
        return found
    first, last = _line_ends(line)
    found.extend(_end_problems(first, last, ends[0], ends[1], row))
    return found


def _line_ends(line: LineString | MultiLineString) -> tuple[tuple[float, float], tuple[float, float]]:
    parts = list(line.geoms) if isinstance(line, MultiLineString) else [line]
    return tuple(parts[0].coords[0][:2]), tuple(parts[-1].coords[-1][:2])


def _end_problems(
    first: tuple[float, float],
    last: tuple[float, float],
    start: Point,
    end: Point,
    row: dict[str, Any],
) -> list[tuple[str, str]]:
    if _near(first, start) and _near(last, end):
        return []
    if _near(first, end) and _near(last, start):
        return [(
            "runs backwards: it starts at the 'to' node and ends at the 'from' node; "
            "reverse the positions or swap 'from' and 'to'",
            "geometry",
        )]
    found = []
    for label, point, node, node_id in (
        ("starts", first, start, row["from"]),
        ("ends", last, end, row["to"]),
    ):
        if not _near(point, node):
            km = great_circle_km(point[0], point[1], node.x, node.y)
            end_name = "from" if label == "starts" else "to"
            found.append((
                f"{label} at [{point[0]:g}, {point[1]:g}], {km:,.1f} km from its {end_name!r} node "
                f"{describe(node_id)} at [{node.x:g}, {node.y:g}]",
                "geometry",
            ))
    return found


def _near(point: tuple[float, float], node: Point) -> bool:
    tol = schema.ENDPOINT_TOLERANCE_DEG
    return lon_difference(point[0], node.x) <= tol and abs(point[1] - node.y) <= tol


def frames(
    nodes: list[dict[str, Any]], legs: list[dict[str, Any]]
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Build the node and leg GeoDataFrames from validated rows.

    Parameters
    ----------
    nodes, legs : list of dict
        Rows as from :meth:`Registry.node_rows` / :meth:`Registry.leg_rows`.

    Returns
    -------
    nodes, legs : geopandas.GeoDataFrame
    """
    return nodes_to_gdf(nodes), legs_to_gdf(legs)
