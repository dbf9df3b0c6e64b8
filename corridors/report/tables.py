"""Route tables (pandas), with units in the column names.

- :func:`legs_table`: one row per leg of each route, with the source of
  every factor.
- :func:`summary_table`: one row of totals per route.
- :func:`time_cost_distance`: cumulative distance, time and cost along a
  route (the UNESCAP time/cost-distance chart's data).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from corridors.routing.results import Route, RouteSet

__all__ = [
    "LEG_COLUMNS",
    "SUMMARY_COLUMNS",
    "TOTAL_FIELDS",
    "legs_table",
    "summary_table",
    "time_cost_distance",
]

LEG_COLUMNS = (
    "route",
    "rank",
    "leg",
    "leg_id",
    "from_id",
    "from_name",
    "to_id",
    "to_name",
    "mode",
    "corridor",
    "branch",
    "distance_km",
    "distance_nm",
    "speed_kmh",
    "moving_h",
    "dwell_h",
    "dwell_low_h",
    "dwell_high_h",
    "dwell_at_end",
    "leg_cost_usd",
    "handling_cost_usd",
    "cost_usd",
    "co2e_kg",
    "season_note",
    "speed_source",
    "cost_source",
    "co2e_source",
    "dwell_source",
)
"""Columns of :func:`legs_table`."""

SUMMARY_COLUMNS = (
    "route",
    "rank",
    "corridors",
    "legs",
    "distance_km",
    "distance_nm",
    "moving_h",
    "dwell_h",
    "p50_days",
    "p10_days",
    "p90_days",
    "cost_usd",
    "cost_p10_usd",
    "cost_p90_usd",
    "co2e_kg",
    "co2e_p10_kg",
    "co2e_p90_kg",
    "arrival_p10",
    "arrival_p50",
    "arrival_p90",
)
"""Columns of :func:`summary_table`: the P50 (headline) first, then its P10-P90 window."""

TOTAL_FIELDS = SUMMARY_COLUMNS[6:]
"""The :class:`~corridors.routing.results.Totals` fields the summary shows (times, cost, CO2e, arrival)."""

def _routes(routes: RouteSet | Route | Iterable[Route]) -> list[Route]:
    if isinstance(routes, Route):
        return [routes]
    if isinstance(routes, RouteSet):
        return list(routes.routes)
    return list(routes)


def legs_table(routes: RouteSet | Route | Iterable[Route]) -> pd.DataFrame:
    """Return one row per leg of each route.

    Parameters
    ----------
    routes
        A RouteSet, a Route or several Routes.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LEG_COLUMNS`: ``route`` (label) and ``rank`` (1 =
        best) identify the route; ``dwell_h`` is the likely dwell at the
        leg's end (``dwell_at_end`` says what it is), ``cost_usd`` =
        ``leg_cost_usd`` + ``handling_cost_usd``; the ``*_source`` columns
        name where each factor comes from.
    """
    rows = []
    for rank, item in enumerate(_routes(routes), start=1):
        for number, leg in enumerate(item.legs, start=1):
            rows.append(
                {
                    "route": item.label,
                    "rank": rank,
                    "leg": number,
                    "leg_id": leg.leg_id,
                    "from_id": leg.from_id,
                    "from_name": leg.from_name,
                    "to_id": leg.to_id,
                    "to_name": leg.to_name,
                    "mode": leg.mode,
                    "corridor": leg.corridor,
                    "branch": leg.branch or "",
                    "distance_km": leg.distance_km,
                    "distance_nm": leg.distance_nm,
                    "speed_kmh": leg.speed_kmh,
                    "moving_h": leg.moving_h,
                    "dwell_h": leg.dwell_h,
                    "dwell_low_h": sum(d.low_h for d in leg.dwell),
                    "dwell_high_h": sum(d.high_h for d in leg.dwell),
                    "dwell_at_end": "; ".join(d.description for d in leg.dwell),
                    "leg_cost_usd": leg.leg_cost_usd,
                    "handling_cost_usd": leg.handling_cost_usd,
                    "cost_usd": leg.cost_usd,
                    "co2e_kg": leg.co2e_kg,
                    "season_note": leg.season_note,
                    "speed_source": leg.speed_source,
                    "cost_source": leg.cost_source,
                    "co2e_source": leg.co2e_source,
                    "dwell_source": " | ".join(
                        dict.fromkeys(d.dwell_source for d in leg.dwell if d.dwell_source)
                    ),
                }
            )
    return pd.DataFrame(rows, columns=list(LEG_COLUMNS))


def summary_table(routes: RouteSet | Route | Iterable[Route]) -> pd.DataFrame:
    """Return one row of totals per route.

    Parameters
    ----------
    routes
        A RouteSet, a Route or several Routes.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUMMARY_COLUMNS`. ``p50_days`` (transit), ``cost_usd``
        and ``co2e_kg`` are the Monte Carlo medians, the headline figures;
        ``moving_h`` and ``dwell_h`` are sums of the legs' likely values
        (the breakdown); the arrival dates are empty without a departure
        date.
    """
    rows = []
    for rank, item in enumerate(_routes(routes), start=1):
        totals = item.totals
        rows.append(
            {
                "route": item.label,
                "rank": rank,
                "corridors": ", ".join(item.branches),
                "legs": len(item.legs),
                "distance_km": totals.distance_km,
                "distance_nm": totals.distance_nm,
                **{name: getattr(totals, name) for name in TOTAL_FIELDS},
            }
        )
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def time_cost_distance(found: Route) -> pd.DataFrame:
    """Return cumulative distance, time and cost along a route.

    One row per event: the start, the end of each leg's movement, and the
    end of its dwell (so a plot of time or cost against distance shows dwell
    as vertical steps, as in the UNESCAP time/cost-distance method).

    Parameters
    ----------
    found
        A route.

    Returns
    -------
    pandas.DataFrame
        Columns ``node_id``, ``node_name``, ``event`` (``start``, ``move``,
        ``dwell``), ``mode``, ``distance_km``, ``time_h``, ``cost_usd``,
        ``co2e_kg`` (all cumulative). The legs' likely times, costs and
        CO2e are scaled so that the last row is the route's headline P50
        (:attr:`Route.totals`): the chart ends at the figure the tables quote.
    """
    totals = found.totals
    likely_h = found.moving_h + found.dwell_h
    likely_cost = sum(leg.cost_usd for leg in found.legs)
    likely_co2 = sum(leg.co2e_kg for leg in found.legs)
    scale_h = totals.p50_days * 24.0 / likely_h if likely_h > 0 else 1.0
    scale_cost = totals.cost_usd / likely_cost if likely_cost > 0 else 1.0
    scale_co2 = totals.co2e_kg / likely_co2 if likely_co2 > 0 else 1.0
    km = hours = cost = co2 = 0.0
    rows = []
    if found.legs:
        first = found.legs[0]
        rows.append(_event(first.from_id, first.from_name, "start", "", km, hours, cost, co2))
    for leg in found.legs:
        km += leg.distance_km
        hours += leg.moving_h * scale_h
        cost += leg.leg_cost_usd * scale_cost
        co2 += leg.co2e_kg * scale_co2
        rows.append(_event(leg.to_id, leg.to_name, "move", leg.mode, km, hours, cost, co2))
        if leg.dwell:
            hours += leg.dwell_h * scale_h
            cost += leg.handling_cost_usd * scale_cost
            rows.append(_event(leg.to_id, leg.to_name, "dwell", leg.mode, km, hours, cost, co2))
    return pd.DataFrame(
        rows,
        columns=["node_id", "node_name", "event", "mode", "distance_km", "time_h", "cost_usd", "co2e_kg"],
    )


def _event(
    node_id: str, name: str, event: str, mode: str, km: float, hours: float, cost: float, co2: float
) -> dict[str, Any]:
    return {
        "node_id": node_id,
        "node_name": name,
        "event": event,
        "mode": mode,
        "distance_km": km,
        "time_h": hours,
        "cost_usd": cost,
        "co2e_kg": co2,
    }
