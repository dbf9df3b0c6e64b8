"""Seasonal legs: the NSR and the northern Caspian / Volga in ice, by sea area and month.

The figures live in ``corridors/data/ice.toml`` and are computed by
:mod:`corridors.model.ice` (sea area x month x ice class x escort: speed
range, escort probability, convoy wait, icebreaker fee, fuel). This module
turns an ice passage into the :class:`SeasonState` the cost model reads.

A leg with ``season = "nsr"`` or ``"north-caspian"`` takes its sea area
from its ``ice_area`` property; a leg without one takes
:data:`DEFAULT_AREAS` (the severest NSR area, or the northern Caspian),
and its note says so. A scenario without a month (``month=None``) plans
for year-round service: each leg gets its worst month.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Literal

from corridors.model.ice import ICE_AREAS, IcePassage, ice_passage
from corridors.model.params import ICE_CLASSES

__all__ = [
    "DEFAULT_AREAS",
    "ICE_AREAS",
    "ICE_CLASSES",
    "NSR_TRANSIT_AREAS",
    "SeasonState",
    "ice_class_text",
    "leg_state",
    "month_name",
    "nsr_calendar",
]

Status = Literal["open", "escorted", "slowed", "closed"]

DEFAULT_AREAS = {"nsr": "east-siberian-e", "north-caspian": "north-caspian"}
"""Sea area of a seasonal leg that names none (an uploaded network): the severest of its season."""

NSR_TRANSIT_AREAS = ("kara-sw", "kara-ne", "laptev-w", "east-siberian-w", "east-siberian-e", "chukchi")
"""The sea areas a transit voyage crosses, Kara Gates to the Bering Strait (for :func:`nsr_calendar`)."""


@dataclass(frozen=True)
class SeasonState:
    """Availability of a leg in a month for an ice class.

    Attributes
    ----------
    status : {"open", "escorted", "slowed", "closed"}
    speed_key : str or None
        Key of :attr:`Params.speed` that caps the mode's speed (None: the
        mode's speed); kept for hand-made states in tests.
    speed_factor : float
        Multiplier on the speed.
    escort_fee : bool
        Kept for hand-made states (the ice model's fee is in `passage`).
    note : str
        Human-readable reason (sea area, month, ice, navigation, risk);
        empty for an ordinary open leg.
    passage : IcePassage or None
        The ice model's figures for this leg (moving range, convoy wait,
        icebreaker fee, fuel factor); None outside ice.
    """

    status: Status
    speed_key: str | None = None
    speed_factor: float = 1.0
    escort_fee: bool = False
    note: str = ""
    passage: IcePassage | None = None

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


def leg_state(
    season: str | None, month: int | None, ice_class: str, *, ice_area: str | None = None, length_km: float = 0.0
) -> SeasonState:
    """Return the state of a leg with the given ``season`` tag.

    Parameters
    ----------
    season
        The leg's ``season`` property (``"nsr"``, ``"north-caspian"`` or None).
    month
        The month the leg is reached (1-12), or None for year-round service.
    ice_class
        The ship's ice class (:data:`ICE_CLASSES`).
    ice_area
        The leg's sea area (:data:`ICE_AREAS`); None: :data:`DEFAULT_AREAS`.
    length_km
        The leg's length.

    Returns
    -------
    SeasonState
        Always open for a leg without a season.

    Raises
    ------
    ValidationError
        For an ``ice_area`` the ice table does not know.
    """
    if season not in DEFAULT_AREAS:
        return SeasonState("open")
    area = ice_area or DEFAULT_AREAS[season]  # type: ignore[index]
    passage = ice_passage(area, month, ice_class, length_km)
    note = passage.note
    if ice_area is None:
        note = f"{note} (the leg names no sea area: the severest {season} area assumed)"
    return SeasonState(passage.status, note=note, passage=passage)


def nsr_calendar() -> dict[str, list[str]]:
    """Return the state of a NSR transit for every ice class in every month.

    Returns
    -------
    dict of str to list of str
        Ice class -> twelve statuses (January first): ``"open"``,
        ``"escorted"`` or ``"closed"``, the worst over
        :data:`NSR_TRANSIT_AREAS`.
    """
    rank = {"open": 0, "escorted": 1, "closed": 2}
    calendar_ = {}
    for ice_class in ICE_CLASSES:
        row = []
        for month in range(1, 13):
            states = [ice_passage(a, month, ice_class, 100.0).status for a in NSR_TRANSIT_AREAS]
            row.append(max(states, key=rank.__getitem__))
        calendar_[ice_class] = row
    return calendar_
