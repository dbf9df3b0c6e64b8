"""Read and validate corridor GeoJSON files.

:func:`read_geojson` reads one file (path, bytes, text or binary file
object) into ``(nodes, legs)`` GeoDataFrames; :func:`read_all` reads several
together and adds the checks that span files. Both report **every** problem
at once in one :class:`~corridors.ValidationError`; each problem names the
file, the feature index and the field.

Checks on one file
------------------
- readable, at most :data:`MAX_FILE_BYTES` (checked before anything is
  parsed), UTF-8, nested at most :data:`MAX_DEPTH` arrays/objects deep
  (checked before parsing, in linear time), valid JSON (``NaN`` and
  ``Infinity`` are rejected), a FeatureCollection of at most
  :data:`MAX_FEATURES` Feature objects, at most :data:`MAX_VERTICES`
  positions per geometry, :data:`MAX_PARTS` lines per MultiLineString and
  :data:`MAX_POSITIONS` positions per file;
- geometry: Point for a node; LineString for a leg, or a MultiLineString
  only when it is a line cut at the antimeridian (RFC 7946 §3.1.9); an uncut
  LineString must not jump across the antimeridian;
- positions: numbers, finite, in range. Heuristic for swapped axes: a
  position with ``|lat| > 90`` and ``|lon| <= 90`` is reported as "looks like
  [lat, lon] order" (GeoJSON is [lon, lat]);
- properties: required ones present, of the right type, values from
  :mod:`corridors.network.schema`; ``gauge_mm`` required on rail legs and only there;
  an unknown property that is a near-miss of a known one (a typo) is
  reported, any other unknown property is ignored (not loaded);
- ids unique within the file;
- the checks of :mod:`corridors.network.physical` that need no other file:
  a published distance within 0.5-3 times the drawn line, a line at most
  40,000 km long, no two node ids that differ only in case, no place declared
  twice (same name and country within 5 km).

Checks across files (:func:`read_all`)
--------------------------------------
- a leg id used in two files;
- a node id declared in two files with different positions (more than
  :data:`corridors.network.schema.POSITION_TOLERANCE_DEG`) or a different name,
  country or kind (the same node declared identically in several files is
  how files connect);
- a leg whose ``from``/``to`` node exists nowhere;
- a leg whose geometry does not start at its ``from`` node / end at its
  ``to`` node (within :data:`corridors.network.schema.ENDPOINT_TOLERANCE_DEG`; first
  position of the first part, last position of the last part);
- the same physical checks across files, and a sea or ferry leg across
  land (see `land` in :func:`read_all`);
- with the same switch, a node farther than 150 km from its country's
  outline (:mod:`corridors.network.placement`: lon and lat swapped, a wrong
  country);
- pieces of the network not connected to the largest piece (checked when
  every feature has a usable id and every leg's nodes exist, whatever other
  problems there are; otherwise the pieces would be follow-on noise).

Every check runs in the same pass: a leg left out for its id still has its
ends checked, so one report lists everything.

Where the checks live
---------------------
This module reads the bytes and the JSON (size, encoding, nesting depth,
the FeatureCollection); :mod:`corridors.network.features` turns each feature
into a node or leg row, with :mod:`corridors.network.properties` (properties)
and :mod:`corridors.network.geometry` (geometry); :mod:`corridors.network.registry`
makes the checks across files and builds the frames.

Hostile input always ends as a ValidationError: nothing is evaluated,
nothing unpickled, sizes are capped and deep nesting is caught. A limit that
is hit is reported as a problem naming the limit and the value found.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import geopandas as gpd
import numpy as np

from corridors._errors import Collector, ValidationError
from corridors._text import describe
from corridors._untrusted import check_size, decode_utf8, read_capped
from corridors.network.features import FileData, add_feature
from corridors.network.json_values import NonFinite, json_type
from corridors.network.properties import Budget
from corridors.network.registry import Registry, frames

__all__ = [
    "LAND_CHECKED",
    "MAX_DEPTH",
    "MAX_FEATURES",
    "MAX_FILE_BYTES",
    "MAX_PARTS",
    "MAX_POSITIONS",
    "MAX_VERTICES",
    "OPERATOR_LIMITS",
    "Limits",
    "Source",
    "read_all",
    "read_geojson",
]

Source = str | os.PathLike | bytes | bytearray | memoryview | IO[bytes]
"""A GeoJSON source: a path, the file's bytes, its text, or a binary file object.

A ``str`` is taken as GeoJSON text when it starts (after whitespace) with
``{`` or ``[``, otherwise as a path.
"""

# Limits that protect a shared server from a hostile or broken upload. Each one
# that is hit is reported as a problem naming the limit and the value found.

MAX_FILE_BYTES = 5 * 2**20
"""Largest accepted file, upload or text: 5 MiB (5,242,880 bytes), the app's
``server.maxUploadSize = 5`` (Streamlit counts MB as 2**20 bytes). Checked
before anything is decoded or parsed."""

MAX_FEATURES = 20_000
"""Most features accepted in one file (a bundled file has fewer than 100)."""

MAX_VERTICES = 50_000
"""Most positions accepted in one geometry (the longest bundled leg has under 600)."""

MAX_POSITIONS = 500_000
"""Most positions accepted in one file."""

MAX_PARTS = 100
"""Most lines in one MultiLineString (an antimeridian cut needs 2 or 3)."""

MAX_DEPTH = 64
"""Deepest nesting of JSON arrays/objects accepted (a GeoJSON file needs 7)."""



@dataclass(frozen=True)
class Limits:
    """How much one file may hold.

    The defaults protect a shared server from a hostile upload (the app's
    limits); :data:`OPERATOR_LIMITS` lets the operator's own files (the CLI's
    ``--data``/``--extra``, the library) be national networks.

    Parameters
    ----------
    file_bytes, depth, features, vertices, positions, parts : int
        As :data:`MAX_FILE_BYTES`, :data:`MAX_DEPTH`, :data:`MAX_FEATURES`,
        :data:`MAX_VERTICES`, :data:`MAX_POSITIONS`, :data:`MAX_PARTS`.
    land : bool
        Whether the sea and ferry legs of a file added to a network are checked
        against the bundled land outlines (:mod:`corridors.network.physical`):
        an upload must follow the sea; the operator's own files may be schematic.
        The same switch checks nodes against their country's outline.
    """

    file_bytes: int = MAX_FILE_BYTES
    depth: int = MAX_DEPTH
    features: int = MAX_FEATURES
    vertices: int = MAX_VERTICES
    positions: int = MAX_POSITIONS
    parts: int = MAX_PARTS
    land: bool = True


OPERATOR_LIMITS = Limits(
    file_bytes=1 * 2**30, depth=MAX_DEPTH, features=2_000_000, vertices=5_000_000, positions=100_000_000,
    parts=10_000, land=False,
)
"""Limits for files the operator chose (1 GiB, 2 million features, no land check): the CLI and
the library's ``load_network(paths)``; an upload to the app always gets the stricter :class:`Limits` defaults."""


def _limits(limits: Limits | None) -> Limits:
    """`limits`, or the module's limits as they are now (tests may lower them)."""
    if limits is not None:
        return limits
    return Limits(MAX_FILE_BYTES, MAX_DEPTH, MAX_FEATURES, MAX_VERTICES, MAX_POSITIONS, MAX_PARTS, land=True)


LAND_CHECKED = "land_checked"
"""Key of a legs frame's ``attrs``: True when its sea legs were checked against the land outlines."""

_MAX_NAME = 100
# A JSON string, or an unterminated one running to the end of the text. The
# pattern cannot fail once it has started at a quote, so a scan is linear.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\[\s\S]?[^"\\]*)*(?:"|\Z)')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
def read_geojson(
    source: Source, *, name: str | None = None, limits: Limits | None = None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Read one corridor GeoJSON file into node and leg GeoDataFrames.

    Only the checks on one file are made (a leg may name a node of another
    file); use :func:`read_all` to read a whole network.

    Parameters
    ----------
    source
        Path, bytes, text or binary file object (see :data:`Source`).
    name
        Name used in problem reports and in the ``file``/``files`` columns;
        default: the file name, the file object's ``name``, or ``"upload"``.
    limits
        How much the file may hold (default: the app's :class:`Limits`).

    Returns
    -------
    nodes, legs
        GeoDataFrames indexed by id, columns as in
        :data:`corridors.network.schema.NODE_COLUMNS` / ``LEG_COLUMNS``.

    Raises
    ------
    ValidationError
        With every problem found.
    """
    problems = Collector()
    data = _parse(source, _source_name(source, name, 1), problems, _limits(limits))
    network = Registry()
    network.add_file(data, problems)
    network.check_physical(data, problems)
    network.check_nodes([data], problems)
    problems.raise_if_any()
    return frames(network.node_rows(), network.leg_rows())


def read_all(
    sources: Iterable[Source],
    *,
    names: Sequence[str | None] | None = None,
    base: tuple[gpd.GeoDataFrame, gpd.GeoDataFrame] | None = None,
    limits: Limits | None = None,
    land: bool | None = None,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Read several files as one network, with the checks across files.

    Parameters
    ----------
    sources
        Paths, bytes, texts or binary file objects.
    names
        Optional names, one per source (None for the default name). A name
        already used by a file of `base` or an earlier source gets a
        `` (2)``-style suffix.
    base
        An already validated ``(nodes, legs)`` pair (e.g. a loaded
        :class:`~corridors.network.loader.Network`) the sources are added to. It is
        not modified.
    limits
        How much each file may hold (default: the app's :class:`Limits`).
    land
        Check sea and ferry legs against the land outlines (:mod:`corridors.network.physical`)?
        Default: for files added under ``limits.land`` (an upload) to a `base` that was
        itself checked (the bundled network); not for a standalone or schematic network
        or :data:`OPERATOR_LIMITS`. The answer is kept in ``legs.attrs[LAND_CHECKED]``.

    Returns
    -------
    nodes, legs
        GeoDataFrames of the whole network. Nodes get ``files`` (files
        declaring the node, in reading order) and ``corridors`` (sorted
        corridors of the legs touching it); legs get ``file``.

    Raises
    ------
    ValidationError
        With every problem found in every file.
    """
    sources = list(sources)
    names = list(names) if names is not None else [None] * len(sources)
    if len(names) != len(sources):
        msg = f"{len(names)} names given for {len(sources)} sources"
        raise ValueError(msg)
    problems = Collector()
    limits = _limits(limits)
    network = Registry.from_base(base)
    files = []
    for number, (source, name) in enumerate(zip(sources, names, strict=True), start=1):
        label = network.unique_name(_source_name(source, name, number))
        files.append(_parse(source, label, problems, limits))
    for data in files:
        network.add_file(data, problems)
    if land is None:
        land = base is not None and limits.land and bool(base[1].attrs.get(LAND_CHECKED))
    for data in files:
        network.check_legs(data, problems, land=land)
    network.check_nodes(files, problems, countries=land)
    if network.complete:
        network.check_connected(problems)
    problems.raise_if_any()
    nodes, legs = frames(network.node_rows(), network.leg_rows())
    legs.attrs[LAND_CHECKED] = land
    return nodes, legs


# --------------------------------------------------------------------------
# reading bytes and JSON


_UNREADABLE = object()  # marks a source whose JSON could not be read


def _source_name(source: Source, name: str | None, number: int) -> str:
    """Name a source for reports: given name, file name, file object's name, or "upload N"."""
    if name:
        return _printable(str(name))
    if isinstance(source, os.PathLike) or (isinstance(source, str) and not _looks_like_json(source)):
        return _printable(Path(source).name or str(source))
    file_name = getattr(source, "name", None)
    if isinstance(file_name, str) and file_name:
        return _printable(Path(file_name).name or file_name)
    return "upload" if number == 1 else f"upload {number}"


def _printable(name: str) -> str:
    """Cap the length of a name (an upload's name comes from the user) and replace every
    character that does not print (controls, format and bidi controls, surrogates,
    unassigned code points, line separators; spaces stay)."""
    short = name if len(name) <= _MAX_NAME else name[: _MAX_NAME - 3] + "..."
    return "".join(
        char if char.isprintable() or unicodedata.category(char) == "Zs" else "?" for char in short
    )


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") or "\n" in text


def _read_text(source: Source, out: Collector, limit: int) -> str | None:
    """The source's text, size-capped and decoded; None (after recording why) when unreadable."""
    try:
        if isinstance(source, str) and _looks_like_json(source):
            # checked before encoding: a character is at least one byte
            size = len(source) if len(source) > limit else len(source.encode("utf-8", "surrogatepass"))
            check_size(size, limit=limit, name=out.source, what="text")
            return source.removeprefix("\ufeff")
        if not isinstance(source, str | os.PathLike | bytes | bytearray | memoryview) and not callable(
            getattr(source, "read", None)
        ):
            out.add(f"cannot read GeoJSON from {type(source).__name__}: give a path, bytes or text")
            return None
        data = read_capped(source, limit=limit, name=out.source)
        return decode_utf8(data, name=out.source)
    except ValidationError as err:
        out.extend(err.problems)
        return None


def _nesting_depth(text: str) -> int:
    """Return how deeply arrays/objects nest in JSON `text` (strings skipped).

    Linear time and no recursion, so it is safe on any input; run before
    :func:`json.loads`, whose recursion would otherwise be the limit.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if not brackets:
        return 0
    codes = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), np.int32(1), np.int32(-1))
    return int(np.cumsum(steps, dtype=np.int32).max())


def _load_json(text: str, out: Collector, max_depth: int) -> Any:
    depth = _nesting_depth(text)
    if depth > max_depth:
        out.add(f"arrays/objects nested {depth:,} levels deep, over the limit of {max_depth}")
        return _UNREADABLE
    try:
        return json.loads(text, parse_constant=NonFinite)
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}"
        what = err.msg.removesuffix(" at")  # "Unterminated string starting at" names a place too
        out.add(f"not valid JSON: {what} at {where}")
    except RecursionError:  # not reached after the depth check; kept as a guard
        out.add(f"arrays/objects nested too deeply, over the limit of {max_depth}")
    except ValueError as err:  # e.g. an integer with thousands of digits
        reason = "a number has too many digits" if "digits" in str(err) else str(err)[:120]
        out.add(f"not valid JSON: {reason}")
    return _UNREADABLE


def _features(doc: Any, out: Collector, max_features: int) -> list[Any] | None:
    if not isinstance(doc, dict):
        out.add(f"not a GeoJSON FeatureCollection: the top level is {json_type(doc)}")
        return None
    kind = doc.get("type")
    if kind != "FeatureCollection":
        hint = "; wrap the feature in a FeatureCollection" if kind == "Feature" else ""
        out.add(f"not a GeoJSON FeatureCollection: 'type' is {describe(kind)}{hint}")
        return None
    features = doc.get("features")
    if not isinstance(features, list):
        out.add(f"'features' must be an array, got {json_type(features)}")
        return None
    if len(features) > max_features:
        out.add(f"{len(features):,} features, over the limit of {max_features:,}")
        return None
    if not features:
        out.add("the FeatureCollection has no features")
    return features


def _parse(source: Source, name: str, problems: Collector, limits: Limits) -> FileData:
    data = FileData(name)
    out = Collector(name)
    text = _read_text(source, out, limits.file_bytes)
    doc = _load_json(text, out, limits.depth) if text is not None else _UNREADABLE
    features = _features(doc, out, limits.features) if doc is not _UNREADABLE else None
    budget = Budget(max_positions=limits.positions, max_vertices=limits.vertices, max_parts=limits.parts)
    for index, feature in enumerate(features or []):
        add_feature(data, index, feature, out, budget)
        if budget.exhausted:
            out.add(f"more than {limits.positions:,} positions; stopped reading at feature {index}")
            break
    problems.merge(out)
    return data
