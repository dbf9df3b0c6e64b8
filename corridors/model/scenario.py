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
weights (see :mod:`corridors.model.view`). Reading and writing TOML is in
:mod:`corridors.model.scenario_toml`; the bundled presets and
:func:`~corridors.model.presets.load_scenario` in :mod:`corridors.model.presets`.
"""


from __future__ import annotations

import datetime
import functools
import json
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pydantic
from pydantic import BaseModel, ConfigDict, Field

from corridors._errors import MAX_PROBLEMS, Problem, ValidationError
from corridors._text import describe, suggest
from corridors.model.overrides import pydantic_problems
from corridors.model.param_services import DEFAULT_RAIL_SERVICE, RailService
from corridors.model.params import IceClass, Params, default_params
from corridors.model.scenario_checks import (
    OVERRIDE_SECTIONS,
    capped,
    override_problems,
    top_field,
    vocabulary_problems,
)
from corridors.model.scenario_toml import (
    MAX_SCENARIO_BYTES,
    MAX_SCENARIO_DEPTH,
    depth_problems,
    parse_scenario_toml,
    read_scenario_text,
    toml_dumps,
    type_name,
)

__all__ = [
    "MAX_SCENARIO_BYTES",
    "MAX_SCENARIO_DEPTH",
    "OVERRIDE_SECTIONS",
    "Scenario",
]


_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _.()+-]{0,79}$"


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
        Ignored when `departure` is set (its month is used).
    departure
        The departure date (ISO ``2026-10-20``): each seasonal leg takes the
        month in which the ship or train reaches it, and results show the
        arrival date with its P10-P90 window. None: no date (`month` decides).
    rail_service
        ``"express"``, ``"container"`` (default) or ``"wagonload"``: the rail
        service level (speeds and the wait for a train, ``[rail_services]``).
    ice_class
        ``"none"``, ``"Ice1"``-``"Ice3"``, ``"Arc4"``-``"Arc9"``.
    closed_chokepoints, closed_corridors, closed_modes
        Keys from :mod:`corridors.network.schema` (``CHOKEPOINTS``, ``CORRIDORS``,
        ``MODES``).
    closed_nodes, closed_legs
        Node and leg ids (checked against the network when applied).
    open_legs
        Ids of planned / under-construction legs to treat as operational.
    speed, speed_factor, moving_spread, rail_services, dwell, dwell_node, chokepoint_dwell, port_calls,
    sea_service, cost, emissions
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
    departure: datetime.date | None = None
    ice_class: IceClass = "none"
    rail_service: RailService = DEFAULT_RAIL_SERVICE
    closed_chokepoints: tuple[str, ...] = ()
    closed_nodes: tuple[str, ...] = ()
    closed_legs: tuple[str, ...] = ()
    closed_corridors: tuple[str, ...] = ()
    closed_modes: tuple[str, ...] = ()
    open_legs: tuple[str, ...] = ()
    speed: dict[str, Any] = {}
    speed_factor: dict[str, Any] = {}
    moving_spread: dict[str, Any] = {}
    rail_services: dict[str, Any] = {}
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
        problems, data, dropped = depth_problems(data, source)
        try:
            super().__init__(**data)
        except pydantic.ValidationError as err:
            problems.extend(p for p in pydantic_problems(err, source) if top_field(p) not in dropped)
        problems.extend(vocabulary_problems(data, source))
        problems.extend(override_problems(data, source))
        if problems:
            raise ValidationError(capped(problems, source))

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
            message = f"a scenario must be a table, got {type_name(data)}"
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
        text, source = read_scenario_text(text_or_path, allow_path=allow_path)
        return cls.from_dict(parse_scenario_toml(text, source), source=source)

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

    @property
    def start_month(self) -> int | None:
        """The month of departure: that of `departure` when set, else `month`."""
        return self.departure.month if self.departure is not None else self.month

    def at_month(self, month: int | None) -> Scenario:
        """Return this scenario without a departure date, for seasonal legs reached in `month`.

        Parameters
        ----------
        month
            1-12, or None for year-round service.

        Returns
        -------
        Scenario
            `self` when nothing changes.
        """
        if self.departure is None and self.month == month:
            return self
        return self.model_copy(update={"departure": None, "month": month})

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
            raise ValidationError(capped(problems, source))

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


def _id_list(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()
