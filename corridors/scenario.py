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
weights (see :mod:`corridors.multimodal`).
"""

from __future__ import annotations

import difflib
import functools
import json
import math
import re
import threading
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pydantic
from pydantic import BaseModel, ConfigDict, Field

from corridors import schema
from corridors._errors import ValidationError
from corridors._validate import Problem
from corridors.params import IceClass, Params, default_params, pydantic_problems

__all__ = [
    "OVERRIDE_SECTIONS",
    "PRESETS_DIR",
    "Scenario",
    "load_scenario",
    "presets",
    "toml_dumps",
]

PRESETS_DIR = Path(__file__).parent / "data" / "scenarios"
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
"""Scenario tables that override :class:`~corridors.params.Params` fields."""

_ID_LISTS = ("closed_nodes", "closed_legs", "open_legs")
_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _.()+-]{0,79}$"
_MAX_TOML_BYTES = 100_000


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
        Keys from :mod:`corridors.schema` (``CHOKEPOINTS``, ``CORRIDORS``,
        ``MODES``).
    closed_nodes, closed_legs
        Node and leg ids (checked against the network when applied).
    open_legs
        Ids of planned / under-construction legs to treat as operational.
    speed, speed_factor, dwell, dwell_node, chokepoint_dwell, port_calls, sea_service, cost, emissions
        Overrides of :class:`~corridors.params.Params` (same layout; plain
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

    def __init__(self, **data: Any) -> None:
        source = f"scenario {data.get('name', '')!r}"
        problems: list[Problem] = []
        try:
            super().__init__(**data)
        except pydantic.ValidationError as err:
            problems.extend(pydantic_problems(err, source))
        problems.extend(_vocabulary_problems(data, source))
        problems.extend(_override_problems(data, source))
        if problems:
            raise ValidationError(problems)

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
            raise ValidationError([Problem(source or "scenario", None, None, "a scenario must be a table")])
        try:
            return cls(**{str(k): v for k, v in data.items()})
        except ValidationError as err:
            if source is None:
                raise
            problems = [Problem(source, p.index, p.field, p.message, p.feature_id) for p in err.problems]
            raise ValidationError(problems) from None

    @classmethod
    def from_toml(cls, text_or_path: str | Path) -> Scenario:
        """Read a scenario from TOML text or a ``.toml`` file.

        Parameters
        ----------
        text_or_path
            TOML text, or the path of a file (a :class:`~pathlib.Path`, or a
            one-line string ending in ``.toml``).

        Returns
        -------
        Scenario

        Raises
        ------
        ValidationError
            For invalid TOML or any invalid value (all listed).
        """
        text, source = _read_toml_source(text_or_path)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ValidationError([Problem(source, None, None, f"invalid TOML: {err}")]) from None
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
        problems = []
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
                    hint = _suggest(id_, known, names if known is nodes else None)
                    problems.append(
                        Problem(source, None, f"{field}[{index}]", f"unknown {what} id {id_!r}{hint}")
                    )
        if problems:
            raise ValidationError(problems)

    def check(self, network: Any) -> None:
        """Check the scenario's ids against `network` (a Network or its graph).

        Parameters
        ----------
        network
            A :class:`corridors.datasets.Network` or a base graph.

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


def load_scenario(name_or_path: Scenario | str | Path | None) -> Scenario:
    """Return a scenario given a preset name, a TOML file path or TOML text.

    Parameters
    ----------
    name_or_path
        A :class:`Scenario` (returned as is), None (the ``baseline``
        preset), a preset name (``"red-sea-closed"``), a path to a
        ``.toml`` file, or TOML text.

    Returns
    -------
    Scenario

    Raises
    ------
    ValidationError
        For an unknown name or an invalid file.
    """
    if isinstance(name_or_path, Scenario):
        return name_or_path
    known = presets()
    if name_or_path is None:
        return known["baseline"]
    if isinstance(name_or_path, str) and name_or_path in known:
        return known[name_or_path]
    if isinstance(name_or_path, Path) or (
        isinstance(name_or_path, str) and "\n" not in name_or_path and "=" not in name_or_path
    ):
        path = Path(name_or_path)
        if path.is_file():
            return Scenario.from_toml(path)
        hint = _suggest(str(name_or_path), known, None)
        message = f"no preset scenario or file named {str(name_or_path)!r}{hint}; presets: {', '.join(known)}"
        raise ValidationError([Problem("scenario", None, None, message)])
    return Scenario.from_toml(name_or_path)


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
            if value not in vocabulary:
                hint = _suggest(str(value), vocabulary, None)
                message = f"unknown {field.removeprefix('closed_')[:-1]} {value!r}{hint}; known: {', '.join(vocabulary)}"
                problems.append(Problem(source, None, f"{field}[{index}]", message))
    for field in _ID_LISTS:
        values = data.get(field) or ()
        if isinstance(values, list | tuple):
            for index, value in enumerate(values):
                if not isinstance(value, str) or not schema.ID_PATTERN.fullmatch(value):
                    problems.append(Problem(source, None, f"{field}[{index}]", f"not a valid id: {value!r}"))
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


def _suggest(value: str, known: Iterable[str], names: Mapping[str, str] | None) -> str:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    if not close:
        return ""
    shown = [f"{c!r} ({names[c]})" if names and c in names else repr(c) for c in close]
    return f"; did you mean {', '.join(shown)}?"


def _read_toml_source(text_or_path: str | Path) -> tuple[str, str]:
    if isinstance(text_or_path, Path) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and text_or_path.strip().endswith(".toml")
    ):
        path = Path(text_or_path)
        try:
            size = path.stat().st_size
            if size > _MAX_TOML_BYTES:
                raise ValidationError([Problem(path.name, None, None, f"file too large ({size} bytes)")])
            return path.read_text(encoding="utf-8"), path.name
        except OSError as err:
            raise ValidationError([Problem(str(path), None, None, f"cannot read: {err.strerror}")]) from None
        except UnicodeDecodeError:
            raise ValidationError([Problem(path.name, None, None, "not UTF-8 text")]) from None
    if len(text_or_path) > _MAX_TOML_BYTES:
        raise ValidationError([Problem("scenario", None, None, "scenario text too large")])
    return text_or_path, "scenario"
