"""The answer to a routing query: :class:`RouteSet` of :class:`Route` with their legs and totals.

Frozen dataclasses built by :func:`corridors.routing.route.route`; a route's
:attr:`Route.totals` adds the Monte Carlo P50/P90 transit days on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from corridors.model.montecarlo import percentiles, transit_samples
from corridors.network.geodesy import KM_PER_NM

__all__ = ["HOURS_PER_DAY", "DwellItem", "LegResult", "Route", "RouteSet", "Totals"]

HOURS_PER_DAY = 24.0
"""Hours in a day (transit days = hours / HOURS_PER_DAY)."""


@dataclass(frozen=True)
class DwellItem:
    """A dwell and/or fee paid at the end of a leg (transfer, border, canal).

    Attributes
    ----------
    kind : str
        Charge kind (``port``, ``gauge``, ``border_road``, ``chokepoint:suez`` ...).
    node_id, node_name : str or None
    description : str
    low_h, likely_h, high_h : float
    cost_usd : float
    dwell_source, cost_source : str
    """

    kind: str
    node_id: str | None
    node_name: str | None
    description: str
    low_h: float
    likely_h: float
    high_h: float
    cost_usd: float
    dwell_source: str
    cost_source: str


@dataclass(frozen=True)
class LegResult:
    """One leg of a route, in the direction travelled, with its figures.

    Attributes
    ----------
    leg_id, from_id, from_name, to_id, to_name : str
    mode, layer, corridor : str
    branch : str or None
    status : str
    season_note : str
        Why a seasonal leg is slowed/escorted (empty otherwise).
    distance_km, distance_nm, speed_kmh, moving_h : float
    leg_cost_usd : float
        Moving cost (rate x distance, escort fee).
    co2e_kg : float
    dwell : tuple of DwellItem
        Charges at the leg's end (and a canal on the leg).
    speed_source, cost_source, co2e_source : str
    reversed : bool
        Whether the leg is travelled against its geometry.
    distance_source : str
        Where the distance comes from when it is not the network's (the
        first/last-mile estimate); empty for a network leg.

    A route's first and last rows may be the ends of the journey
    (:mod:`corridors.routing.endpoints`): a ``road`` leg ``FIRST-MILE`` /
    ``LAST-MILE`` (status ``estimate``) from or to a place that is not a
    node, and a zero-distance ``terminal`` row whose dwell is the loading
    at the origin or the unloading at the destination.
    """

    leg_id: str
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    mode: str
    layer: str
    corridor: str
    branch: str | None
    status: str
    season_note: str
    distance_km: float
    distance_nm: float
    speed_kmh: float
    moving_h: float
    leg_cost_usd: float
    co2e_kg: float
    dwell: tuple[DwellItem, ...]
    speed_source: str
    cost_source: str
    co2e_source: str
    reversed: bool
    distance_source: str = ""

    @property
    def dwell_h(self) -> float:
        """Likely dwell at the leg's end (hours)."""
        return sum(d.likely_h for d in self.dwell)

    @property
    def handling_cost_usd(self) -> float:
        """Fees at the leg's end (transfers, borders, canal)."""
        return sum(d.cost_usd for d in self.dwell)

    @property
    def cost_usd(self) -> float:
        """Moving cost plus fees."""
        return self.leg_cost_usd + self.handling_cost_usd


@dataclass(frozen=True)
class Totals:
    """Totals of a route. Times in hours and days; P50/P90 from the Monte Carlo."""

    distance_km: float
    distance_nm: float
    moving_h: float
    dwell_h: float
    transit_h: float
    transit_days: float
    p50_days: float
    p90_days: float
    cost_usd: float
    co2e_kg: float


@dataclass(frozen=True)
class Route:
    """One route with its legs; :attr:`totals` adds the Monte Carlo P50/P90.

    Attributes
    ----------
    label : str
        Corridors used, e.g. ``"INSTC western"``, ``"EMC + Trans-Siberian"``.
    corridors : tuple of str
        Corridor keys used, in order.
    branches : tuple of str
        ``corridor/branch`` keys used, in order (``instc/western``).
    legs : tuple of LegResult
    node_ids : tuple of str
        Places visited, in order.
    scenario : str
        Scenario name.
    optimize : str
        What was minimised.
    objective : float
        The minimised total (hours, km, USD or kg).
    """

    label: str
    corridors: tuple[str, ...]
    branches: tuple[str, ...]
    legs: tuple[LegResult, ...]
    node_ids: tuple[str, ...]
    scenario: str
    optimize: str
    objective: float
    mc_samples: int
    mc_seed: int
    mc_distribution: str

    @property
    def distance_km(self) -> float:
        """Total distance (km)."""
        return sum(leg.distance_km for leg in self.legs)

    @property
    def moving_h(self) -> float:
        """Total moving time (hours)."""
        return sum(leg.moving_h for leg in self.legs)

    @property
    def dwell_h(self) -> float:
        """Total likely dwell (hours)."""
        return sum(leg.dwell_h for leg in self.legs)

    @property
    def transit_days(self) -> float:
        """Deterministic transit time (moving + likely dwell), days."""
        return (self.moving_h + self.dwell_h) / HOURS_PER_DAY

    @property
    def dwell_items(self) -> tuple[DwellItem, ...]:
        """Every dwell item along the route."""
        return tuple(item for leg in self.legs for item in leg.dwell)

    def transit_samples(self, *, samples: int | None = None, seed: int | None = None) -> np.ndarray:
        """Return Monte Carlo samples of total transit time (hours).

        Parameters
        ----------
        samples, seed
            Default to the scenario parameters (``[montecarlo]``).

        Returns
        -------
        numpy.ndarray
        """
        items = self.dwell_items
        return transit_samples(
            self.moving_h,
            [d.low_h for d in items],
            [d.likely_h for d in items],
            [d.high_h for d in items],
            samples=self.mc_samples if samples is None else samples,
            seed=self.mc_seed if seed is None else seed,
            distribution=self.mc_distribution,
        )

    @cached_property
    def totals(self) -> Totals:
        """Totals including P50/P90 transit days (computed once, on first use)."""
        p50, p90 = percentiles(self.transit_samples())
        moving = self.moving_h
        dwell = self.dwell_h
        distance = self.distance_km
        return Totals(
            distance_km=distance,
            distance_nm=distance / KM_PER_NM,
            moving_h=moving,
            dwell_h=dwell,
            transit_h=moving + dwell,
            transit_days=(moving + dwell) / HOURS_PER_DAY,
            p50_days=p50 / HOURS_PER_DAY,
            p90_days=p90 / HOURS_PER_DAY,
            cost_usd=sum(leg.cost_usd for leg in self.legs),
            co2e_kg=sum(leg.co2e_kg for leg in self.legs),
        )


@dataclass(frozen=True)
class RouteSet:
    """The answer to a routing query: routes best first, or why there is none.

    Attributes
    ----------
    origin, destination : str
        Node ids, or a place's UN/LOCODE or ``lon,lat`` when it is not a node.
    origin_name, destination_name : str
    scenario : str
    optimize : str
    via : tuple of str
    routes : tuple of Route
        Best first; empty when infeasible.
    infeasible_reason : str or None
        Why no route exists (None when there is one).
    notes : tuple of str
        E.g. fewer distinct alternatives than asked for.
    """

    origin: str
    destination: str
    origin_name: str
    destination_name: str
    scenario: str
    optimize: str
    via: tuple[str, ...]
    routes: tuple[Route, ...]
    infeasible_reason: str | None
    notes: tuple[str, ...] = ()

    @property
    def feasible(self) -> bool:
        """Whether at least one route was found."""
        return bool(self.routes)

    @property
    def best(self) -> Route | None:
        """The best route, or None."""
        return self.routes[0] if self.routes else None

    def __iter__(self) -> Any:
        return iter(self.routes)

    def __len__(self) -> int:
        return len(self.routes)
