"""Service levels and the spread of moving time: rail services, weather, pathing and queues.

Tables of ``defaults.toml`` that give moving time a range (low / likely /
high), as :mod:`corridors.model.param_models` gives dwell one:

``[rail_services.<level>]``
    Express container trains, ordinary container trains and wagonload: a
    route speed range in km/day (fast / likely / slow, technical stops and
    yard time included, as operators publish them) and the wait for a
    train when a box is put on rail.
``[moving_spread.<mode>]``
    Factors on the likely moving time of sea, river, ferry and road legs
    (weather and currents at sea, queues and traffic on roads): the
    fastest plausible passage (``low``) and the slow tail (``high``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from corridors.model.param_models import MAX_SPEED_KMH, MIN_SPEED_KMH, DwellRange, Frozen, known_keys, require_keys

__all__ = [
    "DEFAULT_RAIL_SERVICE",
    "RAIL_SERVICES",
    "SPREAD_MODES",
    "MovingSpread",
    "RailService",
    "RailServiceLevel",
    "check_rail_services",
    "check_spreads",
]

RAIL_SERVICES = ("express", "container", "wagonload")
"""Rail service levels, fastest first."""

DEFAULT_RAIL_SERVICE = "container"
"""The service level a scenario uses unless it names another."""

SPREAD_MODES = ("sea", "river", "ferry", "road")
"""Modes whose moving-time spread is a factor (rail's comes from its service level)."""

RailService = Literal["express", "container", "wagonload"]

_HOURS_PER_DAY = 24.0
_SPREAD_LOW_MIN = 0.5  # the fastest passage is at least half the likely time
_SPREAD_HIGH_MAX = 5.0  # the slow tail is at most five times the likely time


class RailServiceLevel(Frozen):
    """One rail service level: its route speed range and the wait for a train.

    Attributes
    ----------
    name : str
        For people (``"express container train"``).
    fast, likely, slow : float
        Route speed in km/day (stops and yard time included): the fastest
        plausible run, the usual one and the slow tail.
    departure_wait : DwellRange
        Waiting for the train when a box is put on rail (a transfer onto a
        rail leg), hours.
    source : str
    """

    name: str
    fast: float
    likely: float
    slow: float
    unit: Literal["km/day"] = "km/day"
    departure_wait: DwellRange
    source: str

    @model_validator(mode="after")
    def _ordered(self) -> RailServiceLevel:
        for value in (self.fast, self.likely, self.slow):
            kmh = value / _HOURS_PER_DAY
            if not MIN_SPEED_KMH <= kmh <= MAX_SPEED_KMH:
                msg = f"speed must be between {MIN_SPEED_KMH * 24:g} and {MAX_SPEED_KMH * 24:,.0f} km/day, got {value:g}"
                raise ValueError(msg)
        if not self.slow <= self.likely <= self.fast:
            msg = f"need slow <= likely <= fast (km/day), got {self.slow:g}, {self.likely:g}, {self.fast:g}"
            raise ValueError(msg)
        return self

    def kmh(self) -> tuple[float, float, float]:
        """Return the (fast, likely, slow) speeds in km/h."""
        return (self.fast / _HOURS_PER_DAY, self.likely / _HOURS_PER_DAY, self.slow / _HOURS_PER_DAY)


class MovingSpread(Frozen):
    """Factors on a mode's likely moving time: ``low <= 1 <= high``.

    Attributes
    ----------
    low : float
        The fastest plausible passage as a share of the likely time (0.5-1).
    high : float
        The slow tail as a multiple of the likely time (1-5).
    source : str
    """

    low: float
    high: float
    source: str

    @model_validator(mode="after")
    def _around_one(self) -> MovingSpread:
        if not _SPREAD_LOW_MIN <= self.low <= 1.0 <= self.high <= _SPREAD_HIGH_MAX:
            msg = f"need 0.5 <= low <= 1 <= high <= 5, got low {self.low:g}, high {self.high:g}"
            raise ValueError(msg)
        return self


def check_rail_services(table: dict[str, RailServiceLevel]) -> dict[str, RailServiceLevel]:
    """Validator body: every level present, no unknown level."""
    known_keys(table, RAIL_SERVICES, "rail service")
    return require_keys(table, RAIL_SERVICES)


def check_spreads(table: dict[str, MovingSpread]) -> dict[str, MovingSpread]:
    """Validator body: every spread mode present, no unknown mode."""
    known_keys(table, SPREAD_MODES, "mode")
    return require_keys(table, SPREAD_MODES)



