"""The rule tables of :class:`~corridors.model.params.Params`: port calls, sea service, route ends.

Unlike the figures of :mod:`corridors.model.param_models`, these say *where*
something applies: which corridors make intermediate port calls, which sea
legs only feeder ships sail, and what happens at the ends of a route
(terminal handling, the first/last-mile truck leg). Seasons and ice are in
:mod:`corridors.model.ice`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from corridors._text import listed
from corridors.model.param_models import (
    MAX_FIGURE,
    MIN_SPACING_KM,
    DwellRange,
    Figure,
    Frozen,
    known_keys,
)
from corridors.network import schema

__all__ = [
    "TERMINAL_KINDS",
    "FirstMile",
    "PortCalls",
    "SeaService",
    "Spacing",
    "TerminalHandling",
]

TERMINAL_KINDS = ("seaport", "river_port", "rail_terminal", "city")
"""Node kinds where a box is loaded at the origin or unloaded at the destination (a port or a depot)."""

TerminalKind = Literal["seaport", "river_port", "rail_terminal", "city"]


class Spacing(Figure):
    """A distance between intermediate port calls, in km (at least :data:`MIN_SPACING_KM`)."""

    value: float = Field(ge=MIN_SPACING_KM, le=MAX_FIGURE)
    unit: Literal["km"] = "km"


class PortCalls(Frozen):
    """Intermediate liner port calls on sea legs (see :mod:`corridors.model.costs`).

    A sea leg of ``d`` km on a corridor listed in :attr:`spacing_km` makes
    ``d / spacing`` expected intermediate calls, each with the dwell range
    ``Params.dwell["port_call"]``. Corridors not listed make no calls.
    """

    source: str = Field("no intermediate port calls", min_length=1)
    spacing_km: dict[str, Spacing] = Field(default_factory=dict)

    @field_validator("spacing_km")
    @classmethod
    def _known_corridors(cls, table: dict[str, Spacing]) -> dict[str, Spacing]:
        return known_keys(table, schema.CORRIDORS, "corridor")


class SeaService(Frozen):
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


class TerminalHandling(Frozen):
    """Loading at the origin terminal and unloading at the destination terminal, by node kind.

    A route whose origin (destination) is a node of a kind listed here, or
    whose first (last) mile reaches one, pays the :attr:`origin`
    (:attr:`destination`) dwell range and the :attr:`fee` there. Other kinds
    (border crossings, sea waypoints, straits) pay nothing.
    """

    origin: dict[TerminalKind, DwellRange]
    destination: dict[TerminalKind, DwellRange]
    fee: dict[TerminalKind, Figure]
    source: str = Field(min_length=1)


class FirstMile(Frozen):
    """The truck leg joining a place that is not a node to the nearest terminals.

    Road distance = great-circle distance x :attr:`circuity`; speed, cost
    and CO2e are the ``road`` figures. A place farther than :attr:`max_km`
    (great circle) from every terminal of :attr:`kinds` is not served.
    """

    circuity: Figure
    max_km: Figure
    candidates: int = Field(ge=1, le=10)
    kinds: tuple[TerminalKind, ...] = Field(min_length=1)
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _circuity_at_least_one(self) -> FirstMile:
        if self.circuity.value < 1:
            msg = f"circuity must be at least 1 (road km per great-circle km), got {self.circuity.value}"
            raise ValueError(msg)
        return self
