"""The bundled corridor files and the network loader.

>>> net = load_network()                      # the bundled files, cached  # doctest: +SKIP
>>> net.legs.loc["INSTC-W-QAZVIN-RASHT", "length_km"]  # doctest: +SKIP
>>> mine = net.with_extra(uploaded_bytes, names=["my_legs.geojson"])  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import FrozenInstanceError
from pathlib import Path

import geopandas as gpd
import networkx as nx

from corridors import _paths
from corridors._errors import CorridorsError
from corridors._paths import GEODATA_DIR
from corridors.network.convert import graph_from_gdfs
from corridors.network.lookup import match_node
from corridors.network.read import Limits, Source, read_all

__all__ = ["CORRIDOR_FILES", "GEODATA_DIR", "Network", "get_path", "load_network"]

CORRIDOR_FILES: tuple[str, ...] = ("instc", "chennai_vladivostok", "northern_sea_route", "connections", "hinterland")
"""Names of the bundled corridor files (``geodata/<name>.geojson``), in loading order."""


_SUFFIX = ".geojson"


class Network:
    """A validated corridor network.

    Parameters
    ----------
    nodes, legs : geopandas.GeoDataFrame
        Validated frames (as from :func:`corridors.network.read.read_all`);
        the network keeps its own (copy-on-write) copies, so later changes to
        these frames do not reach it.
    graph : networkx.MultiGraph
        The frozen base graph of the frames.

    Attributes
    ----------
    nodes
        Index ``id``; columns of :data:`corridors.network.schema.NODE_COLUMNS`
        (``corridors``: sorted corridors of the legs touching the node;
        ``files``: files declaring it) and ``geometry``.
    legs
        Index ``id``; columns of :data:`corridors.network.schema.LEG_COLUMNS`
        (with ``length_km``, ``length_nm`` and ``file``) and ``geometry``.
    graph
        Frozen base graph (:func:`corridors.network.convert.graph_from_gdfs`).

    Notes
    -----
    The network returned by ``load_network()`` is shared (cached) by every
    caller, so it cannot be changed: its attributes cannot be reassigned, and
    ``nodes``/``legs`` hand each caller its own shallow copy of the frames
    (pandas copy-on-write copies a column when a caller writes to it). The
    list cells (``files``, ``corridors``, ``chokepoints``) are shared Python
    lists: do not change them in place. Use :meth:`with_extra` to add data.
    """

    __slots__ = ("_legs", "_nodes", "graph")

    _legs: gpd.GeoDataFrame
    _nodes: gpd.GeoDataFrame
    graph: nx.MultiGraph

    def __init__(self, nodes: gpd.GeoDataFrame, legs: gpd.GeoDataFrame, graph: nx.MultiGraph) -> None:
        object.__setattr__(self, "_nodes", nodes.copy(deep=False))
        object.__setattr__(self, "_legs", legs.copy(deep=False))
        object.__setattr__(self, "graph", graph)

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"cannot assign to field {name!r}: a Network is read-only"
        raise FrozenInstanceError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"cannot delete field {name!r}: a Network is read-only"
        raise FrozenInstanceError(msg)

    def __reduce__(self) -> tuple[type[Network], tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, nx.MultiGraph]]:
        return (Network, (self._nodes, self._legs, self.graph))

    def __repr__(self) -> str:
        return f"Network({len(self._nodes)} nodes, {len(self._legs)} legs)"

    @property
    def nodes(self) -> gpd.GeoDataFrame:
        """The nodes: a fresh shallow copy at each access (changing it changes nothing shared)."""
        return self._nodes.copy(deep=False)

    @property
    def legs(self) -> gpd.GeoDataFrame:
        """The legs: a fresh shallow copy at each access (changing it changes nothing shared)."""
        return self._legs.copy(deep=False)

    @classmethod
    def from_gdfs(cls, nodes: gpd.GeoDataFrame, legs: gpd.GeoDataFrame) -> Network:
        """Build a Network (and its graph) from validated node and leg frames."""
        return cls(nodes=nodes, legs=legs, graph=graph_from_gdfs(nodes, legs))

    @property
    def files(self) -> tuple[str, ...]:
        """Names of the files the network was read from, in reading order."""
        return tuple(dict.fromkeys(self._legs["file"].tolist() + _flatten(self._nodes["files"])))

    def with_extra(
        self, *sources: Source, names: Sequence[str | None] | None = None, limits: Limits | None = None
    ) -> Network:
        """Return a new Network with more files added; this one is unchanged.

        Parameters
        ----------
        *sources
            Paths, bytes (e.g. an upload), GeoJSON text or binary file objects.
            New legs may use this network's nodes.
        names
            Names for the sources in problem reports and in the ``file``
            column (default: file name, file object's ``name``, or ``upload``).
        limits
            How much each source may hold (default: the app's limits for an
            upload; :data:`~corridors.network.read.OPERATOR_LIMITS` for the operator's own files).

        Returns
        -------
        network
            The combined network.

        Raises
        ------
        ValidationError
            When a source, or the combination, is invalid; the problems name
            the source.
        """
        nodes, legs = read_all(sources, names=names, base=(self._nodes, self._legs), limits=limits)
        return Network.from_gdfs(nodes, legs)

    def node_id(self, query: str) -> str:
        """Return the id of the node named by `query`.

        Parameters
        ----------
        query
            A node id or name, case-insensitive (``"innsa"``, ``"Nhava Sheva"``);
            see :func:`~corridors.network.lookup.match_node` for the rule.

        Returns
        -------
        node_id
            The node id.

        Raises
        ------
        UnknownNodeError
            When no node (or more than one) matches; it suggests close ids and names.
        """
        return match_node(query, dict(zip(self._nodes.index, self._nodes["name"], strict=True)))


def get_path(name: str) -> Path:
    """Return the path of a bundled corridor file.

    Parameters
    ----------
    name
        One of :data:`CORRIDOR_FILES` (``".geojson"`` may be included).

    Returns
    -------
    path
        ``GEODATA_DIR / "<name>.geojson"`` (it may not exist yet).

    Raises
    ------
    CorridorsError
        For a name that is not a bundled file; the message lists the valid ones.
    """
    stem = name.removesuffix(_SUFFIX) if isinstance(name, str) else name
    if stem not in CORRIDOR_FILES:
        valid = ", ".join(CORRIDOR_FILES)
        msg = f"unknown corridor file {name!r}; the bundled files are: {valid}"
        raise CorridorsError(msg)
    return geodata_dir() / f"{stem}{_SUFFIX}"


def geodata_dir() -> Path:
    """The folder of the bundled corridor files.

    :data:`GEODATA_DIR` unless the operator sets ``CORRIDORS_GEODATA_DIR``
    (read at each call, so a test or a deployment can point elsewhere).

    Returns
    -------
    path
    """
    override = os.environ.get("CORRIDORS_GEODATA_DIR")
    return Path(override) if override else GEODATA_DIR


def load_network(paths: Sequence[str | Path] | None = None, *, limits: Limits | None = None) -> Network:
    """Load, validate and assemble a corridor network.

    Parameters
    ----------
    paths
        GeoJSON files to read together; None for the bundled files
        (:data:`CORRIDOR_FILES`), which are read once and cached.
    limits
        How much each file of `paths` may hold (default: the app's limits;
        :data:`~corridors.network.read.OPERATOR_LIMITS` for a national network).

    Returns
    -------
    network
        The validated network.

    Raises
    ------
    ValidationError
        With every problem of every file.
    """
    if paths is None:
        return _bundled_network(geodata_dir())
    if isinstance(paths, str | Path):
        paths = [paths]
    nodes, legs = read_all(list(paths), limits=limits)
    return Network.from_gdfs(nodes, legs)


@functools.lru_cache(maxsize=2)
def _bundled_network(folder: Path) -> Network:
    # the shipped files are checked against the land outlines; an operator's folder
    # (CORRIDORS_GEODATA_DIR) may hold a schematic network, as their own files may
    nodes, legs = read_all([folder / f"{name}{_SUFFIX}" for name in CORRIDOR_FILES], land=folder == _paths.GEODATA_DIR)
    return Network.from_gdfs(nodes, legs)


def _flatten(lists: Sequence[list[str]]) -> list[str]:
    return [item for items in lists for item in items]
