"""Route and comparison tables (pandas), with units in the column names.

- :func:`legs_table`: one row per leg of each route, with the source of
  every factor.
- :func:`summary_table`: one row of totals per route.
- :func:`compare`: one origin-destination pair under several scenarios.
- :func:`time_cost_distance`: cumulative distance, time and cost along a
  route (the UNESCAP time/cost-distance chart's data).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from corridors._errors import LimitError, ValidationError
from corridors.model.params import Params
from corridors.model.scenario import Scenario, load_scenario
from corridors.routing.route import Route, RouteSet, route

__all__ = [
    "COMPARE_COLUMNS",
    "LEG_COLUMNS",
    "MAX_SCENARIOS",
    "SUMMARY_COLUMNS",
    "compare",
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
    "transit_days",
    "p50_days",
    "p90_days",
    "cost_usd",
    "co2e_kg",
)
"""Columns of :func:`summary_table`."""

COMPARE_COLUMNS = (
    "scenario",
    "rank",
    "route",
    "corridors",
    "distance_km",
    "distance_nm",
    "moving_days",
    "dwell_days",
    "transit_days",
    "p50_days",
    "p90_days",
    "cost_usd",
    "co2e_kg",
    "feasible",
    "reason",
)
"""Columns of :func:`compare`."""

MAX_SCENARIOS = 12
"""Most scenarios :func:`compare` takes at once (a protective limit for a shared server)."""


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
        Columns :data:`SUMMARY_COLUMNS`; ``transit_days`` is the
        deterministic (likely) figure, ``p50_days``/``p90_days`` come from
        the Monte Carlo of dwell times.
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
                "moving_h": totals.moving_h,
                "dwell_h": totals.dwell_h,
                "transit_days": totals.transit_days,
                "p50_days": totals.p50_days,
                "p90_days": totals.p90_days,
                "cost_usd": totals.cost_usd,
                "co2e_kg": totals.co2e_kg,
            }
        )
    return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def compare(
    network: Any,
    origin: str,
    destination: str,
    scenarios: Sequence[Scenario | str] | None = None,
    *,
    params: Params | None = None,
    optimize: str = "time",
    alternatives: int = 1,
    via: Sequence[str] = (),
    avoid: Sequence[str] = (),
    avoid_chokepoints: Sequence[str] = (),
    avoid_corridors: Sequence[str] = (),
    avoid_modes: Sequence[str] = (),
) -> pd.DataFrame:
    """Compare the best route(s) of one pair under several scenarios.

    Parameters
    ----------
    network
        A Network or its base graph.
    origin, destination
        Node ids.
    scenarios
        Scenarios, preset names or TOML text (see
        :func:`~corridors.model.scenario.load_scenario`; a single one is taken as
        a list of one); every preset when None. At most
        :data:`MAX_SCENARIOS`.
    params, optimize, alternatives, via, avoid, avoid_chokepoints, avoid_corridors, avoid_modes
        As for :func:`corridors.routing.route.route`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`COMPARE_COLUMNS`, one row per scenario and route; a
        scenario without a route has one row with ``feasible`` False and
        the ``reason``.

    Raises
    ------
    LimitError
        For more than :data:`MAX_SCENARIOS` scenarios (or any limit of
        :func:`~corridors.routing.route.route`).
    ValidationError, UnknownNodeError
        As for :func:`~corridors.routing.route.route`.
    """
    if scenarios is None:
        from corridors.model.scenario import presets  # noqa: PLC0415

        scenarios = list(presets().values())  # the bundled presets: not a user's list, no limit
    elif isinstance(scenarios, Scenario | str | bytes | Path | Mapping):
        scenarios = [scenarios]
    else:
        scenarios = _at_most(scenarios, MAX_SCENARIOS)
    loaded = [load_scenario(item) for item in scenarios]
    rows = []
    for scenario in loaded:
        result = route(
            network,
            origin,
            destination,
            scenario=scenario,
            params=params,
            optimize=optimize,
            alternatives=alternatives,
            via=via,
            avoid=avoid,
            avoid_chokepoints=avoid_chokepoints,
            avoid_corridors=avoid_corridors,
            avoid_modes=avoid_modes,
        )
        if not result.routes:
            rows.append(
                {
                    "scenario": scenario.name,
                    "rank": None,
                    "route": "",
                    "corridors": "",
                    "feasible": False,
                    "reason": result.infeasible_reason,
                }
            )
            continue
        for rank, found in enumerate(result.routes, start=1):
            totals = found.totals
            rows.append(
                {
                    "scenario": scenario.name,
                    "rank": rank,
                    "route": found.label,
                    "corridors": ", ".join(found.branches),
                    "distance_km": totals.distance_km,
                    "distance_nm": totals.distance_nm,
                    "moving_days": totals.moving_h / 24.0,
                    "dwell_days": totals.dwell_h / 24.0,
                    "transit_days": totals.transit_days,
                    "p50_days": totals.p50_days,
                    "p90_days": totals.p90_days,
                    "cost_usd": totals.cost_usd,
                    "co2e_kg": totals.co2e_kg,
                    "feasible": True,
                    "reason": "",
                }
            )
    frame = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    frame["rank"] = frame["rank"].astype("Int64")
    frame["feasible"] = frame["feasible"].astype(bool)
    return frame


def _at_most(items: Iterable[Any], limit: int) -> list[Any]:
    """`items` as a list, or LimitError when there are more than `limit` (an iterator is read only that far)."""
    if isinstance(items, Collection):
        if len(items) > limit:
            msg = f"{len(items):,} scenarios to compare at once, over the limit of {limit} (MAX_SCENARIOS)"
            raise LimitError(msg)
        return list(items)
    try:
        iterator = iter(items)
    except TypeError:
        msg = f"scenarios must be a list of scenarios or preset names, got type {type(items).__name__}"
        raise ValidationError(msg) from None
    taken = list(itertools.islice(iterator, limit + 1))
    if len(taken) > limit:
        msg = f"more than {limit} scenarios to compare at once, over the limit of {limit} (MAX_SCENARIOS)"
        raise LimitError(msg)
    return taken


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
        ``co2e_kg`` (all cumulative).
    """
    km = hours = cost = co2 = 0.0
    rows = []
    if found.legs:
        first = found.legs[0]
        rows.append(_event(first.from_id, first.from_name, "start", "", km, hours, cost, co2))
    for leg in found.legs:
        km += leg.distance_km
        hours += leg.moving_h
        cost += leg.leg_cost_usd
        co2 += leg.co2e_kg
        rows.append(_event(leg.to_id, leg.to_name, "move", leg.mode, km, hours, cost, co2))
        if leg.dwell:
            hours += leg.dwell_h
            cost += leg.handling_cost_usd
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
