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
- ids unique within the file.

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
- pieces of the network not connected to the largest piece (only checked
  when everything else is valid, to avoid follow-on noise).

Hostile input always ends as a ValidationError: nothing is evaluated,
nothing unpickled, sizes are capped and deep nesting is caught. A limit that
is hit is reported as a problem naming the limit and the value found.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

import geopandas as gpd
import networkx as nx
import numpy as np
from shapely.geometry import LineString, MultiLineString, Point

from corridors._errors import Collector
from corridors._text import describe
from corridors.network import schema
from corridors.network.convert import gdf_records, legs_to_gdf, nodes_to_gdf
from corridors.network.geodesy import crossing_segments, great_circle_km, is_antimeridian_cut, lon_difference

__all__ = [
    "MAX_DEPTH",
    "MAX_FEATURES",
    "MAX_FILE_BYTES",
    "MAX_PARTS",
    "MAX_POSITIONS",
    "MAX_VERTICES",
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

_MAX_TYPO_CHECKS = 2_000  # distinct unknown property names checked for typos per file

_MAX_POSITION_PROBLEMS = 3
_MAX_COMPONENT_IDS = 5
_TYPO_CUTOFF = 0.8
_MAX_NAME = 100
_MAX_PATH_SHOWN = 120
# A JSON string, or an unterminated one running to the end of the text. The
# pattern cannot fail once it has started at a quote, so a scan is linear.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\[\s\S]?[^"\\]*)*(?:"|\Z)')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_JSON_TYPES = MappingProxyType(
    {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
)


def read_geojson(source: Source, *, name: str | None = None) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
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
    data = _parse(source, _source_name(source, name, 1), problems)
    network = _Registry()
    network.add_file(data, problems)
    problems.raise_if_any()
    return _frames(network.node_rows(), network.leg_rows())


def read_all(
    sources: Iterable[Source],
    *,
    names: Sequence[str | None] | None = None,
    base: tuple[gpd.GeoDataFrame, gpd.GeoDataFrame] | None = None,
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
    network = _Registry.from_base(base)
    files = []
    for number, (source, name) in enumerate(zip(sources, names, strict=True), start=1):
        label = network.unique_name(_source_name(source, name, number))
        files.append(_parse(source, label, problems))
    for data in files:
        network.add_file(data, problems)
    for data in files:
        network.check_legs(data, problems)
    if not problems:
        network.check_connected(problems)
    problems.raise_if_any()
    return _frames(network.node_rows(), network.leg_rows())


# --------------------------------------------------------------------------
# reading bytes and JSON


class _NonFinite:
    """Stands for a NaN/Infinity constant, which plain JSON does not allow."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


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


def _shown_path(path: Path) -> str:
    """A path as printed in a problem: quoted, escaped and cut to a readable length."""
    text = repr(str(path))
    return text if len(text) <= _MAX_PATH_SHOWN else text[: _MAX_PATH_SHOWN - 4] + "...'"


def _looks_like_json(text: str) -> bool:
    return text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") or "\n" in text


def _size_text(size: int) -> str:
    if size >= 2**20:
        return f"{size / 2**20:.3g} MiB ({size:,} bytes)"
    return f"{size:,} bytes"


def _too_large(what: str, size: int | None) -> str:
    found = "" if size is None else f" {size:,} bytes,"
    return f"{what} is{found} larger than the limit of {_size_text(MAX_FILE_BYTES)}"


def _read_text(source: Source, out: Collector) -> str | None:
    if isinstance(source, str) and _looks_like_json(source):
        # checked before encoding: a character is at least one byte
        size = len(source) if len(source) > MAX_FILE_BYTES else len(source.encode("utf-8", "surrogatepass"))
        if size > MAX_FILE_BYTES:
            out.add(_too_large("text", size))
            return None
        return source.removeprefix("\ufeff")
    data = _read_bytes(source, out)
    if data is None:
        return None
    if len(data) > MAX_FILE_BYTES:
        out.add(_too_large("file", None if len(data) == MAX_FILE_BYTES + 1 else len(data)))
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        out.add(f"not UTF-8 text: byte {data[err.start]:#04x} at offset {err.start} cannot be decoded")
        return None


def _read_bytes(source: Source, out: Collector) -> bytes | None:
    if isinstance(source, bytes | bytearray | memoryview):
        size = source.nbytes if isinstance(source, memoryview) else len(source)
        if size > MAX_FILE_BYTES:  # before copying
            out.add(_too_large("upload", size))
            return None
        return bytes(source)
    if isinstance(source, str | os.PathLike):
        return _read_path(Path(source), out)
    read = getattr(source, "read", None)
    if not callable(read):
        out.add(f"cannot read GeoJSON from {type(source).__name__}: give a path, bytes or text")
        return None
    try:
        data = read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as err:
        out.add(f"cannot read upload: {err}")
        return None
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")
    if not isinstance(data, bytes | bytearray):
        out.add("cannot read upload: read() returned neither bytes nor text")
        return None
    return bytes(data)


def _read_path(path: Path, out: Collector) -> bytes | None:
    try:
        if not path.is_file():
            reason = "no such file" if not path.exists() else "not a regular file"
            out.add(f"cannot read {_shown_path(path)}: {reason}")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            out.add(_too_large("file", size))
            return None
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)  # it may have grown since
    except (OSError, ValueError) as err:  # ValueError: e.g. an embedded NUL
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        out.add(f"cannot read {_shown_path(path)}: {reason[:200]}")
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


def _load_json(text: str, out: Collector) -> Any:
    depth = _nesting_depth(text)
    if depth > MAX_DEPTH:
        out.add(f"arrays/objects nested {depth:,} levels deep, over the limit of {MAX_DEPTH}")
        return _UNREADABLE
    try:
        return json.loads(text, parse_constant=_NonFinite)
    except json.JSONDecodeError as err:
        where = f"line {err.lineno}, column {err.colno}"
        what = err.msg.removesuffix(" at")  # "Unterminated string starting at" names a place too
        out.add(f"not valid JSON: {what} at {where}")
    except RecursionError:  # not reached after the depth check; kept as a guard
        out.add(f"arrays/objects nested too deeply, over the limit of {MAX_DEPTH}")
    except ValueError as err:  # e.g. an integer with thousands of digits
        reason = "a number has too many digits" if "digits" in str(err) else str(err)[:120]
        out.add(f"not valid JSON: {reason}")
    return _UNREADABLE


def _features(doc: Any, out: Collector) -> list[Any] | None:
    if not isinstance(doc, dict):
        out.add(f"not a GeoJSON FeatureCollection: the top level is {_json_type(doc)}")
        return None
    kind = doc.get("type")
    if kind != "FeatureCollection":
        hint = "; wrap the feature in a FeatureCollection" if kind == "Feature" else ""
        out.add(f"not a GeoJSON FeatureCollection: 'type' is {describe(kind)}{hint}")
        return None
    features = doc.get("features")
    if not isinstance(features, list):
        out.add(f"'features' must be an array, got {_json_type(features)}")
        return None
    if len(features) > MAX_FEATURES:
        out.add(f"{len(features):,} features, over the limit of {MAX_FEATURES:,}")
        return None
    if not features:
        out.add("the FeatureCollection has no features")
    return features


def _json_type(value: Any) -> str:
    if isinstance(value, _NonFinite):
        return f"the non-finite number {value.text}"
    if isinstance(value, int | float):
        return f"the {'boolean' if isinstance(value, bool) else 'number'} {json.dumps(value)[:40]}"
    return _JSON_TYPES.get(type(value), type(value).__name__)


# --------------------------------------------------------------------------
# one file


@dataclass
class _Item:
    """One node or leg feature: where it is and what could be read from it."""

    index: int
    row: dict[str, Any]


@dataclass
class _FileData:
    name: str
    nodes: dict[str, _Item] = field(default_factory=dict)
    legs: dict[str, _Item] = field(default_factory=dict)


def _parse(source: Source, name: str, problems: Collector) -> _FileData:
    data = _FileData(name)
    out = Collector(name)
    text = _read_text(source, out)
    doc = _load_json(text, out) if text is not None else _UNREADABLE
    features = _features(doc, out) if doc is not _UNREADABLE else None
    positions = _Budget()
    for index, feature in enumerate(features or []):
        _add_feature(data, index, feature, out, positions)
        if positions.exhausted:
            out.add(f"more than {MAX_POSITIONS:,} positions; stopped reading at feature {index}")
            break
    problems.merge(out)
    return data


@dataclass
class _Budget:
    """What one file may still use: positions, and typo checks (difflib is slow)."""

    used: int = 0
    typo_checks: int = _MAX_TYPO_CHECKS
    typo_cache: dict[tuple[tuple[str, ...], str], str | None] = field(default_factory=dict)

    @property
    def exhausted(self) -> bool:
        return self.used > MAX_POSITIONS


class _Feature:
    """Checks one feature, recording problems under its index and id."""

    def __init__(self, index: int, raw: dict[str, Any], out: Collector, budget: _Budget | None = None) -> None:
        self.index = index
        self.out = out
        self.budget = _Budget() if budget is None else budget
        props = raw.get("properties")
        self.props: dict[str, Any] = props if isinstance(props, dict) else {}
        raw_id = self.props.get("id")
        self.id = raw_id if isinstance(raw_id, str) and schema.ID_PATTERN.fullmatch(raw_id) else None

    def problem(self, field_name: str | None, message: str) -> None:
        self.out.add(message, index=self.index, field=field_name, feature_id=self.id)

    def text(
        self,
        name: str,
        *,
        required: bool,
        choices: Sequence[str] | None = None,
        what: str | None = None,
    ) -> str | None:
        value = self.props.get(name)
        if value is None:
            if required:
                self.problem(name, _missing_message(name, self.props))
            return None
        if not isinstance(value, str):
            self.problem(name, f"expected a string, got {_json_type(value)}")
            return None
        problem = _text_problem(value)
        if problem is None and choices is not None and value not in choices:
            problem = _choice_problem(what or name, value, choices)
        if problem is not None:
            self.problem(name, problem)
            return None
        return value

    def identifier(self, name: str) -> str | None:
        value = self.text(name, required=True)
        if value is not None and not schema.ID_PATTERN.fullmatch(value):
            self.problem(
                name,
                f"{describe(value)} is not a valid id: use letters, digits and '_.:-', "
                "no spaces, at most 80 characters",
            )
            return None
        return value

    def number(self, name: str) -> float | None:
        value = self.props.get(name)
        if value is None:
            return None
        number = _finite(value)
        if number is None or number <= 0:
            self.problem(name, f"expected a positive number, got {_json_type(value)}")
            return None
        return number

    def integer(self, name: str, choices: Sequence[int]) -> int | None:
        value = self.props.get(name)
        number = _finite(value)
        if number is None or not number.is_integer() or int(number) not in choices:
            allowed = " or ".join(str(c) for c in choices)
            self.problem(name, f"expected {allowed}, got {_json_type(value)}")
            return None
        return int(number)

    def boolean(self, name: str) -> bool | None:
        value = self.props.get(name)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.problem(name, f"expected true or false, got {_json_type(value)}")
            return None
        return value

    def text_list(self, name: str, choices: Sequence[str], *, what: str) -> list[str] | None:
        value = self.props.get(name)
        if value is None:
            self.problem(name, _missing_message(name, self.props) + " (use [] for none)")
            return None
        if not isinstance(value, list):
            self.problem(name, f"expected an array of strings, got {_json_type(value)}")
            return None
        good = True
        seen: set[str] = set()
        for position, item in enumerate(value):
            problem = None
            if not isinstance(item, str):
                problem = f"item {position} is {_json_type(item)}, expected a string"
            elif item not in choices:
                problem = f"item {position}: " + _choice_problem(what, item, choices)
            elif item in seen:
                problem = f"item {position}: {describe(item)} is listed twice"
            if problem is not None:
                self.problem(name, problem)
                good = False
                if len(value) > len(choices) * 2:  # a hostile list: one problem is enough
                    self.problem(name, f"{len(value):,} items; there are only {len(choices)} {what}s")
                    break
            else:
                seen.add(item)
        return list(value) if good else None

    def typos(self, known: Sequence[str]) -> None:
        known = tuple(known)
        cache = self.budget.typo_cache
        for key in self.props:
            if key in known:
                continue
            if (known, key) not in cache:
                if self.budget.typo_checks <= 0:  # a hostile number of names: ignore the rest
                    continue
                self.budget.typo_checks -= 1
                close = difflib.get_close_matches(key, known, n=1, cutoff=_TYPO_CUTOFF)
                cache[known, key] = close[0] if close else None
            meant = cache[known, key]
            if meant is not None:
                self.problem(key, f"unknown property {describe(key)}; did you mean {meant!r}?")


def _missing_message(name: str, props: dict[str, Any]) -> str:
    if name in props:
        return f"required property {name!r} is null"
    return f"missing required property {name!r}"


def _text_problem(value: str) -> str | None:
    if not value.strip():
        return "is empty"
    if len(value) > schema.MAX_TEXT_LENGTH:
        return f"is {len(value):,} characters long, over the limit of {schema.MAX_TEXT_LENGTH:,}"
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in value):
        return f"{describe(value)} contains control characters"
    return None


def _choice_problem(what: str, value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {what} {describe(value)} (expected one of: {', '.join(choices)}){hint}"


def _finite(value: Any) -> float | None:
    """Return `value` as a finite float, or None if it is not a finite JSON number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _add_feature(
    data: _FileData, index: int, raw: Any, out: Collector, positions: _Budget
) -> None:
    if not isinstance(raw, dict):
        out.add(f"not a GeoJSON Feature: got {_json_type(raw)}", index=index)
        return
    feature = _Feature(index, raw, out, positions)
    if raw.get("type") != "Feature":
        feature.problem("type", f"expected 'Feature', got {describe(raw.get('type'))}")
    if not isinstance(raw.get("properties"), dict):
        feature.problem("properties", f"expected an object, got {_json_type(raw.get('properties'))}")
    geometry = raw.get("geometry")
    kind = _geometry_kind(geometry, feature)
    if kind == "node":
        row = _node_row(feature, geometry, positions)
        _register(data.nodes, feature, row)
        _check_unique(data, feature, data.legs)
    else:
        row = _leg_row(feature, geometry, positions)
        _register(data.legs, feature, row)
        _check_unique(data, feature, data.nodes)


def _geometry_kind(geometry: Any, feature: _Feature) -> str:
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
        got = f"geometry type {describe(gtype)}" if isinstance(geometry, dict) else f"geometry {_json_type(geometry)}"
        need = (
            "a node needs a Point"
            if kind == "node"
            else "a leg needs a LineString (a MultiLineString only when cut at the antimeridian)"
        )
        feature.problem("geometry", f"{got}: {need}")
    return kind


def _register(items: dict[str, _Item], feature: _Feature, row: dict[str, Any]) -> None:
    if feature.id is None:
        return
    if feature.id in items:
        first = items[feature.id].index
        feature.problem("id", f"duplicate id {describe(feature.id)}: already used by feature {first}")
        return
    items[feature.id] = _Item(feature.index, row)


def _check_unique(data: _FileData, feature: _Feature, others: dict[str, _Item]) -> None:
    if feature.id is not None and feature.id in others:
        first = others[feature.id].index
        feature.problem("id", f"duplicate id {describe(feature.id)}: already used by feature {first}")


# --------------------------------------------------------------------------
# node and leg properties


def _node_row(feature: _Feature, geometry: Any, positions: _Budget) -> dict[str, Any]:
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
    row["geometry"] = _point(feature, geometry, positions)
    return row


def _leg_row(feature: _Feature, geometry: Any, positions: _Budget) -> dict[str, Any]:
    row: dict[str, Any] = {"id": feature.identifier("id")}
    row["from"] = feature.identifier("from")
    row["to"] = feature.identifier("to")
    if row["from"] is not None and row["from"] == row["to"]:
        feature.problem("to", f"same node as 'from' ({describe(row['to'])}): a leg joins two nodes")
    row["mode"] = feature.text("mode", required=True, choices=schema.MODES)
    row["corridor"] = feature.text("corridor", required=True, choices=schema.CORRIDORS)
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
    row["note"] = feature.text("note", required=False)
    feature.typos(schema.LEG_FIELDS)
    row["geometry"] = _line(feature, geometry, positions)
    return row


def _gauge(feature: _Feature, mode: str | None) -> dict[str, Any]:
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
            feature.problem("gauge_mm", _missing_message("gauge_mm", feature.props) + " (rail legs need it)")
    dual = feature.boolean("dual_gauge")
    if dual and gauge is not None and gauge != schema.DUAL_GAUGE_MM:
        feature.problem("dual_gauge", f"a dual-gauge leg must declare gauge_mm {schema.DUAL_GAUGE_MM}")
    return {"gauge_mm": gauge, "dual_gauge": bool(dual)}


# --------------------------------------------------------------------------
# geometry


def _point(feature: _Feature, geometry: dict[str, Any], positions: _Budget) -> Point | None:
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    coords = geometry.get("coordinates")
    positions.used += 1
    problems: list[str] = []
    position = _position(coords, None, problems)
    _report_positions(feature, problems)
    return None if position is None else Point(position)


def _line(feature: _Feature, geometry: Any, positions: _Budget) -> LineString | MultiLineString | None:
    if not isinstance(geometry, dict) or geometry.get("type") not in ("LineString", "MultiLineString"):
        return None
    coords = geometry.get("coordinates")
    count = _vertex_count([coords] if geometry["type"] == "LineString" else coords)
    if count > MAX_VERTICES:
        feature.problem(
            "geometry", f"{count:,} positions, over the limit of {MAX_VERTICES:,} per geometry: simplify the line"
        )
        positions.used += count
        return None
    if geometry["type"] == "LineString":
        parts = _line_parts([coords], feature, positions, multi=False)
        return None if parts is None else _checked_line(feature, LineString(parts[0]))
    if not isinstance(coords, list) or not coords:
        got = _json_type(coords)
        feature.problem("geometry", f"MultiLineString coordinates must be a non-empty array of lines, got {got}")
        return None
    if len(coords) > MAX_PARTS:
        feature.problem(
            "geometry",
            f"a MultiLineString of {len(coords):,} lines, over the limit of {MAX_PARTS}: "
            "it is only for a leg cut at the antimeridian",
        )
        return None
    parts = _line_parts(coords, feature, positions, multi=True)
    if parts is None:
        return None
    line = MultiLineString(parts)
    if not is_antimeridian_cut(line):
        feature.problem(
            "geometry",
            "a MultiLineString is only allowed for a leg cut at the antimeridian (RFC 7946 §3.1.9): "
            "each part must end at ±180° where the next one starts at ∓180°; otherwise use a LineString",
        )
        return None
    return line


def _vertex_count(lines: Any) -> int:
    if not isinstance(lines, list):
        return 0
    return sum(len(line) for line in lines if isinstance(line, list))


def _line_parts(
    lines: list[Any], feature: _Feature, positions: _Budget, *, multi: bool
) -> list[list[tuple[float, float]]] | None:
    problems: list[str] = []
    parts: list[list[tuple[float, float]]] = []
    offset = 0
    for number, coords in enumerate(lines):
        where = f"line {number}: " if multi else ""
        if not isinstance(coords, list) or len(coords) < 2:  # noqa: PLR2004
            got = f"{len(coords)} position(s)" if isinstance(coords, list) else _json_type(coords)
            feature.problem("geometry", f"{where}a line needs an array of at least 2 positions, got {got}")
            return None
        positions.used += len(coords)
        if positions.exhausted:
            return None
        part = [_position(c, offset + i, problems) for i, c in enumerate(coords)]
        offset += len(coords)
        parts.append(part)  # type: ignore[arg-type]
    _report_positions(feature, problems)
    if problems:
        return None
    return parts


def _checked_line(feature: _Feature, line: LineString) -> LineString | None:
    crossings = crossing_segments(list(line.coords))
    if crossings:
        i = crossings[0]
        feature.problem(
            "geometry",
            f"crosses the antimeridian between positions {i} and {i + 1} without being cut: "
            "cut it at ±180° into a MultiLineString (RFC 7946 §3.1.9; corridors.network.geodesy.cut_antimeridian)",
        )
        return None
    if line.length == 0:
        feature.problem("geometry", "all positions are the same point: the line has zero length")
        return None
    return line


def _position(coords: Any, number: int | None, problems: list[str]) -> tuple[float, float] | None:
    where = "position" if number is None else f"position {number}"
    if not isinstance(coords, list) or len(coords) not in (2, 3):
        problems.append(f"{where} is not [longitude, latitude] (got {_json_type(coords)})")
        return None
    values = []
    for axis, value in zip(("longitude", "latitude", "altitude"), coords, strict=False):
        number_value = _finite(value)
        if number_value is None:
            problems.append(f"{where}: {axis} is {_json_type(value)}, expected a finite number")
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


def _report_positions(feature: _Feature, problems: list[str]) -> None:
    for message in problems[:_MAX_POSITION_PROBLEMS]:
        feature.problem("geometry", message)
    extra = len(problems) - _MAX_POSITION_PROBLEMS
    if extra > 0:
        feature.problem("geometry", f"{extra} more positions with problems")


# --------------------------------------------------------------------------
# across files


@dataclass
class _Registry:
    """The network being assembled: every node and leg with where it came from."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    legs: dict[str, dict[str, Any]] = field(default_factory=dict)
    where: dict[tuple[str, str], tuple[str, int | None]] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)

    @classmethod
    def from_base(cls, base: tuple[gpd.GeoDataFrame, gpd.GeoDataFrame] | None) -> _Registry:
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
        unique, number = name, 2
        while unique in self.names:
            unique, number = f"{name} ({number})", number + 1
        self.names.add(unique)
        return unique

    def add_file(self, data: _FileData, problems: Collector) -> None:
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

    def _add_node(self, name: str, node_id: str, item: _Item, problems: Collector) -> None:
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

    def check_legs(self, data: _FileData, problems: Collector) -> None:
        for leg_id, item in data.legs.items():
            if self.legs.get(leg_id, {}).get("file") != data.name:
                continue  # a duplicate id, already reported
            for message, field_name in _leg_problems(item.row, self.nodes):
                problems.add(message, source=data.name, index=item.index, field=field_name, feature_id=leg_id)

    def check_connected(self, problems: Collector) -> None:
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
        corridors: dict[str, set[str]] = {node_id: set() for node_id in self.nodes}
        for row in self.legs.values():
            for end in (row["from"], row["to"]):
                corridors.setdefault(end, set()).add(row["corridor"])
        return [{**row, "corridors": sorted(corridors[node_id])} for node_id, row in self.nodes.items()]

    def leg_rows(self) -> list[dict[str, Any]]:
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


def _frames(
    nodes: list[dict[str, Any]], legs: list[dict[str, Any]]
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    return nodes_to_gdf(nodes), legs_to_gdf(legs)
