"""Engine parameters: speeds, dwell ranges, costs, emission factors, seasons.

Every default lives in ``corridors/data/defaults.toml`` with its source; this
module only loads that file into a typed, immutable :class:`Params` model and
applies overrides. Nothing here is a figure.

Examples
--------
>>> from corridors.model.params import default_params
>>> p = default_params()
>>> p.speed["sea"].kmh > 30
True
>>> slow = p.with_overrides({"speed.sea": 18})
>>> slow.speed["sea"].value, slow.speed["sea"].source
(18.0, 'override')
"""

from __future__ import annotations

import functools
import json
import math
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import pydantic
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from corridors._errors import Problem, ValidationError
from corridors._paths import DEFAULTS_PATH
from corridors._text import listed, short
from corridors.model.montecarlo import MAX_SAMPLES
from corridors.network import schema
from corridors.network.geodesy import KM_PER_NM

__all__ = [
    "DEFAULTS_PATH",
    "DWELL_KEYS",
    "ICE_CLASSES",
    "MAX_DWELL_H",
    "MAX_FIGURE",
    "MAX_SPEED_FACTOR",
    "MAX_SPEED_KMH",
    "MIN_SPACING_KM",
    "MIN_SPEED_FACTOR",
    "MIN_SPEED_KMH",
    "NODE_DWELL_MODES",
    "SPEED_KEYS",
    "TRANSFER_KEYS",
    "DwellRange",
    "Figure",
    "NodeDwell",
    "Params",
    "PortCalls",
    "SeaService",
    "Speed",
    "default_params",
    "load_params",
]

"""The bundled defaults file."""

ICE_CLASSES = ("none", "Ice1", "Ice2", "Ice3", "Arc4", "Arc5", "Arc6", "Arc7", "Arc8", "Arc9")
"""Ice classes of the Russian Maritime Register, weakest first (``none``: no ice class)."""

SPEED_KEYS = (*schema.MODES, "nsr_independent", "nsr_escorted")
"""Keys of :attr:`Params.speed`: one per mode plus the two NSR speeds."""

TRANSFER_KEYS = ("port", "ferry_port", "gauge", "intermodal", "transshipment")
"""Kinds of transfer at a node (see :mod:`corridors.model.expanded`); ``transshipment``
is a box moved from a deep-sea ship to a feeder ship (or back) at a hub port."""

DWELL_KEYS = (*TRANSFER_KEYS, "border_rail", "border_road", "port_call")
"""Keys of :attr:`Params.dwell` (``port_call``: one intermediate liner port call)."""

NODE_DWELL_MODES = ("any", *schema.MODES)
"""Keys of a per-mode :class:`NodeDwell` entry (``any``: every mode not listed)."""

BORDER_MODES = ("rail", "road")
"""Land modes that pay a border crossing."""

# Bounds on figures, so that every total the engine computes stays finite
# (a scenario may set any figure; 1e-300 km/h or 1e308 USD/TEU-km made
# infinite weights and nonsense answers).
MAX_FIGURE = 1e9
"""Largest value of any figure (USD, USD/TEU-km, g/t-km, t/TEU, km ...)."""
MIN_SPEED_KMH = 0.01
"""Slowest speed accepted, in km/h (after unit conversion)."""
MAX_SPEED_KMH = 10_000.0
"""Fastest speed accepted, in km/h (after unit conversion)."""
MIN_SPEED_FACTOR = 0.01
"""Smallest speed factor accepted."""
MAX_SPEED_FACTOR = 100.0
"""Largest speed factor accepted."""
MAX_DWELL_H = 100_000.0
"""Longest dwell accepted, in hours (about 11 years)."""
MIN_SPACING_KM = 1.0
"""Shortest distance between intermediate port calls, in km."""

_KMH_PER = {"kn": KM_PER_NM, "km/h": 1.0, "km/day": 1.0 / 24.0}
_OVERRIDE_SOURCE = "override"
# Mappings whose keys a user may add (everything else has a fixed set of keys).
_OPEN_MAPPINGS = {
    ("dwell_node",),
    ("chokepoint_dwell",),
    ("cost", "chokepoint_fee"),
    ("port_calls", "spacing_km"),
}
# Open mappings whose new entries may be a plain number: (unit of the figure it makes).
_NUMBER_ENTRIES = {("cost", "chokepoint_fee"): "USD/TEU", ("port_calls", "spacing_km"): "km"}

Mode = Literal["sea", "rail", "road", "ferry", "river"]
SpeedKey = Literal["sea", "rail", "road", "ferry", "river", "nsr_independent", "nsr_escorted"]
DwellKey = Literal[
    "port", "ferry_port", "gauge", "intermodal", "transshipment", "border_rail", "border_road", "port_call"
]
TransferKey = Literal["port", "ferry_port", "gauge", "intermodal", "transshipment"]
IceClass = Literal["none", "Ice1", "Ice2", "Ice3", "Arc4", "Arc5", "Arc6", "Arc7", "Arc8", "Arc9"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Figure(_Frozen):
    """One published or estimated figure.

    Parameters
    ----------
    value
        The number (never negative).
    unit
        Its unit, e.g. ``"USD/TEU"``.
    source
        Where it was published, or ``"estimate: <reasoning>"``.
    """

    value: float = Field(ge=0, le=MAX_FIGURE)
    unit: str
    source: str = Field(min_length=1)


class Speed(Figure):
    """A speed in ``kn``, ``km/h`` or ``km/day``; :attr:`kmh` converts it."""

    value: float = Field(gt=0)
    unit: Literal["kn", "km/h", "km/day"]

    @model_validator(mode="after")
    def _in_range(self) -> Speed:
        if not MIN_SPEED_KMH <= self.kmh <= MAX_SPEED_KMH:
            shown = f"{self.value:g} {self.unit}" + ("" if self.unit == "km/h" else f" ({self.kmh:g} km/h)")
            msg = f"speed must be between {MIN_SPEED_KMH:g} and {MAX_SPEED_KMH:,.0f} km/h, got {shown}"
            raise ValueError(msg)
        return self

    @property
    def kmh(self) -> float:
        """The speed in km/h."""
        return self.value * _KMH_PER[self.unit]


class DwellRange(_Frozen):
    """A dwell time range in hours (low <= likely <= high).

    Parameters
    ----------
    low, likely, high
        Hours; ``likely`` is the deterministic figure, the range feeds the
        Monte Carlo.
    source
        Where it comes from.
    """

    low: float = Field(ge=0, le=MAX_DWELL_H)
    likely: float = Field(ge=0, le=MAX_DWELL_H)
    high: float = Field(ge=0, le=MAX_DWELL_H)
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> DwellRange:
        if not self.low <= self.likely <= self.high:
            msg = f"need low <= likely <= high, got {self.low}, {self.likely}, {self.high}"
            raise ValueError(msg)
        return self


class NodeDwell(_Frozen):
    """Dwell ranges at one node, per mode of the crossing or transfer there.

    The mode of a crossing is its land mode, road before rail (as for the
    border fee: a road-rail crossing pays the road border), else its water
    mode (ferry, river, sea). A range replaces the whole dwell of a crossing
    in that mode at the node (transfer plus border); ``any`` covers every
    mode not listed. A mode with no range (and no ``any``) keeps the
    generic ranges of :attr:`Params.dwell`.

    Examples
    --------
    >>> NodeDwell(road=DwellRange(low=6, likely=48, high=192, source="queue")).for_mode("rail") is None
    True
    """

    any: DwellRange | None = None
    sea: DwellRange | None = None
    river: DwellRange | None = None
    ferry: DwellRange | None = None
    road: DwellRange | None = None
    rail: DwellRange | None = None

    @model_validator(mode="before")
    @classmethod
    def _known_modes(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            unknown = [k for k in data if k not in NODE_DWELL_MODES]
            if unknown:
                what = "mode" if len(unknown) == 1 else "modes"
                msg = f"unknown {what} {listed(unknown)[1:-1]}; known: {', '.join(NODE_DWELL_MODES)}"
                raise ValueError(msg)
            if not any(v is not None for v in data.values()):
                msg = f"give a dwell range for at least one of: {', '.join(NODE_DWELL_MODES)}"
                raise ValueError(msg)
        return data

    def for_mode(self, mode: str | None) -> DwellRange | None:
        """Return the range for a crossing in `mode` (``any`` when `mode` has none)."""
        found = getattr(self, mode, None) if mode in schema.MODES else None
        return found if found is not None else self.any

    def mode_of(self, mode: str | None) -> str | None:
        """Return the key that :meth:`for_mode` uses for `mode` (None when neither is set)."""
        if mode in schema.MODES and getattr(self, mode, None) is not None:
            return mode
        return "any" if self.any is not None else None


def _node_dwell_kind(value: Any) -> str:
    if isinstance(value, DwellRange):
        return "range"
    if isinstance(value, NodeDwell):
        return "modes"
    if isinstance(value, Mapping) and any(k in value for k in ("low", "likely", "high")):
        return "range"
    return "modes"  # a per-mode table (or something invalid, reported as one)


_NODE_DWELL_TAGS = ("range", "modes")
NodeDwellEntry = Annotated[
    Annotated[DwellRange, Tag(_NODE_DWELL_TAGS[0])] | Annotated[NodeDwell, Tag(_NODE_DWELL_TAGS[1])],
    Discriminator(_node_dwell_kind),
]
"""A :attr:`Params.dwell_node` entry: one range for every mode, or per-mode ranges."""


class Spacing(Figure):
    """A distance between intermediate port calls, in km (at least :data:`MIN_SPACING_KM`)."""

    value: float = Field(ge=MIN_SPACING_KM, le=MAX_FIGURE)
    unit: Literal["km"] = "km"


class PortCalls(_Frozen):
    """Intermediate liner port calls on sea legs (see :mod:`corridors.model.costs`).

    A sea leg of ``d`` km on a corridor listed in :attr:`spacing_km` makes
    ``d / spacing`` expected intermediate calls, each with the dwell range
    ``Params.dwell["port_call"]``. Corridors not listed make no calls.
    """

    source: str = Field("no intermediate port calls", min_length=1)
    spacing_km: dict[str, Spacing] = {}

    @field_validator("spacing_km")
    @classmethod
    def _known_corridors(cls, table: dict[str, Spacing]) -> dict[str, Spacing]:
        return _known_keys(table, schema.CORRIDORS, "corridor")


class SeaService(_Frozen):
    """Which sea legs deep-sea (mainline) ships sail and which only feeder ships.

    Sea legs in :attr:`feeder_legs` or on :attr:`feeder_corridors` are
    sailed only by feeder (regional, ice-class) ships; sea legs on
    :attr:`deep_sea_corridors` only by deep-sea ships; every other sea leg
    by either. A route that changes from one to the other pays a hub
    ``transshipment`` at a seaport (see :mod:`corridors.model.expanded`).
    """

    deep_sea_corridors: tuple[str, ...] = ()
    feeder_corridors: tuple[str, ...] = ()
    feeder_legs: tuple[str, ...] = ()
    source: str = Field("no feeder legs", min_length=1)

    @field_validator("deep_sea_corridors", "feeder_corridors")
    @classmethod
    def _known_corridors(cls, corridors: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [c for c in corridors if c not in schema.CORRIDORS]
        if unknown:
            msg = f"unknown corridors {listed(unknown)}; known: {list(schema.CORRIDORS)}"
            raise ValueError(msg)
        return tuple(dict.fromkeys(corridors))

    @field_validator("feeder_legs")
    @classmethod
    def _ids(cls, legs: tuple[str, ...]) -> tuple[str, ...]:
        bad = [leg for leg in legs if not schema.ID_PATTERN.fullmatch(leg)]
        if bad:
            msg = f"not valid leg ids: {listed(bad)}"
            raise ValueError(msg)
        return tuple(dict.fromkeys(legs))

    @model_validator(mode="after")
    def _disjoint(self) -> SeaService:
        both = sorted(set(self.deep_sea_corridors) & set(self.feeder_corridors))
        if both:
            msg = f"corridors {listed(both)} are both deep-sea and feeder-only"
            raise ValueError(msg)
        return self


class NsrRule(_Frozen):
    """Months an ice class may sail the NSR independently or with escort."""

    independent: tuple[int, ...] = ()
    escorted: tuple[int, ...] = ()
    source: str = Field(min_length=1)

    @field_validator("independent", "escorted")
    @classmethod
    def _months(cls, months: tuple[int, ...]) -> tuple[int, ...]:
        bad = [m for m in months if not 1 <= m <= 12]  # noqa: PLR2004
        if bad:
            msg = f"months must be 1-12, got {listed(bad)}"
            raise ValueError(msg)
        return tuple(sorted(set(months)))

    @model_validator(mode="after")
    def _disjoint(self) -> NsrRule:
        both = sorted(set(self.independent) & set(self.escorted))
        if both:
            msg = f"months {listed(both)} are both independent and escorted"
            raise ValueError(msg)
        return self


class NsrSeason(_Frozen):
    """NSR admission rules by ice class (see :mod:`corridors.model.seasons`)."""

    source: str = Field(min_length=1)
    reference_length_km: float = Field(gt=0)
    reference_length_source: str = Field(min_length=1)
    rules: dict[IceClass, NsrRule]

    @field_validator("rules")
    @classmethod
    def _every_class(cls, rules: dict[str, NsrRule]) -> dict[str, NsrRule]:
        missing = [c for c in ICE_CLASSES if c not in rules]
        if missing:
            msg = f"missing rules for ice classes {listed(missing, 10)}"
            raise ValueError(msg)
        return rules


class NorthCaspian(_Frozen):
    """Winter effect on ``season = "north-caspian"`` legs."""

    winter_months: tuple[int, ...]
    winter_effect: Literal["slowed", "closed"]
    winter_speed_factor: float = Field(gt=0, le=1)
    source: str = Field(min_length=1)

    @field_validator("winter_months")
    @classmethod
    def _months(cls, months: tuple[int, ...]) -> tuple[int, ...]:
        return NsrRule._months(months)  # noqa: SLF001


class Seasons(_Frozen):
    """Seasonal rules."""

    nsr: NsrSeason
    north_caspian: NorthCaspian


class Costs(_Frozen):
    """Cost figures (USD per TEU or per TEU-km)."""

    per_teu_km: dict[Mode, Figure]
    transfer: dict[TransferKey, Figure]
    border: dict[Literal["rail", "road"], Figure]
    chokepoint_fee: dict[str, Figure] = {}
    nsr_escort: Figure

    @field_validator("per_teu_km")
    @classmethod
    def _every_mode(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return _require_keys(table, schema.MODES)

    @field_validator("transfer")
    @classmethod
    def _every_transfer(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return _require_keys(table, TRANSFER_KEYS)

    @field_validator("border")
    @classmethod
    def _every_border(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return _require_keys(table, BORDER_MODES)

    @field_validator("chokepoint_fee")
    @classmethod
    def _known_chokepoints(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return _known_keys(table, schema.CHOKEPOINTS, "chokepoint")


class Emissions(_Frozen):
    """Well-to-wheel emission intensities and the payload per TEU."""

    wtw_g_per_tkm: dict[Mode, Figure]
    tonnes_per_teu: Figure

    @field_validator("wtw_g_per_tkm")
    @classmethod
    def _every_mode(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return _require_keys(table, schema.MODES)


class MonteCarlo(_Frozen):
    """Monte Carlo settings for dwell times."""

    samples: int = Field(ge=1, le=MAX_SAMPLES)
    seed: int = Field(ge=0)
    distribution: Literal["pert", "triangular"]
    source: str = Field(min_length=1)


class Meta(_Frozen):
    """What the defaults are and which emission framework they follow."""

    name: str
    version: str
    currency: str
    emission_framework: str
    scope: str = ""


class Params(_Frozen):
    """Every engine parameter, immutable.

    Build it with :func:`default_params` (the bundled ``defaults.toml``) or
    :func:`load_params`, and derive variants with :meth:`with_overrides`.

    Attributes
    ----------
    speed : dict of str to Speed
        Per mode (``sea``, ``rail``, ``road``, ``ferry``, ``river``) plus
        ``nsr_independent`` and ``nsr_escorted``.
    speed_factor : dict of str to float
        Multiplier per mode (1.0 unless a scenario changes it).
    dwell : dict of str to DwellRange
        ``port``, ``ferry_port``, ``gauge``, ``intermodal``,
        ``transshipment`` (transfers), ``border_rail``, ``border_road``,
        ``port_call`` (one intermediate liner call).
    dwell_node : dict of str to DwellRange or NodeDwell
        Per node id: replaces the transfer/border range at that node, for
        every mode (a :class:`DwellRange`) or per mode of the crossing (a
        :class:`NodeDwell`).
    chokepoint_dwell : dict of str to DwellRange
        Per chokepoint key (e.g. the Suez convoy wait).
    port_calls : PortCalls
        Intermediate liner port calls on sea legs (spacing per corridor).
    sea_service : SeaService
        Deep-sea corridors and feeder-only legs (hub transshipment).
    cost : Costs
    emissions : Emissions
    seasons : Seasons
    montecarlo : MonteCarlo
    """

    meta: Meta
    speed: dict[SpeedKey, Speed]
    speed_factor: dict[Mode, Annotated[float, Field(ge=MIN_SPEED_FACTOR, le=MAX_SPEED_FACTOR)]] = Field(
        default_factory=lambda: dict.fromkeys(schema.MODES, 1.0)
    )
    dwell: dict[DwellKey, DwellRange]
    dwell_node: dict[str, NodeDwellEntry] = {}
    chokepoint_dwell: dict[str, DwellRange] = {}
    port_calls: PortCalls = PortCalls()
    sea_service: SeaService = SeaService()
    cost: Costs
    emissions: Emissions
    seasons: Seasons
    montecarlo: MonteCarlo

    @field_validator("speed")
    @classmethod
    def _every_speed(cls, table: dict[str, Speed]) -> dict[str, Speed]:
        return _require_keys(table, SPEED_KEYS)

    @field_validator("speed_factor")
    @classmethod
    def _factors(cls, table: dict[str, float]) -> dict[str, float]:
        return {mode: float(table.get(mode, 1.0)) for mode in schema.MODES}

    @field_validator("dwell")
    @classmethod
    def _every_dwell(cls, table: dict[str, DwellRange]) -> dict[str, DwellRange]:
        return _require_keys(table, DWELL_KEYS)

    @field_validator("chokepoint_dwell")
    @classmethod
    def _known_chokepoints(cls, table: dict[str, DwellRange]) -> dict[str, DwellRange]:
        return _known_keys(table, schema.CHOKEPOINTS, "chokepoint")

    @functools.cached_property
    def key(self) -> str:
        """A string identifying these values (for caches)."""
        return json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))

    def speed_kmh(self, key: str) -> float:
        """Return the speed `key` in km/h, times its mode's speed factor.

        Parameters
        ----------
        key
            A key of :attr:`speed`. The NSR speeds are ice limits and take
            no factor.

        Returns
        -------
        float
        """
        factor = self.speed_factor.get(key, 1.0)  # type: ignore[call-overload]
        return self.speed[key].kmh * factor

    def with_overrides(self, overrides: Mapping[str, Any], *, source: str = _OVERRIDE_SOURCE) -> Params:
        """Return a copy with some values replaced; `self` is unchanged.

        Parameters
        ----------
        overrides
            Nested mappings following the model (``{"speed": {"sea": 18}}``)
            or dotted keys (``{"speed.sea": 18}``), or both. A number given
            for a figure replaces its ``value``; a mapping replaces the listed
            fields. A figure or dwell range changed without its own
            ``source`` gets `source`.
        source
            Source recorded on changed figures.

        Returns
        -------
        Params

        Raises
        ------
        ValidationError
            Listing every unknown key and every invalid value at once.
        """
        nested, problems = _nest(overrides, source)
        base = self.model_dump(mode="python")
        _merge(base, nested, (), source, problems)
        try:
            params = Params.model_validate(base)
        except pydantic.ValidationError as err:
            problems.extend(pydantic_problems(err, source))
        if problems:
            raise ValidationError(problems)
        return params

    def figures(self) -> list[dict[str, Any]]:
        """Return every figure and dwell range with its source, as rows.

        Returns
        -------
        list of dict
            Keys ``parameter``, ``value`` (or ``low``/``likely``/``high``),
            ``unit``, ``source``.
        """
        rows: list[dict[str, Any]] = []
        _collect_figures(self.model_dump(mode="python"), (), rows)
        return rows


def default_params() -> Params:
    """Return the bundled defaults (loaded once, shared: it is immutable).

    Returns
    -------
    Params
    """
    return _cached_defaults()


@functools.lru_cache(maxsize=1)
def _cached_defaults() -> Params:
    return load_params(DEFAULTS_PATH)


def load_params(path: str | Path) -> Params:
    """Load parameters from a TOML file laid out like ``defaults.toml``.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    Params

    Raises
    ------
    ValidationError
        Listing every problem in the file.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ValidationError([Problem(path.name, None, None, f"invalid TOML: {err}")]) from err
    try:
        return Params.model_validate(data)
    except pydantic.ValidationError as err:
        raise ValidationError(pydantic_problems(err, path.name)) from err


def pydantic_problems(err: pydantic.ValidationError, source: str) -> list[Problem]:
    """Turn a pydantic error into :class:`~corridors._errors.Problem` rows.

    Parameters
    ----------
    err
        The pydantic error (it already holds every problem).
    source
        Where the data came from.

    Returns
    -------
    list of Problem
    """
    problems = []
    for item in err.errors(include_url=False):
        loc = list(item["loc"])
        if len(loc) > 2 and loc[0] == "dwell_node" and loc[2] in _NODE_DWELL_TAGS:  # noqa: PLR2004
            del loc[2]  # the union member's tag is not a key the user wrote
        field = ".".join(str(part) for part in loc) or None
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        elif "input" in item and item["type"] != "missing":
            message = f"{message} (got {short(item['input'])})"
        problems.append(Problem(source=source, index=None, field=field, message=message))
    return problems


def _require_keys(table: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    missing = [k for k in keys if k not in table]
    if missing:
        msg = f"missing entries {listed(missing, 10)}"
        raise ValueError(msg)
    return table


def _known_keys(table: dict[str, Any], keys: tuple[str, ...], what: str) -> dict[str, Any]:
    unknown = [k for k in table if k not in keys]
    if unknown:
        msg = f"unknown {what} keys {listed(unknown)}; known: {list(keys)}"
        raise ValueError(msg)
    return table


def _nest(overrides: Mapping[str, Any], source: str) -> tuple[dict[str, Any], list[Problem]]:
    nested: dict[str, Any] = {}
    problems: list[Problem] = []
    if not isinstance(overrides, Mapping):
        problems.append(
            Problem(source, None, None, f"overrides must be a mapping, got {type(overrides).__name__}")
        )
        return nested, problems
    for key, value in overrides.items():
        parts = str(key).split(".")
        target = nested
        for part in parts[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                problems.append(Problem(source, None, str(key), "conflicts with another override"))
                break
        else:
            last = parts[-1]
            if isinstance(value, Mapping) and isinstance(target.get(last), dict):
                target[last].update(value)
            else:
                target[last] = dict(value) if isinstance(value, Mapping) else value
    return nested, problems


def _merge(
    base: dict[str, Any], new: Mapping[str, Any], path: tuple[str, ...], source: str, problems: list[Problem]
) -> None:
    for key, value in new.items():
        here = (*path, key)
        field = ".".join(here)
        if path == ("dwell_node",) and key in base and isinstance(value, Mapping):
            value = _node_dwell_value(base, key, value)
        if key not in base:
            if path in _OPEN_MAPPINGS:
                if isinstance(value, Mapping):
                    base[key] = _with_source(dict(value), source, nested=path == ("dwell_node",))
                elif path in _NUMBER_ENTRIES and _is_number(value):
                    base[key] = {"value": value, "unit": _NUMBER_ENTRIES[path], "source": source}
                else:
                    base[key] = value
            elif len(path) == 2 and path[0] == "dwell_node":  # noqa: PLR2004
                message = f"unknown mode {key!r}; known: {', '.join(NODE_DWELL_MODES)}"
                problems.append(Problem(source, None, field, message))
            else:
                known = ", ".join(map(str, base)) or "none"
                problems.append(Problem(source, None, field, f"unknown key (known here: {known})"))
            continue
        current = base[key]
        if isinstance(current, dict) and _is_leaf(current):
            if isinstance(value, Mapping):
                unknown = [k for k in value if k not in current]
                if unknown:
                    problems.append(Problem(source, None, field, f"unknown fields {listed(unknown)}"))
                    continue
                current.update(value)
                if "source" not in value:
                    current["source"] = source
            elif "value" in current and _is_number(value):
                current["value"] = value
                current["source"] = source
            else:
                problems.append(
                    Problem(source, None, field, f"expected a number or a table, got {short(value)}")
                )
        elif isinstance(current, dict):
            if isinstance(value, Mapping):
                _merge(current, value, here, source, problems)
            else:
                problems.append(Problem(source, None, field, f"expected a table, got {short(value)}"))
        elif current is None and isinstance(value, Mapping):
            base[key] = _with_source(dict(value), source)  # an optional table set for the first time
        else:
            base[key] = value
            if key != "source" and "source" in base and "source" not in new and path not in _OPEN_MAPPINGS:
                base["source"] = source  # a table's own setting changed (e.g. sea_service.feeder_legs)


def _node_dwell_value(base: dict[str, Any], key: str, value: Mapping[str, Any]) -> Mapping[str, Any]:
    """Reconcile a ``dwell_node`` override with the entry it changes.

    A single range given for a node with per-mode ranges replaces them all
    (it is the range for every mode); per-mode ranges given for a node with
    a single range keep that range as ``any`` (every other mode).
    """
    current = base[key]
    if not isinstance(current, dict):
        return value
    is_range = any(k in value for k in ("low", "likely", "high"))
    current_is_range = _is_leaf(current)
    if is_range and not current_is_range:
        del base[key]
    elif not is_range and current_is_range:
        base[key] = {**dict.fromkeys(NODE_DWELL_MODES), "any": current}
    return value


def _with_source(value: dict[str, Any], source: str, *, nested: bool = False) -> dict[str, Any]:
    if nested and not any(k in value for k in ("low", "likely", "high", "source")):
        # a per-mode table (dwell_node): each range gets the source
        return {k: _with_source(dict(v), source) if isinstance(v, Mapping) else v for k, v in value.items()}
    value.setdefault("source", source)
    return value


def _is_leaf(value: dict[str, Any]) -> bool:
    return "source" in value and ("value" in value or "likely" in value or "independent" in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _collect_figures(data: Any, path: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    if not isinstance(data, dict):
        return
    if "source" in data and ("value" in data or "likely" in data):
        row: dict[str, Any] = {"parameter": ".".join(path)}
        for field in ("value", "low", "likely", "high"):
            if field in data:
                row[field] = data[field]
        row["unit"] = data.get("unit", "h")
        row["source"] = data["source"]
        rows.append(row)
        return
    for key, value in data.items():
        _collect_figures(value, (*path, str(key)), rows)
