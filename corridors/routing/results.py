"""The answer to a routing query: :class:`RouteSet` of :class:`Route` with their legs and totals.

Frozen dataclasses built by :func:`corridors.routing.route.route`. A leg
carries likely figures and their ranges; a route's :attr:`Route.totals`
runs the Monte Carlo over every component (moving time of each leg, each
dwell) on first use and gives P10, P50 and P90 of transit time, cost and
CO2e. The P50 is the headline figure everywhere (``HEADLINE``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from corridors.model.charges import ICE_WAIT
from corridors.model.montecarlo import QUANTILES, percentiles, sample_components
from corridors.network.geodesy import KM_PER_NM

__all__ = ["HOURS_PER_DAY", "DwellItem", "LegResult", "Route", "RouteSet", "Totals"]

_ICE_MODES = frozenset({"sea", "ferry", "river"})

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
    moving_range_h, leg_cost_range_usd, co2e_range_kg : tuple of float or None
        ``(low, likely, high)`` of the moving time, moving cost and CO2e
        (None: no range, the likely value).

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
    moving_range_h: tuple[float, float, float] | None = None
    leg_cost_range_usd: tuple[float, float, float] | None = None
    co2e_range_kg: tuple[float, float, float] | None = None

    @property
    def in_ice(self) -> bool:
        """Whether the leg is sailed in ice (its moving range comes from the ice model)."""
        return self.season_note != "" and self.mode in _ICE_MODES

    def components(self) -> list[tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]]:
        """Return the leg's Monte Carlo components: its moving time, then each dwell.

        Returns
        -------
        list of tuple
            ``(time, cost, co2)`` ranges, each ``(low, likely, high)``.
        """
        moving = self.moving_range_h or (self.moving_h,) * 3
        cost = self.leg_cost_range_usd or (self.leg_cost_usd,) * 3
        co2 = self.co2e_range_kg or (self.co2e_kg,) * 3
        found = [(moving, cost, co2)]
        found.extend(((d.low_h, d.likely_h, d.high_h), (d.cost_usd,) * 3, (0.0,) * 3) for d in self.dwell)
        return found

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
    """Totals of a route from the Monte Carlo: P10, P50 (the headline) and P90.

    Attributes
    ----------
    distance_km, distance_nm : float
    moving_h, dwell_h : float
        Sums of the likely moving and dwell times of the legs (the
        breakdown; the transit percentiles come from the Monte Carlo).
    p10_days, p50_days, p90_days : float
        Transit time percentiles; ``p50_days`` is the headline figure.
    cost_usd, co2e_kg : float
        P50 of cost (USD/TEU) and CO2e (kg/TEU), the headline figures.
    cost_p10_usd, cost_p90_usd, co2e_p10_kg, co2e_p90_kg : float
    arrival_p10, arrival_p50, arrival_p90 : datetime.date or None
        Arrival dates when the route has a departure date.
    """

    distance_km: float
    distance_nm: float
    moving_h: float
    dwell_h: float
    p10_days: float
    p50_days: float
    p90_days: float
    cost_usd: float
    co2e_kg: float
    cost_p10_usd: float
    cost_p90_usd: float
    co2e_p10_kg: float
    co2e_p90_kg: float
    arrival_p10: datetime.date | None = None
    arrival_p50: datetime.date | None = None
    arrival_p90: datetime.date | None = None


@dataclass(frozen=True)
class Route:
    """One route with its legs; :attr:`totals` adds the Monte Carlo P10/P50/P90.

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
        The minimised total (expected hours, km, expected USD or kg).
    mc_samples, mc_seed, mc_distribution
        The Monte Carlo settings (``[montecarlo]``).
    departure : datetime.date or None
        The departure date, when the scenario has one.
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
    departure: datetime.date | None = None

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
    def dwell_items(self) -> tuple[DwellItem, ...]:
        """Every dwell item along the route."""
        return tuple(item for leg in self.legs for item in leg.dwell)

    def component_ranges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the Monte Carlo components: time, cost and CO2e ranges, each shape (3, k)."""
        rows = []
        ice: list[tuple[tuple[float, ...], ...]] = []
        for leg in self.legs:
            parts = leg.components()
            if not leg.in_ice:
                rows.extend(parts)
                continue
            # one draw for every ice leg and its convoy wait: a severe year is severe in every sea area
            ice.append(parts[0])
            for part, item in zip(parts[1:], leg.dwell, strict=True):
                (ice if item.kind == ICE_WAIT else rows).append(part)
        if ice:
            rows.append(tuple(tuple(sum(c[q][k] for c in ice) for k in range(3)) for q in range(3)))
        if not rows:
            empty = np.zeros((3, 0))
            return empty, empty, empty
        time, cost, co2 = (np.array([r[i] for r in rows], dtype=float).T for i in range(3))
        return time, cost, co2

    def samples(self, *, samples: int | None = None, seed: int | None = None) -> tuple[np.ndarray, ...]:
        """Return Monte Carlo samples of total transit time (hours), cost and CO2e.

        Parameters
        ----------
        samples, seed
            Default to the scenario parameters (``[montecarlo]``).

        Returns
        -------
        tuple of numpy.ndarray
            Time, cost and CO2e samples.
        """
        time, cost, co2 = self.component_ranges()
        return sample_components(
            time,
            cost,
            co2,
            samples=self.mc_samples if samples is None else samples,
            seed=self.mc_seed if seed is None else seed,
            distribution=self.mc_distribution,
        )

    def transit_samples(self, *, samples: int | None = None, seed: int | None = None) -> np.ndarray:
        """Return Monte Carlo samples of total transit time (hours); see :meth:`samples`."""
        return self.samples(samples=samples, seed=seed)[0]

    @cached_property
    def totals(self) -> Totals:
        """Totals with P10/P50/P90 of transit, cost and CO2e (computed once, on first use)."""
        time, cost, co2 = self.samples()
        t10, t50, t90 = percentiles(time, QUANTILES)
        c10, c50, c90 = percentiles(cost, QUANTILES)
        e10, e50, e90 = percentiles(co2, QUANTILES)
        distance = self.distance_km
        arrivals: tuple[datetime.date | None, ...] = (None, None, None)
        if self.departure is not None:
            arrivals = tuple(self.departure + datetime.timedelta(hours=h) for h in (t10, t50, t90))
        return Totals(
            distance_km=distance,
            distance_nm=distance / KM_PER_NM,
            moving_h=self.moving_h,
            dwell_h=self.dwell_h,
            p10_days=t10 / HOURS_PER_DAY,
            p50_days=t50 / HOURS_PER_DAY,
            p90_days=t90 / HOURS_PER_DAY,
            cost_usd=c50,
            co2e_kg=e50,
            cost_p10_usd=c10,
            cost_p90_usd=c90,
            co2e_p10_kg=e10,
            co2e_p90_kg=e90,
            arrival_p10=arrivals[0],
            arrival_p50=arrivals[1],
            arrival_p90=arrivals[2],
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
