"""Scenarios: small, named, shareable TOML files of changes to the defaults.

A scenario closes chokepoints, nodes, legs, corridors or modes; opens planned
legs; sets the month and the ship's ice class (for seasonal legs); and
overrides any default figure (speeds, speed factors, dwell ranges, costs,
emission factors). Example::

    name = "red-sea-closed"
    description = "Suez and Bab-el-Mandeb closed (Red Sea crisis)"
    closed_chokepoints = ["suez", "bab-el-mandeb"]
    month = 1
    ice_class = "none"

    [speed_factor]
    sea = 0.85

    [dwell.border_road]
    low = 24
    likely = 48
    high = 120

    [dwell_node.AZ-YALAMA.road]       # one node, one mode of crossing
    likely = 96

    [port_calls.spacing_km]
    suez = 4000

    [cost.chokepoint_fee]
    suez = 120

Scenarios never change the network: the engine applies them through edge
weights (see :mod:`corridors.model.expanded`).
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import stat
import threading
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pydantic
from pydantic import BaseModel, ConfigDict, Field

from corridors._errors import MAX_PROBLEMS, Problem, ValidationError
from corridors._paths import PRESETS_DIR
from corridors._text import describe, suggest
from corridors.model.params import IceClass, Params, default_params, pydantic_problems
from corridors.network import schema

__all__ = [
    "MAX_SCENARIO_BYTES",
    "MAX_SCENARIO_DEPTH",
    "OVERRIDE_SECTIONS",
    "PRESETS_DIR",
    "Scenario",
    "load_scenario",
    "presets",
    "toml_dumps",
]

"""Folder of the bundled preset scenarios (one ``<name>.toml`` each)."""

OVERRIDE_SECTIONS = (
    "speed",
    "speed_factor",
    "dwell",
    "dwell_node",
    "chokepoint_dwell",
    "port_calls",
    "sea_service",
    "cost",
    "emissions",
)
"""Scenario tables that override :class:`~corridors.model.params.Params` fields."""

_ID_LISTS = ("closed_nodes", "closed_legs", "open_legs")
_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _.()+-]{0,79}$"

MAX_SCENARIO_BYTES = 100_000
"""Largest scenario text or file, in bytes (checked before decoding or parsing)."""
MAX_SCENARIO_DEPTH = 16
"""Most levels of nested tables/arrays (and parts of one dotted key) in a scenario."""
_MAX_TOML_BYTES = MAX_SCENARIO_BYTES  # the old private name


class Scenario(BaseModel):
    """A named set of changes to the network's availability and the defaults.

    Construct it with keywords, :meth:`from_toml` or :meth:`from_dict`;
    every constructor reports all problems at once as a
    :class:`~corridors._errors.ValidationError`.

    Parameters
    ----------
    name
        Short name (letters, digits, space, ``_ . ( ) + -``).
    description
        One or two sentences for people.
    month
        1-12 for seasonal legs (NSR ice rules, northern-Caspian winter), or
        None to plan for year-round service (each seasonal leg at its worst).
    ice_class
        ``"none"``, ``"Ice1"``-``"Ice3"``, ``"Arc4"``-``"Arc9"``.
    closed_chokepoints, closed_corridors, closed_modes
        Keys from :mod:`corridors.network.schema` (``CHOKEPOINTS``, ``CORRIDORS``,
        ``MODES``).
    closed_nodes, closed_legs
        Node and leg ids (checked against the network when applied).
    open_legs
        Ids of planned / under-construction legs to treat as operational.
    speed, speed_factor, dwell, dwell_node, chokepoint_dwell, port_calls, sea_service, cost, emissions
        Overrides of :class:`~corridors.model.params.Params` (same layout; plain
        numbers allowed for figures). ``dwell_node`` takes one range per
        node (every mode) or ranges per mode of the crossing
        (``[dwell_node.AZ-YALAMA.road]``); node ids are checked against
        the network, modes at construction.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    name: str = Field(pattern=_NAME_PATTERN)
    description: str = Field("", max_length=2000)
    month: int | None = Field(None, ge=1, le=12)
    ice_class: IceClass = "none"
    closed_chokepoints: tuple[str, ...] = ()
    closed_nodes: tuple[str, ...] = ()
    closed_legs: tuple[str, ...] = ()
    closed_corridors: tuple[str, ...] = ()
    closed_modes: tuple[str, ...] = ()
    open_legs: tuple[str, ...] = ()
    speed: dict[str, Any] = {}
    speed_factor: dict[str, Any] = {}
    dwell: dict[str, Any] = {}
    dwell_node: dict[str, Any] = {}
    chokepoint_dwell: dict[str, Any] = {}
    port_calls: dict[str, Any] = {}
    sea_service: dict[str, Any] = {}
    cost: dict[str, Any] = {}
    emissions: dict[str, Any] = {}

    def __init__(self, /, **data: Any) -> None:
        name = data.get("name", "")
        source = f"scenario {describe(name) if isinstance(name, str) else describe('')}"
        problems, data, dropped = _depth_problems(data, source)
        try:
            super().__init__(**data)
        except pydantic.ValidationError as err:
            problems.extend(p for p in pydantic_problems(err, source) if _top_field(p) not in dropped)
        problems.extend(_vocabulary_problems(data, source))
        problems.extend(_override_problems(data, source))
        if problems:
            raise ValidationError(_capped(problems, source))

    # ------------------------------------------------------------------ io
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str | None = None) -> Scenario:
        """Build and validate a scenario from a mapping (e.g. parsed TOML).

        Parameters
        ----------
        data
            Keys as in the class parameters.
        source
            Name used in problem messages (e.g. the file name).

        Returns
        -------
        Scenario

        Raises
        ------
        ValidationError
            Listing every problem at once.
        """
        if not isinstance(data, Mapping):
            message = f"a scenario must be a table, got {_type_name(data)}"
            raise ValidationError([Problem(source or "scenario", None, None, message)])
        try:
            return cls(**{str(k): v for k, v in data.items()})
        except ValidationError as err:
            if source is None:
                raise
            problems = [Problem(source, p.index, p.field, p.message, p.feature_id) for p in err.problems]
            raise ValidationError(problems) from None

    @classmethod
    def from_toml(
        cls, text_or_path: str | bytes | bytearray | memoryview | Path, *, allow_path: bool = False
    ) -> Scenario:
        """Read a scenario from TOML text (or bytes) or a ``.toml`` file.

        Parameters
        ----------
        text_or_path
            TOML text; UTF-8 bytes (e.g. an upload); or a file, given as a
            :class:`~pathlib.Path`. A string is always text unless
            `allow_path` is set.
        allow_path
            Also take a one-line string ending in ``.toml`` as the path of a
            file. Only for the operator's own input (the command line): a
            string from a user of the app must never name a server file.

        Returns
        -------
        Scenario

        Raises
        ------
        ValidationError
            For an unreadable file, text over :data:`MAX_SCENARIO_BYTES`
            bytes, text that is not UTF-8, invalid TOML, nesting deeper than
            :data:`MAX_SCENARIO_DEPTH`, or any invalid value (all listed).
        """
        text, source = _read_toml_source(text_or_path, allow_path=allow_path)
        problems = _toml_shape_problems(text, source)
        if problems:
            raise ValidationError(problems)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ValidationError([Problem(source, None, None, f"invalid TOML: {err}")]) from None
        except RecursionError:  # pragma: no cover - the shape check above prevents it
            message = f"invalid TOML: nested too deeply (limit {MAX_SCENARIO_DEPTH})"
            raise ValidationError([Problem(source, None, None, message)]) from None
        return cls.from_dict(data, source=source)

    def to_dict(self) -> dict[str, Any]:
        """Return the scenario as plain data, leaving out unset options.

        Returns
        -------
        dict
            ``Scenario.from_dict(s.to_dict()) == s``.
        """
        data = self.model_dump(mode="json", exclude_defaults=True)
        data["name"] = self.name
        data["description"] = self.description
        for key, value in list(data.items()):
            if isinstance(value, tuple):
                data[key] = list(value)
        return {"name": data.pop("name"), "description": data.pop("description"), **data}

    def to_toml(self) -> str:
        """Return the scenario as TOML text (readable by :meth:`from_toml`).

        Returns
        -------
        str
        """
        return toml_dumps(self.to_dict())

    # --------------------------------------------------------------- apply
    @functools.cached_property
    def key(self) -> str:
        """A string identifying the scenario's content (for caches)."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))

    def overrides(self) -> dict[str, Any]:
        """Return the parameter overrides this scenario makes.

        Returns
        -------
        dict
            Nested, for :meth:`Params.with_overrides`.
        """
        return {k: getattr(self, k) for k in OVERRIDE_SECTIONS if getattr(self, k)}

    def apply(self, params: Params | None = None) -> Params:
        """Return `params` (default: the bundled defaults) with this scenario's overrides.

        Parameters
        ----------
        params
            The base parameters.

        Returns
        -------
        Params
        """
        return _apply_cached(self, default_params() if params is None else params)

    def check_ids(
        self, node_ids: Iterable[str], leg_ids: Iterable[str], *, names: Mapping[str, str] | None = None
    ) -> None:
        """Check the node and leg ids the scenario names against a network.

        Parameters
        ----------
        node_ids, leg_ids
            Every id of the network.
        names
            Node id -> name, for suggestions.

        Raises
        ------
        ValidationError
            Listing every unknown id, with the closest known ids.
        """
        nodes = set(node_ids)
        legs = set(leg_ids)
        source = f"scenario {self.name!r}"
        problems: list[Problem] = []
        for field, ids, known in (
            ("closed_nodes", self.closed_nodes, nodes),
            ("closed_legs", self.closed_legs, legs),
            ("open_legs", self.open_legs, legs),
            ("dwell_node", tuple(self.dwell_node), nodes),
            ("sea_service.feeder_legs", _id_list(self.sea_service.get("feeder_legs")), legs),
        ):
            for index, id_ in enumerate(ids):
                if id_ not in known:
                    what = "node" if known is nodes else "leg"
                    # past the listed problems only the count matters: no (slow) suggestions
                    hint = ""
                    if len(problems) < MAX_PROBLEMS:
                        hint = suggest(id_, known, names if known is nodes else None)
                    problems.append(
                        Problem(source, None, f"{field}[{index}]", f"unknown {what} id {describe(id_)}{hint}")
                    )
        if problems:
            raise ValidationError(_capped(problems, source))

    def check(self, network: Any) -> None:
        """Check the scenario's ids against `network` (a Network or its graph).

        Parameters
        ----------
        network
            A :class:`corridors.network.loader.Network` or a base graph.

        Raises
        ------
        ValidationError
            Listing every unknown id.
        """
        graph = network if isinstance(network, nx.Graph) else network.graph
        names = {n: str(d.get("name") or n) for n, d in graph.nodes(data=True)}
        self.check_ids(graph.nodes, (k for _, _, k in graph.edges(keys=True)), names=names)


_APPLIED: dict[tuple[str, str], Params] = {}
_APPLIED_MAX = 64
_APPLIED_LOCK = threading.Lock()


def _apply_cached(scenario: Scenario, params: Params) -> Params:
    overrides = scenario.overrides()
    if not overrides:
        return params
    key = (scenario.key, params.key)
    with _APPLIED_LOCK:
        found = _APPLIED.get(key)
    if found is None:
        found = params.with_overrides(overrides, source=f"scenario {scenario.name!r}")
        with _APPLIED_LOCK:
            if len(_APPLIED) >= _APPLIED_MAX:
                _APPLIED.pop(next(iter(_APPLIED)))
            _APPLIED[key] = found
    return found


def presets() -> dict[str, Scenario]:
    """Return the bundled preset scenarios, by name (``baseline`` first).

    Returns
    -------
    dict of str to Scenario
        A new dict each call; the scenarios are immutable and shared.
    """
    return dict(_load_presets())


@functools.lru_cache(maxsize=1)
def _load_presets() -> tuple[tuple[str, Scenario], ...]:
    found = {}
    for path in sorted(PRESETS_DIR.glob("*.toml")):
        scenario = Scenario.from_toml(path)
        found[scenario.name] = scenario
    order = sorted(found, key=lambda n: (n != "baseline", n))
    return tuple((n, found[n]) for n in order)


def load_scenario(
    name_or_path: Scenario | str | Path | Mapping[str, Any] | bytes | None, *, allow_path: bool = False
) -> Scenario:
    """Return a scenario given a preset name, TOML text, a table or (from the command line) a file.

    Parameters
    ----------
    name_or_path
        A :class:`Scenario` (returned as is); None (the ``baseline``
        preset); a preset name (``"red-sea-closed"``); TOML text (a string
        with a newline or ``=``) or UTF-8 bytes; a mapping (as for
        :meth:`Scenario.from_dict`); or a :class:`~pathlib.Path` of a
        ``.toml`` file.
    allow_path
        Also read a string that is neither a preset name nor TOML text as
        the path of a file. Off by default: a name that comes from a user
        (the app, a URL) resolves only to the bundled presets and never
        reads a file; the command line's ``--scenario FILE`` sets it.

    Returns
    -------
    Scenario

    Raises
    ------
    ValidationError
        For an unknown name (with the closest presets), an unreadable or
        invalid file or text, or a value of another type.
    """
    if isinstance(name_or_path, Scenario):
        return name_or_path
    known = presets()
    if name_or_path is None:
        return known["baseline"]
    if isinstance(name_or_path, Path):  # a Path object: the caller means a file
        return Scenario.from_toml(name_or_path)
    if isinstance(name_or_path, bytes | bytearray | memoryview):
        return Scenario.from_toml(name_or_path)
    if isinstance(name_or_path, Mapping):
        return Scenario.from_dict(name_or_path)
    if not isinstance(name_or_path, str):
        message = (
            "a scenario must be a preset name, TOML text, a table or a Scenario, "
            f"got {_type_name(name_or_path)}"
        )
        raise ValidationError([Problem("scenario", None, None, message)])
    if name_or_path in known:
        return known[name_or_path]
    if "\n" in name_or_path or "=" in name_or_path:
        return Scenario.from_toml(name_or_path)
    if allow_path and os.path.lexists(name_or_path):  # lexists: False (not an error) for a NUL or a long name
        return Scenario.from_toml(Path(name_or_path))
    hint = suggest(name_or_path[:200], known, None)
    what = "preset scenario or file" if allow_path else "preset scenario"
    message = f"no {what} named {describe(name_or_path)}{hint}; presets: {', '.join(known)}"
    if not allow_path and _looks_like_a_path(name_or_path):
        message += " (a file path is not accepted here: give the scenario's TOML text)"
    return _raise(Problem("scenario", None, None, message))


# ---------------------------------------------------------------------- TOML
def toml_dumps(data: Mapping[str, Any]) -> str:
    """Serialise nested mappings of strings, numbers, booleans and lists to TOML.

    A small writer for scenario files (the standard library only reads
    TOML). None values are left out.

    Parameters
    ----------
    data
        Nested mappings; leaves are str, int, float (finite), bool or lists
        of those.

    Returns
    -------
    str
        TOML text that :func:`tomllib.loads` reads back to `data`.
    """
    lines: list[str] = []
    _toml_table(lines, (), data)
    return "\n".join(lines).lstrip("\n") + "\n"


def _toml_table(lines: list[str], path: tuple[str, ...], data: Mapping[str, Any]) -> None:
    scalars = [(k, v) for k, v in data.items() if v is not None and not isinstance(v, Mapping)]
    tables = [(k, v) for k, v in data.items() if isinstance(v, Mapping)]
    if path and (scalars or not tables):
        lines.append("")
        lines.append("[" + ".".join(_toml_key(p) for p in path) + "]")
    lines.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in scalars)
    for key, value in tables:
        _toml_table(lines, (*path, str(key)), value)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _toml_string(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.replace("\x7f", "\\u007f")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            msg = f"cannot write a non-finite number {value!r} to TOML"
            raise ValidationError(msg)
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    msg = f"cannot write a {type(value).__name__} to TOML"
    raise ValidationError(msg)


# ---------------------------------------------------------------- validation
def _vocabulary_problems(data: Mapping[str, Any], source: str) -> list[Problem]:
    problems = []
    for field, vocabulary in (
        ("closed_chokepoints", schema.CHOKEPOINTS),
        ("closed_corridors", schema.CORRIDORS),
        ("closed_modes", schema.MODES),
    ):
        values = data.get(field) or ()
        if isinstance(values, str) or not isinstance(values, Iterable):
            continue  # pydantic reports the type
        for index, value in enumerate(values):
            if not isinstance(value, str | int | float | bool):
                continue  # pydantic reports the type
            if value not in vocabulary:
                hint = suggest(str(value)[:200], vocabulary, None) if len(problems) < MAX_PROBLEMS else ""
                what = field.removeprefix("closed_")[:-1]
                message = f"unknown {what} {describe(value)}{hint}; known: {', '.join(vocabulary)}"
                problems.append(Problem(source, None, f"{field}[{index}]", message))
    for field in _ID_LISTS:
        values = data.get(field) or ()
        if isinstance(values, list | tuple):
            for index, value in enumerate(values):
                if not isinstance(value, str) or not schema.ID_PATTERN.fullmatch(value):
                    problems.append(Problem(source, None, f"{field}[{index}]", f"not a valid id: {describe(value)}"))
    return problems


def _override_problems(data: Mapping[str, Any], source: str) -> list[Problem]:
    overrides = {k: data[k] for k in OVERRIDE_SECTIONS if isinstance(data.get(k), Mapping) and data[k]}
    if not overrides:
        return []
    try:
        default_params().with_overrides(overrides, source=source)
    except ValidationError as err:
        return list(err.problems)
    return []


def _id_list(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def _read_toml_source(text_or_path: Any, *, allow_path: bool = False) -> tuple[str, str]:
    """Return ``(text, source name)``: the text checked for size and decoded, never over the limit."""
    if isinstance(text_or_path, Path) or (
        allow_path
        and isinstance(text_or_path, str)
        and "\n" not in text_or_path
        and text_or_path.strip().endswith(".toml")
    ):
        return _read_file(Path(text_or_path))
    if isinstance(text_or_path, bytes | bytearray | memoryview):
        data = bytes(text_or_path)
        _check_size(len(data), "scenario", "text")
        return _decode(data, "scenario"), "scenario"
    if not isinstance(text_or_path, str):
        message = f"scenario TOML must be text, bytes or a file path, got {_type_name(text_or_path)}"
        raise ValidationError([Problem("scenario", None, None, message)])
    _check_size(len(text_or_path), "scenario", "text")  # characters <= bytes: a quick first check
    _check_size(len(text_or_path.encode("utf-8", "surrogatepass")), "scenario", "text")
    return text_or_path.removeprefix("\ufeff"), "scenario"


def _read_file(path: Path) -> tuple[str, str]:
    shown = describe(str(path))
    name = describe(path.name).strip("'\"") if path.name else shown
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            _raise(Problem(name, None, None, f"cannot read {shown}: not a regular file"))
        _check_size(info.st_size, name, "file")
        with path.open("rb") as handle:
            data = handle.read(MAX_SCENARIO_BYTES + 1)  # a file that grows (or lies about its size)
    except ValidationError:
        raise
    except OSError as err:
        reason = err.strerror or type(err).__name__
        _raise(Problem(name, None, None, f"cannot read {shown}: {reason}"))
    except ValueError as err:  # e.g. an embedded NUL in the name
        _raise(Problem(name, None, None, f"cannot read {shown}: {err}"))
    _check_size(len(data), name, "file")
    return _decode(data, name), name


def _check_size(size: int, source: str, what: str) -> None:
    if size > MAX_SCENARIO_BYTES:
        message = f"{what} is {size:,} bytes, larger than the limit of {MAX_SCENARIO_BYTES:,} bytes"
        _raise(Problem(source, None, None, message))


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        _raise(Problem(source, None, None, f"not UTF-8 text (invalid byte at position {err.start:,})"))
    raise AssertionError  # pragma: no cover - _raise never returns


def _raise(problem: Problem) -> Any:
    raise ValidationError([problem])


def _looks_like_a_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.startswith("~") or text.strip().lower().endswith(".toml")


def _type_name(value: Any) -> str:
    name = type(value).__name__
    return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def _capped(problems: list[Problem], source: str) -> list[Problem]:
    """At most MAX_PROBLEMS problems, then one line counting the rest (as the GeoJSON reader does)."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem(source, None, None, f"{more} more problems not listed")]


def _top_field(problem: Problem) -> str | None:
    if problem.field is None:
        return None
    return re.split(r"[.\[]", problem.field, maxsplit=1)[0]


def _depth_problems(data: dict[str, Any], source: str) -> tuple[list[Problem], dict[str, Any], set[str]]:
    """Problems for values nested deeper than MAX_SCENARIO_DEPTH; those values are left out of `data`."""
    problems = []
    dropped = set()
    for key, value in data.items():
        depth = _depth(value, MAX_SCENARIO_DEPTH)
        if depth > MAX_SCENARIO_DEPTH:
            message = f"tables/arrays nested more than {MAX_SCENARIO_DEPTH} levels deep, over the limit"
            problems.append(Problem(source, None, str(key), message))
            dropped.add(str(key))
    if dropped:
        data = {k: v for k, v in data.items() if k not in dropped}
    return problems, data, dropped


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of mappings/lists in `value` (1 for a table of plain values), counted up to limit + 1."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, Mapping):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list | tuple | set | frozenset):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _toml_shape_problems(text: str, source: str) -> list[Problem]:
    """Nesting deeper than the limit, before tomllib sees it (it recurses, and slows down on long dotted keys).

    One linear pass: brackets of arrays and inline tables outside strings and
    comments, and the parts of each dotted key (in a key/value pair or a
    table header).
    """
    if text.count("[") + text.count("{") <= MAX_SCENARIO_DEPTH and text.count(".") < MAX_SCENARIO_DEPTH:
        return []
    depth, parts = _toml_shape(text)
    problems = []
    if depth > MAX_SCENARIO_DEPTH:
        message = f"arrays/inline tables nested {depth:,} levels deep, over the limit of {MAX_SCENARIO_DEPTH}"
        problems.append(Problem(source, None, None, message))
    if parts > MAX_SCENARIO_DEPTH:
        message = f"a dotted key of {parts:,} parts, over the limit of {MAX_SCENARIO_DEPTH}"
        problems.append(Problem(source, None, None, message))
    return problems


def _toml_shape(text: str) -> tuple[int, int]:
    """(deepest nesting of ``[``/``{`` values, most parts of one dotted key) in TOML text (approximate, linear)."""
    deepest = 0
    stack: list[str] = []
    key_mode = True  # reading a key (start of a line, after "{" or "," in an inline table, in a header)
    header = False  # in a table header "[a.b]" / "[[a.b]]"
    blank = True  # nothing but spaces so far on this line (outside any array)
    parts = most = 1
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in "\"'":
            triple = text.startswith(char * 3, i)
            quote = char * 3 if triple else char
            i += len(quote)
            while i < n:
                if char == '"' and text[i] == "\\":
                    i += 2
                    continue
                if text.startswith(quote, i):
                    i += len(quote)
                    break
                if not triple and text[i] == "\n":
                    break
                i += 1
            blank = False
            continue
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if char == "\n":
            if not stack:
                key_mode, header, blank, parts = True, False, True, 1
            i += 1
            continue
        if char in " \t\r":
            i += 1
            continue
        if char == "[" and not stack and (blank or (header and text[i - 1] == "[")):
            header = True
        elif char == "]" and header and not stack:
            key_mode, parts = False, 1
        elif key_mode and char == ".":
            parts += 1
            most = max(most, parts)
        elif key_mode and char == "=":
            key_mode, parts = False, 1
        elif char in "[{":
            stack.append(char)
            deepest = max(deepest, len(stack))
            key_mode, parts = char == "{", 1
        elif char in "]}":
            if stack:
                stack.pop()
            key_mode = False
        elif char == "," and stack and stack[-1] == "{":
            key_mode, parts = True, 1
        blank = False
        i += 1
    return deepest, most
