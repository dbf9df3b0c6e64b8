"""The figures :class:`~corridors.model.params.Params` is made of: speeds, dwell ranges, costs, emissions.

Each table of figures in ``corridors/data/defaults.toml`` is one immutable
pydantic model here (the rule tables are in :mod:`corridors.model.param_rules`);
:mod:`corridors.model.params` puts them together. The bounds below keep
every total the engine computes finite.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator, model_validator

from corridors._text import listed
from corridors.model.montecarlo import MAX_SAMPLES
from corridors.network import schema
from corridors.network.geodesy import KM_PER_NM

__all__ = [
    "BORDER_MODES",
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
    "NODE_DWELL_TAGS",
    "SPEED_KEYS",
    "TRANSFER_KEYS",
    "Costs",
    "DwellKey",
    "DwellRange",
    "Emissions",
    "Figure",
    "IceClass",
    "Meta",
    "Mode",
    "MonteCarlo",
    "NodeDwell",
    "NodeDwellEntry",
    "RangedFigure",
    "Speed",
    "SpeedKey",
    "TransferKey",
    "known_keys",
    "require_keys",
]

ICE_CLASSES = ("none", "Ice1", "Ice2", "Ice3", "Arc4", "Arc5", "Arc6", "Arc7", "Arc8", "Arc9")
"""Ice classes of the Russian Maritime Register, weakest first (``none``: no ice class)."""

SPEED_KEYS = ("sea", "road", "ferry", "river")
"""Keys of :attr:`Params.speed`: one per mode but rail (whose speeds are its service levels; ice speeds are
in :mod:`corridors.model.ice`)."""

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

Mode = Literal["sea", "rail", "road", "ferry", "river"]
SpeedKey = Literal["sea", "road", "ferry", "river"]
DwellKey = Literal[
    "port", "ferry_port", "gauge", "intermodal", "transshipment", "border_rail", "border_road", "port_call"
]
TransferKey = Literal["port", "ferry_port", "gauge", "intermodal", "transshipment"]
IceClass = Literal["none", "Ice1", "Ice2", "Ice3", "Arc4", "Arc5", "Arc6", "Arc7", "Arc8", "Arc9"]


class Frozen(BaseModel):
    """Base of every parameter model: immutable, no unknown keys, finite numbers."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Figure(Frozen):
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


class DwellRange(Frozen):
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


class NodeDwell(Frozen):
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


NODE_DWELL_TAGS = ("range", "modes")
"""Pydantic tags of the two kinds of :data:`NodeDwellEntry` (not keys a user writes)."""
NodeDwellEntry = Annotated[
    Annotated[DwellRange, Tag(NODE_DWELL_TAGS[0])] | Annotated[NodeDwell, Tag(NODE_DWELL_TAGS[1])],
    Discriminator(_node_dwell_kind),
]
"""A :attr:`Params.dwell_node` entry: one range for every mode, or per-mode ranges."""


class Costs(Frozen):
    """Cost figures (USD per TEU or per TEU-km)."""

    per_teu_km: dict[Mode, Figure]
    transfer: dict[TransferKey, Figure]
    border: dict[Literal["rail", "road"], Figure]
    chokepoint_fee: dict[str, Figure] = {}

    @field_validator("per_teu_km")
    @classmethod
    def _every_mode(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return require_keys(table, schema.MODES)

    @field_validator("transfer")
    @classmethod
    def _every_transfer(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return require_keys(table, TRANSFER_KEYS)

    @field_validator("border")
    @classmethod
    def _every_border(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return require_keys(table, BORDER_MODES)

    @field_validator("chokepoint_fee")
    @classmethod
    def _known_chokepoints(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return known_keys(table, schema.CHOKEPOINTS, "chokepoint")


class RangedFigure(Figure):
    """A figure with a published or estimated range: ``low <= value <= high``.

    ``low`` and ``high`` default to ``value`` (no range).
    """

    low: float | None = Field(None, ge=0, le=MAX_FIGURE)
    high: float | None = Field(None, ge=0, le=MAX_FIGURE)

    @model_validator(mode="after")
    def _ordered(self) -> RangedFigure:
        if not self.range[0] <= self.value <= self.range[1]:
            msg = f"need low <= value <= high, got {self.low}, {self.value}, {self.high}"
            raise ValueError(msg)
        return self

    @property
    def range(self) -> tuple[float, float]:
        """``(low, high)``, each defaulting to the value."""
        return (self.value if self.low is None else self.low, self.value if self.high is None else self.high)


class Emissions(Frozen):
    """Well-to-wheel emission intensities (with their ranges) and the payload per TEU."""

    wtw_g_per_tkm: dict[Mode, RangedFigure]
    tonnes_per_teu: Figure

    @field_validator("wtw_g_per_tkm")
    @classmethod
    def _every_mode(cls, table: dict[str, Figure]) -> dict[str, Figure]:
        return require_keys(table, schema.MODES)


class MonteCarlo(Frozen):
    """Monte Carlo settings for dwell times."""

    samples: int = Field(ge=1, le=MAX_SAMPLES)
    seed: int = Field(ge=0)
    distribution: Literal["pert", "triangular"]
    source: str = Field(min_length=1)


class Meta(Frozen):
    """What the defaults are and which emission framework they follow."""

    name: str
    version: str
    currency: str
    emission_framework: str
    scope: str = ""


def require_keys(table: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """Return `table`; raise ValueError naming the `keys` it lacks."""
    missing = [k for k in keys if k not in table]
    if missing:
        msg = f"missing entries {listed(missing, 10)}"
        raise ValueError(msg)
    return table


def known_keys(table: dict[str, Any], keys: tuple[str, ...], what: str) -> dict[str, Any]:
    """Return `table`; raise ValueError naming its keys that are not in `keys`."""
    unknown = [k for k in table if k not in keys]
    if unknown:
        msg = f"unknown {what} keys {listed(unknown)}; known: {list(keys)}"
        raise ValueError(msg)
    return table
