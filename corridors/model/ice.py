"""Sea ice on a leg: status, speed, waiting, icebreaker fee and extra fuel.

The figures are data (``corridors/data/ice.toml``, loaded by
:mod:`corridors.model.ice_table`); this module only combines them. For one
sea area, month and ice class, each of three years (mild, typical, severe)
gives an ice condition; the class's admission in that condition (and, in NSR
waters, its legal months) says whether the ship sails independently, only
behind an icebreaker, or not at all. The typical year decides the status; the
mild and severe years make the spread:

- speed: mild year at the high speed, typical at the likely, severe at the low;
- waiting for a convoy, the icebreaker fee and the extra fuel are paid in the
  years that need escort; a severe year that bars the class even with escort
  adds the ``stuck`` wait to the high end;
- the chance of needing escort is the weight of the years that need it.

``month=None`` plans for year-round service: the worst month decides.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, replace
from typing import Literal

from corridors._errors import Problem, ValidationError
from corridors._text import short, suggest
from corridors.model.ice_table import CONDITIONS, Area, IceClassEntry, IceTable, ice_table
from corridors.model.param_models import ICE_CLASSES
from corridors.network.geodesy import KM_PER_NM

__all__ = ["ICE_AREAS", "IcePassage", "ice_passage", "ice_table"]

YEARS = ("mild", "typical", "severe")
"""The three years, easiest first."""
# Which end of a [low, likely, high] range each year takes: speeds (the mild
# year is fast: high speed) and costs (the mild year is cheap: low cost).
_SPEED_END = (2, 1, 0)
_COST_END = (0, 1, 2)

Status = Literal["open", "escorted", "closed"]
Triple = tuple[float, float, float]


@dataclass(frozen=True)
class IcePassage:
    """How a leg in one sea area can be sailed in a month by a ship of an ice class.

    Attributes
    ----------
    status : {"open", "escorted", "closed"}
        In a typical year: independent navigation, only behind an icebreaker,
        or not at all.
    speed_kn : tuple of float
        Effective speed over the leg, (fast, likely, slow): the mild, typical
        and severe years. ``(0, 0, 0)`` when closed.
    moving_h : tuple of float
        Moving hours for the leg's length, (low, likely, high); infinite when closed.
    escort_probability : float
        Chance (0..1) that the passage needs an icebreaker.
    wait_h : tuple of float
        Waiting for a convoy or for conditions, (low, likely, high); zeros
        when escort is never needed.
    fee_usd : tuple of float
        Icebreaker fee per TEU for this leg, (low, likely, high).
    fuel_factor : tuple of float
        Multiplier (>= 1) on the leg's open-water fuel and CO2e, (low, likely, high).
    note : str
        One readable sentence: area, month, class, ice, navigation, risk.
    source : str
        Where the figures come from (short).
    """

    status: Status
    speed_kn: Triple
    moving_h: Triple
    escort_probability: float
    wait_h: Triple
    fee_usd: Triple
    fuel_factor: Triple
    note: str
    source: str

    @property
    def closed(self) -> bool:
        """Whether the leg cannot be sailed (typical year)."""
        return self.status == "closed"


def ice_passage(
    area: str, month: int | None, ice_class: str, length_km: float, *, table: IceTable | None = None
) -> IcePassage:
    """Return how a leg of `length_km` in `area` is sailed in `month` by an `ice_class` ship.

    Parameters
    ----------
    area
        Sea-area id, one of :data:`ICE_AREAS` (of `table`).
    month
        The month the ship reaches the leg (1-12), or None for year-round
        planning (the worst month: closed if any month is).
    ice_class
        One of :data:`~corridors.model.param_models.ICE_CLASSES`; an area with
        its own ``ice_class`` (the northern Caspian's river-sea ships) uses that.
    length_km
        The leg's length (finite, >= 0).
    table
        The ice table (default: the bundled one).

    Returns
    -------
    IcePassage

    Raises
    ------
    ValidationError
        For an unknown area or ice class (with suggestions), a month outside
        1-12, or a negative or non-finite length.
    """
    table = ice_table() if table is None else table
    spec = _check(table, area, month, ice_class, length_km)
    if month is None:
        return _year_round(table, area, spec, ice_class, float(length_km))
    return _passage(table, area, spec, month, ice_class, float(length_km))


def _check(table: IceTable, area: str, month: object, ice_class: str, length_km: object) -> Area:
    problems = []
    spec = table.areas.get(area) if isinstance(area, str) else None
    if spec is None:
        names = {k: v.name for k, v in table.areas.items()}
        problems.append(f"unknown sea area {short(area)}{suggest(str(area), table.areas, names)}")
    if ice_class not in ICE_CLASSES:
        problems.append(f"unknown ice class {short(ice_class)}{suggest(str(ice_class), ICE_CLASSES)}")
    if month is not None and (isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12):  # noqa: PLR2004
        problems.append(f"month must be 1-12 or None, got {short(month)}")
    if (
        isinstance(length_km, bool)
        or not isinstance(length_km, (int, float))
        or not (math.isfinite(length_km) and length_km >= 0)
    ):
        problems.append(f"length_km must be a finite number >= 0, got {short(length_km)}")
    if problems:
        raise ValidationError([Problem("ice passage", None, None, p) for p in problems])
    assert spec is not None
    return spec


def _passage(table: IceTable, area: str, spec: Area, month: int, ice_class: str, length_km: float) -> IcePassage:
    cls = spec.ice_class or ice_class
    entry = table.classes[cls]
    winter = month in table.escort.winter_months
    conds = tuple(getattr(spec, year)[month - 1] for year in YEARS)
    legal = table.legal[cls]
    barred = spec.nsr and month not in legal.months
    escort_only = spec.nsr and month in legal.escort_only
    admits = tuple(_admission(spec, entry, c, winter=winter, escort_only=escort_only) for c in conds)
    source = f"ice.toml areas.{area} / classes.{cls}"
    if barred or admits[1] == "prohibited":
        note = _closed_note(spec, month, cls, conds[1], barred=barred, months=legal.months)
        return _closed(note, source)
    speeds, moving, waits, fees, fuels = [], [], [], [], []
    weight = dict(
        zip(YEARS, (table.escort.years.mild, table.escort.years.typical, table.escort.years.severe), strict=True)
    )
    p_escort = 0.0
    for i, (year, cond, admit) in enumerate(zip(YEARS, conds, admits, strict=True)):
        escorted = admit != "independent"
        speed = _speed(table, entry, cond, escorted=escorted)[_SPEED_END[i]] * spec.speed_scale
        speeds.append(speed)
        moving.append(length_km / (speed * KM_PER_NM))
        wait = table.escort.wait_h.winter if winter else table.escort.wait_h.summer
        waits.append(
            (wait[_COST_END[i]] if escorted else 0.0) + (table.escort.wait_h.stuck if admit == "prohibited" else 0.0)
        )
        fees.append(_fee(table, spec, cls, length_km, i, winter=winter) if escorted else 0.0)
        fuel = table.fuel.escorted if escorted else table.fuel.independent
        fuels.append(getattr(fuel, cond)[_COST_END[i]])
        p_escort += weight[year] if escorted else 0.0
    status: Status = "open" if admits[1] == "independent" else "escorted"
    note = _note(spec, month, cls, ice_class, conds, admits, p_escort, table.escort.wait_h.stuck)
    return IcePassage(
        status=status,
        speed_kn=_down(speeds),
        moving_h=_up(moving),
        escort_probability=round(min(1.0, p_escort), 6),
        wait_h=_up(waits),
        fee_usd=_up(fees),
        fuel_factor=_up(fuels),
        note=note,
        source=source,
    )


def _admission(spec: Area, entry: IceClassEntry, cond: str, *, winter: bool, escort_only: bool) -> str:
    admit = getattr(spec.admission, cond) if spec.admission is not None else entry.admits(cond, winter=winter)
    if escort_only and admit == "independent" and cond != "open":
        return "escort"
    return admit


def _speed(table: IceTable, entry: IceClassEntry, cond: str, *, escorted: bool) -> tuple[float, ...]:
    if cond == "open":
        return table.open.speed_kn
    own = entry.speed_kn.get(cond)  # type: ignore[call-overload]
    if not escorted and own is not None:
        return own
    convoy = getattr(table.escort.speed_kn, cond)
    return convoy if own is None else tuple(max(a, b) for a, b in zip(convoy, own, strict=True))


def _fee(table: IceTable, spec: Area, cls: str, length_km: float, year: int, *, winter: bool) -> float:
    tariff = table.tariff
    if spec.tariff == "port":
        return tariff.port.usd_per_teu[_COST_END[year]]
    rates = (tariff.winter_spring if winter else tariff.summer_autumn).rates(cls)
    rates = rates if rates is not None else tariff.summer_autumn.rates(cls)
    assert rates is not None
    per_zone = (rates[6] / 7, rates[4] / 5, rates[1] / 2)[_COST_END[year]]
    return per_zone * tariff.gt_per_teu / tariff.rub_per_usd * length_km / tariff.zone_length_km


def _year_round(table: IceTable, area: str, spec: Area, ice_class: str, length_km: float) -> IcePassage:
    months = {m: _passage(table, area, spec, m, ice_class, length_km) for m in range(1, 13)}
    who = _who(spec.ice_class or ice_class)
    closed = [calendar.month_abbr[m] for m, p in months.items() if p.closed]
    if closed:
        note = f"{spec.name}, {who}: closed in {', '.join(closed)} (no month set: planning for year-round service)"
        return replace(months[next(m for m, p in months.items() if p.closed)], note=note)
    worst = max(months, key=lambda m: months[m].moving_h[1] + months[m].wait_h[1])
    passage = months[worst]
    return replace(passage, note=f"year-round planning, worst month {calendar.month_name[worst]}: {passage.note}")


def _closed(note: str, source: str) -> IcePassage:
    zero = (0.0, 0.0, 0.0)
    return IcePassage("closed", zero, (math.inf,) * 3, 0.0, zero, zero, (1.0, 1.0, 1.0), note, source)


def _who(ice_class: str) -> str:
    return "non-ice-class ships" if ice_class == "none" else f"{ice_class} ships"


def _ice(cond: str) -> str:
    return "ice-free water" if cond == "open" else f"{cond} ice"


def _closed_note(spec: Area, month: int, cls: str, cond: str, *, barred: bool, months: tuple[int, ...]) -> str:
    head = f"{spec.name} in {calendar.month_name[month]}, {_who(cls)}: closed"
    if barred:
        legal = ", ".join(calendar.month_abbr[m] for m in months)
        return f"{head}; the NSR rules bar them this month (legal months: {legal})"
    return f"{head}; {_ice(cond)} in a typical year is beyond them even with icebreaker escort"


def _note(
    spec: Area,
    month: int,
    cls: str,
    asked: str,
    conds: tuple[str, ...],
    admits: tuple[str, ...],
    p: float,
    stuck: float,
) -> str:
    parts = [f"{spec.name} in {calendar.month_name[month]}, {_who(cls)}: {_ice(conds[1])} in a typical year"]
    parts.append("independent" if admits[1] == "independent" else "only with icebreaker escort")
    needs = [year for year, admit in zip(YEARS, admits, strict=True) if admit != "independent"]
    if admits[1] == "independent" and needs:
        parts.append(f"escort needed in {' and '.join(needs)} years (p={p:.2g})")
    elif admits[1] != "independent" and admits[0] == "independent":
        parts.append(f"escort needed except in mild years (p={p:.2g})")
    if admits[2] == "prohibited":
        parts.append(
            f"a severe year ({_ice(conds[2])}) bars them even with escort: up to {stuck:.0f} h more waiting"
            " for an icebreaker or easier ice in the high case"
        )
    if spec.ice_class is not None and spec.ice_class != asked:
        parts.append(f"river-sea ships taken as {spec.ice_class} whatever the ocean ship's class")
    return "; ".join(parts)


def _up(values: list[float]) -> Triple:
    low, likely, high = sorted(values)
    return (low, likely, high)


def _down(values: list[float]) -> Triple:
    fast, likely, slow = sorted(values, reverse=True)
    return (fast, likely, slow)


ICE_AREAS: tuple[str, ...] = tuple(ice_table().areas)
"""Sea-area ids of the bundled ice table, west to east (the northern Caspian last)."""

assert CONDITIONS[0] == "open"
