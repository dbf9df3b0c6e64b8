"""One origin–destination pair under several scenarios: the comparison table and its differences.

- :func:`compare`: the best route(s) of the pair under each scenario, one row each.
- :func:`with_deltas`: the same table with each figure's difference to a baseline scenario.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from corridors._errors import LimitError, ValidationError
from corridors.model.params import Params
from corridors.model.presets import load_scenario
from corridors.model.scenario import Scenario
from corridors.routing.route import route

__all__ = ["COMPARE_COLUMNS", "DELTAS", "MAX_SCENARIOS", "compare", "with_deltas"]

COMPARE_COLUMNS = (
    "scenario",
    "rank",
    "route",
    "corridors",
    "distance_km",
    "distance_nm",
    "moving_days",
    "dwell_days",
    "p50_days",
    "p10_days",
    "p90_days",
    "cost_usd",
    "cost_p10_usd",
    "cost_p90_usd",
    "co2e_kg",
    "co2e_p10_kg",
    "co2e_p90_kg",
    "feasible",
    "reason",
)
"""Columns of :func:`compare`."""

_TOTALS = ("p50_days", "p10_days", "p90_days", "cost_usd", "cost_p10_usd", "cost_p90_usd", "co2e_kg", "co2e_p10_kg", "co2e_p90_kg")

MAX_SCENARIOS = 12
"""Most scenarios :func:`compare` takes at once (a protective limit for a shared server)."""


DELTAS = {"p50_days": "Δ days (P50) vs baseline", "cost_usd": "Δ USD/TEU vs baseline", "co2e_kg": "Δ kg CO2e vs baseline"}
"""Figure column of :func:`compare` → the column of its difference to the baseline's best route."""


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
        from corridors.model.presets import presets  # noqa: PLC0415

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
                    **{name: getattr(totals, name) for name in _TOTALS},
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


def with_deltas(table: pd.DataFrame, baseline: str) -> pd.DataFrame:
    """The comparison table plus the :data:`DELTAS` columns (NaN when the baseline has no route).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`compare`'s table (not changed).
    baseline : str
        The scenario the differences are taken to (its first feasible row).

    Returns
    -------
    pandas.DataFrame
    """
    table = table.copy()
    base = table[(table["scenario"] == baseline) & table["feasible"]]
    base_row = base.iloc[0] if len(base) else None
    for col, out in DELTAS.items():
        table[out] = table[col] - base_row[col] if base_row is not None else float("nan")
    return table
