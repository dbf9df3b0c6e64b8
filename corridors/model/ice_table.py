"""The sea-ice table (``corridors/data/ice.toml``): its pydantic models and loader.

One immutable model per table of the file; :func:`load_ice_table` reads and
validates a file, reporting every problem at once (file name and key), and
:func:`ice_table` returns the bundled table, loaded once.
:mod:`corridors.model.ice` computes passages from it.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Annotated, Literal

import pydantic
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from corridors._errors import Problem, ValidationError
from corridors._paths import ICE_PATH
from corridors._text import listed
from corridors.model.overrides import pydantic_problems
from corridors.model.param_models import ICE_CLASSES, IceClass

__all__ = ["ADMISSIONS", "CONDITIONS", "Admission", "Area", "Condition", "IceClassEntry", "IceTable"]
__all__ += ["ice_table", "load_ice_table"]

CONDITIONS = ("open", "light", "medium", "heavy", "extreme")
"""Ice condition categories, easiest first."""
ADMISSIONS = ("independent", "escort", "prohibited")
"""How a ship may sail in a condition, most freely first."""

Condition = Literal["open", "light", "medium", "heavy", "extreme"]
IceCondition = Literal["light", "medium", "heavy", "extreme"]
Admission = Literal["independent", "escort", "prohibited"]
Month = Annotated[int, Field(ge=1, le=12)]
Source = Annotated[str, Field(min_length=1)]
_MAX_SPEED_KN = 40.0
_MAX_HOURS = 10_000.0
_MAX_FACTOR = 20.0


def _ordered(values: tuple[float, ...]) -> tuple[float, ...]:
    if list(values) != sorted(values):
        msg = f"need low <= likely <= high, got {', '.join(f'{v:g}' for v in values)}"
        raise ValueError(msg)
    return values


def _ascending(values: tuple[float, ...]) -> tuple[float, ...]:
    if list(values) != sorted(values):
        msg = "rates must not fall as the number of zones grows"
        raise ValueError(msg)
    return values


_Speed = Annotated[float, Field(gt=0, le=_MAX_SPEED_KN)]
_Hours = Annotated[float, Field(ge=0, le=_MAX_HOURS)]
_Factor = Annotated[float, Field(ge=1, le=_MAX_FACTOR)]
SpeedRange = Annotated[tuple[_Speed, _Speed, _Speed], AfterValidator(_ordered)]
HourRange = Annotated[tuple[_Hours, _Hours, _Hours], AfterValidator(_ordered)]
FactorRange = Annotated[tuple[_Factor, _Factor, _Factor], AfterValidator(_ordered)]
Rates = Annotated[
    tuple[Annotated[float, Field(ge=0, le=1e6)], ...], Field(min_length=7, max_length=7), AfterValidator(_ascending)
]
Months12 = Annotated[tuple[Condition, ...], Field(min_length=12, max_length=12)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Meta(_Frozen):
    """What the file is and how its three years are meant."""

    name: str
    version: str
    years: str
    source: Source


class ConditionInfo(_Frozen):
    """One ice condition category."""

    description: str = Field(min_length=1)
    source: Source


class OpenWater(_Frozen):
    """Speed in ice-free water, every class."""

    speed_kn: SpeedRange
    source: Source


class AdmissionTable(_Frozen):
    """Admission in each condition (an area's own rules replace the classes')."""

    open: Admission
    light: Admission
    medium: Admission
    heavy: Admission
    extreme: Admission
    source: Source


class Area(_Frozen):
    """One sea area: its ice in a mild, a typical and a severe year, month by month."""

    name: str = Field(min_length=1)
    massif: str
    nsr: bool
    tariff: Literal["nsr", "port"]
    mild: Months12
    typical: Months12
    severe: Months12
    source: Source
    ice_class: IceClass | None = None
    ice_class_source: str | None = None
    speed_scale: float = Field(default=1.0, gt=0, le=1)
    speed_scale_source: str | None = None
    admission: AdmissionTable | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Area:
        rank = CONDITIONS.index
        wrong = [
            str(m)
            for m, (a, b, c) in enumerate(zip(self.mild, self.typical, self.severe, strict=True), start=1)
            if not rank(a) <= rank(b) <= rank(c)
        ]
        problems = []
        if wrong:
            problems.append(f"need mild <= typical <= severe ice in every month, not so in month {', '.join(wrong)}")
        if self.ice_class is not None and not self.ice_class_source:
            problems.append("ice_class needs ice_class_source")
        if self.speed_scale != 1.0 and not self.speed_scale_source:
            problems.append("speed_scale needs speed_scale_source")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class IceClassEntry(_Frozen):
    """One ice class: admission per condition and its own speeds in ice.

    ``speed_kn`` is the class's speed in each ice condition: on its own where
    it may sail independently; where it needs escort, the faster of this and
    the convoy speed is used.
    """

    admission: dict[Condition, Admission]
    winter: dict[Condition, Admission] = {}
    speed_kn: dict[IceCondition, SpeedRange] = {}
    source: Source

    @model_validator(mode="after")
    def _complete(self) -> IceClassEntry:
        problems = []
        missing = [c for c in CONDITIONS if c not in self.admission]
        if missing:
            problems.append(f"admission lacks {listed(missing)}")
        for name, table in (("admission", self.admission), ("winter", self.admission | self.winter)):
            ranks = [ADMISSIONS.index(table[c]) for c in CONDITIONS if c in table]
            if ranks != sorted(ranks):
                problems.append(f"{name} must not get easier as the ice gets harder")
        free = {c for t in (self.admission, self.winter) for c, a in t.items() if a == "independent"} - {"open"}
        unspeeded = sorted(free - set(self.speed_kn), key=CONDITIONS.index)
        if unspeeded:
            problems.append(f"speed_kn lacks {listed(unspeeded)} (the class sails there independently)")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def admits(self, condition: str, *, winter: bool) -> str:
        """Return the admission in `condition` (the winter one when `winter`)."""
        if winter and condition in self.winter:
            return self.winter[condition]  # type: ignore[index]
        return self.admission[condition]  # type: ignore[index]


class Legal(_Frozen):
    """Months a class may sail NSR waters at all, and those only behind an icebreaker."""

    months: tuple[Month, ...]
    escort_only: tuple[Month, ...]
    source: Source

    @model_validator(mode="after")
    def _subset(self) -> Legal:
        if not set(self.escort_only) <= set(self.months):
            msg = "escort_only months must be among the months"
            raise ValueError(msg)
        return self


class EscortSpeeds(_Frozen):
    """Convoy speed behind an icebreaker, per ice condition."""

    light: SpeedRange
    medium: SpeedRange
    heavy: SpeedRange
    extreme: SpeedRange
    source: Source


class Years(_Frozen):
    """Weights of the mild, typical and severe years (they sum to 1)."""

    mild: float = Field(ge=0, le=1)
    typical: float = Field(ge=0, le=1)
    severe: float = Field(ge=0, le=1)
    source: Source

    @model_validator(mode="after")
    def _sum(self) -> Years:
        if abs(self.mild + self.typical + self.severe - 1.0) > 1e-9:  # noqa: PLR2004
            msg = "year weights must sum to 1"
            raise ValueError(msg)
        return self


class Waits(_Frozen):
    """Waiting for a convoy per escorted area, and the wait when a severe year bars the class."""

    summer: HourRange
    winter: HourRange
    stuck: _Hours
    source: Source


class Escort(_Frozen):
    """Icebreaker escort: season, speeds, waits and the year weights."""

    winter_months: tuple[Month, ...]
    winter_months_source: Source
    speed_kn: EscortSpeeds
    years: Years
    wait_h: Waits


class RateTable(_Frozen):
    """NSR tariff rates in RUB per GT for escort within 1..7 zones, per ice class."""

    source: Source
    none: Rates | None = None
    Ice1: Rates | None = None
    Ice2: Rates | None = None
    Ice3: Rates | None = None
    Arc4: Rates | None = None
    Arc5: Rates | None = None
    Arc6: Rates | None = None
    Arc7: Rates | None = None
    Arc8: Rates | None = None
    Arc9: Rates | None = None

    def rates(self, ice_class: str) -> tuple[float, ...] | None:
        """Return the seven rates of `ice_class`, or None when the table has none."""
        return getattr(self, ice_class)


class PortFee(_Frozen):
    """Icebreaker fee per escorted leg outside the NSR."""

    usd_per_teu: HourRange
    source: Source


class Tariff(_Frozen):
    """The icebreaker fee: NSR tariff tables, zone length and the per-TEU conversion."""

    zone_length_km: float = Field(gt=0, le=100_000)
    zone_length_source: Source
    per_zone: str
    gt_per_teu: float = Field(gt=0, le=1_000)
    gt_per_teu_source: Source
    rub_per_usd: float = Field(gt=0, le=100_000)
    rub_per_usd_source: Source
    winter_spring: RateTable
    summer_autumn: RateTable
    port: PortFee

    @model_validator(mode="after")
    def _summer_complete(self) -> Tariff:
        missing = [c for c in ICE_CLASSES if self.summer_autumn.rates(c) is None]
        if missing:
            msg = f"summer_autumn lacks rates for {listed(missing, 10)}"
            raise ValueError(msg)
        return self


class FuelTable(_Frozen):
    """Fuel (CO2e) per km against open water, per condition."""

    open: FactorRange
    light: FactorRange
    medium: FactorRange
    heavy: FactorRange
    extreme: FactorRange
    source: Source


class Fuel(_Frozen):
    """Fuel factors sailing independently and behind an icebreaker."""

    independent: FuelTable
    escorted: FuelTable


class IceTable(_Frozen):
    """The whole ice table (see ``corridors/data/ice.toml``)."""

    meta: Meta
    conditions: dict[Condition, ConditionInfo]
    open: OpenWater
    areas: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{0,39}$")], Area] = Field(min_length=1)
    classes: dict[IceClass, IceClassEntry]
    legal: dict[IceClass, Legal]
    escort: Escort
    tariff: Tariff
    fuel: Fuel

    @field_validator("conditions", "classes", "legal")
    @classmethod
    def _every_key(cls, value: dict[str, object], info: pydantic.ValidationInfo) -> dict[str, object]:
        wanted = CONDITIONS if info.field_name == "conditions" else ICE_CLASSES
        missing = [k for k in wanted if k not in value]
        if missing:
            msg = f"lacks {listed(missing, 10)}"
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _winter_rates(self) -> IceTable:
        winter = set(self.escort.winter_months)
        missing = [
            c
            for c, legal in self.legal.items()
            if winter & set(legal.months) and self.tariff.winter_spring.rates(c) is None
        ]
        if missing:
            msg = f"tariff.winter_spring lacks rates for {listed(missing, 10)}, legal in winter months"
            raise ValueError(msg)
        return self


def load_ice_table(path: str | Path) -> IceTable:
    """Load and validate an ice table laid out like ``ice.toml``.

    Parameters
    ----------
    path
        The TOML file.

    Returns
    -------
    IceTable

    Raises
    ------
    ValidationError
        Listing every problem found, each naming the file and the key.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ValidationError([Problem(path.name, None, None, f"invalid TOML: {err}")]) from err
    try:
        return IceTable.model_validate(data)
    except pydantic.ValidationError as err:
        raise ValidationError(pydantic_problems(err, path.name)) from err


def ice_table(path: str | Path = ICE_PATH) -> IceTable:
    """Return the ice table at `path`; the bundled one is loaded once and shared.

    Parameters
    ----------
    path
        The file (default: the bundled ``corridors/data/ice.toml``).

    Returns
    -------
    IceTable
    """
    if Path(path) == ICE_PATH:
        return _bundled()
    return load_ice_table(path)


@functools.lru_cache(maxsize=1)
def _bundled() -> IceTable:
    return load_ice_table(ICE_PATH)
