"""Seasonal availability of NSR and northern-Caspian legs.

The rules themselves are data (``[seasons]`` in ``defaults.toml``); this
module only reads them.

Northern Sea Route (legs with ``season = "nsr"``)
    Month x ice class decide whether a ship may sail independently, only with
    icebreaker escort (slower, and an escort fee), or not at all. Encoded
    rules: Government Decree No. 1487 of 18 Sep 2020 (a permit per voyage;
    ice class, month and ice conditions decide independent vs escorted
    navigation); the 2013 NSR rules barring non-ice-class and Ice1-Ice3 ships
    from 16 Nov to 30 Jun; the 2024 change letting Arc7/Arc8 ships sail
    independently in January and June-December; the transit season of
    roughly early July to the second half of November (Arctic LIO).
Northern Caspian (legs with ``season = "north-caspian"``)
    The Volga-Caspian ship canal, the Volga delta and the Astrakhan/Olya
    approaches ice over in winter (December-March by default, an estimate):
    legs are slowed (default) or closed in those months.

A scenario without a month (``month=None``) plans for year-round service:
each leg gets its worst state over the twelve months.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Literal

from corridors.model.params import ICE_CLASSES, Params

__all__ = [
    "ICE_CLASSES",
    "SeasonState",
    "ice_class_text",
    "leg_state",
    "month_name",
    "north_caspian_state",
    "nsr_calendar",
    "nsr_state",
]

Status = Literal["open", "escorted", "slowed", "closed"]
_RANK = {"open": 0, "slowed": 1, "escorted": 1, "closed": 2}


@dataclass(frozen=True)
class SeasonState:
    """Availability of a seasonal leg in a month for an ice class.

    Attributes
    ----------
    status : {"open", "escorted", "slowed", "closed"}
    speed_key : str or None
        Key of :attr:`Params.speed` that replaces the mode's speed (the NSR
        speeds), or None to keep the mode's speed.
    speed_factor : float
        Multiplier on the speed (the winter factor of northern-Caspian legs).
    escort_fee : bool
        Whether the NSR icebreaker escort fee applies.
    note : str
        Human-readable reason, e.g. ``"NSR escorted in November for Arc4"``;
        empty for an ordinary open leg.
    """

    status: Status
    speed_key: str | None = None
    speed_factor: float = 1.0
    escort_fee: bool = False
    note: str = ""

    @property
    def closed(self) -> bool:
        """Whether the leg cannot be used."""
        return self.status == "closed"


def month_name(month: int | None) -> str:
    """Return ``"January"`` for 1, ``"any month (year-round)"`` for None."""
    return "any month (year-round)" if month is None else calendar.month_name[month]


def ice_class_text(ice_class: str) -> str:
    """Return ``"non-ice-class ships"`` or ``"Arc7 ships"``."""
    return "non-ice-class ships" if ice_class == "none" else f"{ice_class} ships"


def nsr_state(month: int | None, ice_class: str, params: Params) -> SeasonState:
    """Return the NSR state for a month and an ice class.

    Parameters
    ----------
    month
        1-12, or None for year-round service (the worst month decides).
    ice_class
        One of :data:`ICE_CLASSES`.
    params
        Holds the rules (``params.seasons.nsr``).

    Returns
    -------
    SeasonState
    """
    if month is None:
        return _nsr_year_round(ice_class, params)
    rule = params.seasons.nsr.rules[ice_class]
    who = ice_class_text(ice_class)
    when = month_name(month)
    if month in rule.independent:
        return SeasonState(
            "open", speed_key="nsr_independent", note=f"NSR open in {when} for {who} (independent)"
        )
    if month in rule.escorted:
        return SeasonState(
            "escorted",
            speed_key="nsr_escorted",
            escort_fee=True,
            note=f"NSR only with icebreaker escort in {when} for {who}",
        )
    return SeasonState("closed", note=f"NSR closed in {when} for {who}")


def north_caspian_state(month: int | None, params: Params) -> SeasonState:
    """Return the state of northern-Caspian / Volga legs in a month.

    Parameters
    ----------
    month
        1-12, or None for year-round service (winter decides).
    params
        Holds the winter months and effect (``params.seasons.north_caspian``).

    Returns
    -------
    SeasonState
    """
    rule = params.seasons.north_caspian
    if month is None:
        if not rule.winter_months:
            return SeasonState("open")
        return _winter(rule.winter_effect, rule.winter_speed_factor, "in winter (year-round service)")
    if month in rule.winter_months:
        return _winter(rule.winter_effect, rule.winter_speed_factor, f"in {month_name(month)}")
    return SeasonState("open")


def leg_state(season: str | None, month: int | None, ice_class: str, params: Params) -> SeasonState:
    """Return the state of a leg with the given ``season`` tag.

    Parameters
    ----------
    season
        The leg's ``season`` property (``"nsr"``, ``"north-caspian"`` or None).
    month, ice_class, params
        See :func:`nsr_state`.

    Returns
    -------
    SeasonState
        Always open for a leg without a season.
    """
    if season == "nsr":
        return nsr_state(month, ice_class, params)
    if season == "north-caspian":
        return north_caspian_state(month, params)
    return SeasonState("open")


def nsr_calendar(params: Params) -> dict[str, list[str]]:
    """Return the NSR state of every ice class in every month.

    Parameters
    ----------
    params
        Holds the rules.

    Returns
    -------
    dict of str to list of str
        Ice class -> twelve statuses (January first): ``"open"``,
        ``"escorted"`` or ``"closed"``.
    """
    return {c: [nsr_state(m, c, params).status for m in range(1, 13)] for c in ICE_CLASSES}


def _winter(effect: str, factor: float, when: str) -> SeasonState:
    if effect == "closed":
        return SeasonState("closed", note=f"northern Caspian / Volga closed by ice {when}")
    return SeasonState("slowed", speed_factor=factor, note=f"northern Caspian / Volga slowed by ice {when}")


def _worst(states: list[SeasonState]) -> SeasonState:
    return max(states, key=lambda s: _RANK[s.status])


def _nsr_year_round(ice_class: str, params: Params) -> SeasonState:
    states = [nsr_state(m, ice_class, params) for m in range(1, 13)]
    worst = _worst(states)
    who = ice_class_text(ice_class)
    months = [month_name(m)[:3] for m, s in enumerate(states, start=1) if s.status == worst.status]
    if worst.status == "open":
        note = f"NSR open year-round for {who}"
    else:
        verb = "closed" if worst.status == "closed" else "only with icebreaker escort"
        note = f"NSR {verb} for {who} in {', '.join(months)} (no month set: planning for year-round service)"
    return SeasonState(
        worst.status,
        speed_key=worst.speed_key,
        speed_factor=worst.speed_factor,
        escort_fee=worst.escort_fee,
        note=note,
    )
