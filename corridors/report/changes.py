"""What changed: one line per scenario against a baseline ("Suez closed → best route now Cape, +8.9 d, +USD 1,330/TEU").

- :func:`scenario_change`: what a scenario changes against the baseline scenario, in a few words;
- :class:`Outcome`, :func:`outcome`, :func:`outcomes`: the best route of a pair under one scenario,
  from a :class:`~corridors.routing.results.RouteSet` or from :func:`~corridors.report.compare.compare`'s table;
- :func:`change_line`: the one-line summary of a scenario against the baseline's outcome;
- :func:`change_lines`: one line per scenario of a comparison table.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from corridors._text import one_line
from corridors.model.scenario import OVERRIDE_SECTIONS, Scenario
from corridors.network.schema import chokepoint_name, corridor_name

__all__ = ["Outcome", "change_line", "change_lines", "outcome", "outcomes", "scenario_change"]


@dataclass(frozen=True)
class Outcome:
    """The routes of one pair under one scenario, as a change line needs them.

    Attributes
    ----------
    scenario : str
    label : str or None
        The best route's label; None when there is no route.
    p50_days, cost_usd, co2e_kg : float
        The best route's P50 figures (NaN without a route).
    labels : tuple of str
        Every route shown, best first.
    reason : str
        Why there is no route ("" when there is one).
    """

    scenario: str
    label: str | None
    p50_days: float = math.nan
    cost_usd: float = math.nan
    co2e_kg: float = math.nan
    labels: tuple[str, ...] = ()
    reason: str = ""


def outcome(result: Any) -> Outcome:
    """The :class:`Outcome` of a :class:`~corridors.routing.results.RouteSet`."""
    if not result.routes:
        return Outcome(result.scenario, None, reason=result.infeasible_reason or "")
    t = result.routes[0].totals
    labels = tuple(r.label for r in result.routes)
    return Outcome(result.scenario, labels[0], t.p50_days, t.cost_usd, t.co2e_kg, labels)


def outcomes(table: pd.DataFrame) -> dict[str, Outcome]:
    """One :class:`Outcome` per scenario of :func:`~corridors.report.compare.compare`'s table, in its order."""
    found: dict[str, Outcome] = {}
    for name, rows in table.groupby("scenario", sort=False):
        ok = rows[rows["feasible"]]
        if not len(ok):
            found[str(name)] = Outcome(str(name), None, reason=str(rows["reason"].iloc[0] or ""))
            continue
        first = ok.iloc[0]
        found[str(name)] = Outcome(
            str(name), str(first["route"]), float(first["p50_days"]), float(first["cost_usd"]),
            float(first["co2e_kg"]), tuple(str(r) for r in ok["route"]),
        )  # fmt: skip
    return found


def scenario_change(scenario: Scenario, baseline: Scenario | None = None) -> str:
    """What `scenario` changes against `baseline`, in a few words (``"Suez and Bab-el-Mandeb closed"``).

    Parameters
    ----------
    scenario : Scenario
    baseline : Scenario or None
        The scenario compared with (None: the bundled defaults, nothing closed).

    Returns
    -------
    str
        The closures, openings, month, ice class, rail service, departure and
        overridden figures that differ; the scenario's name when nothing does.
    """
    base = baseline if baseline is not None else Scenario(name="baseline")
    parts: list[str] = []
    closed = [chokepoint_name(c) for c in scenario.closed_chokepoints if c not in base.closed_chokepoints]
    closed += [f"{corridor_name(c)} corridor" for c in scenario.closed_corridors if c not in base.closed_corridors]
    closed += [f"{m} legs" for m in scenario.closed_modes if m not in base.closed_modes]
    closed += [n for n in (*scenario.closed_nodes, *scenario.closed_legs) if n not in (*base.closed_nodes, *base.closed_legs)]
    if closed:
        parts.append(f"{_and(closed)} closed")
    reopened = [chokepoint_name(c) for c in base.closed_chokepoints if c not in scenario.closed_chokepoints]
    opened = [leg for leg in scenario.open_legs if leg not in base.open_legs]
    if reopened or opened:
        parts.append(f"{_and(reopened + opened)} open")
    if scenario.departure != base.departure and scenario.departure is not None:
        parts.append(f"departing {scenario.departure.isoformat()}")
    elif scenario.month != base.month:
        parts.append(calendar.month_name[scenario.month] if scenario.month else "year-round")
    if scenario.ice_class != base.ice_class:
        parts.append("no ice class" if scenario.ice_class == "none" else f"{scenario.ice_class} ice class")
    if scenario.rail_service != base.rail_service:
        parts.append(f"{scenario.rail_service} rail service")
    parts += [_override_text(name, getattr(scenario, name)) for name in OVERRIDE_SECTIONS
              if getattr(scenario, name) != getattr(base, name)]  # fmt: skip
    return ", ".join(parts) if parts else "same as the baseline"


def change_line(change: str, baseline: Outcome, now: Outcome) -> str:
    """One line: what the scenario changes and what that does to the best route.

    Parameters
    ----------
    change : str
        What the scenario changes (:func:`scenario_change`).
    baseline, now : Outcome
        The pair's routes under the baseline and under the scenario.

    Returns
    -------
    str
        ``"Suez and Bab-el-Mandeb closed → best route now Cape, +19.8 d, +USD 512/TEU"``;
        ``"... → best route unchanged (INSTC western), +0.0 d, +USD 0/TEU; Suez + Black Sea
        no longer among the routes shown"``; ``"... → no route: <reason>"``.
    """
    if now.label is None:
        return f"{change} → no route: {one_line(now.reason) or 'no reason given'}"
    figures = f"{now.p50_days:.1f} d P50, USD {now.cost_usd:,.0f}/TEU"
    if baseline.label is None:
        return f"{change} → a route opens: {now.label}, {figures} (none under {baseline.scenario})"
    days, cost = now.p50_days - baseline.p50_days, now.cost_usd - baseline.cost_usd
    deltas = f"{_signed(days, '.1f')} d, {_signed(cost, ',.0f', 'USD ')}/TEU"
    if round(days, 1) == 0 and round(cost) == 0:
        deltas = "same time and cost"
    if now.label != baseline.label:
        line = f"{change} → best route now {now.label} (was {baseline.label}), {deltas}"
    else:
        line = f"{change} → best route unchanged ({now.label}), {deltas}"
    gone = [label for label in baseline.labels if label not in now.labels]
    if gone:
        line += f"; {_and(gone[:3])}{' ...' if len(gone) > 3 else ''} no longer among the routes shown"  # noqa: PLR2004
    return line


def change_lines(table: pd.DataFrame, scenarios: Mapping[str, Scenario] | Sequence[Scenario], baseline: str) -> list[str]:
    """One line per scenario of a comparison table other than the baseline (``"red-sea-closed: ... → ..."``).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`~corridors.report.compare.compare`'s table.
    scenarios : mapping of str to Scenario, or sequence of Scenario
        The scenarios of the table (their changes are read from them).
    baseline : str
        The scenario the others are compared with.

    Returns
    -------
    list of str
        Empty when the baseline is not in the table.
    """
    by_name = dict(scenarios) if isinstance(scenarios, Mapping) else {s.name: s for s in scenarios}
    found = outcomes(table)
    if baseline not in found:
        return []
    base = found[baseline]
    lines = []
    for name, now in found.items():
        if name == baseline:
            continue
        change = scenario_change(by_name[name], by_name.get(baseline)) if name in by_name else name
        lines.append(f"{name}: {change_line(change, base, now)}")
    return lines


def _override_text(section: str, values: Any) -> str:
    """``"sea speed × 0.85"`` for a speed factor, ``"dwell figures changed"`` otherwise."""
    if section == "speed_factor" and isinstance(values, Mapping) and values:
        items = [f"{str(k)[:20]} speed × {v:g}" for k, v in values.items() if isinstance(v, int | float)]
        if items:
            return ", ".join(items[:3]) + (" ..." if len(items) > 3 else "")  # noqa: PLR2004
    return f"{section.replace('_', ' ')} figures changed"


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _signed(value: float, spec: str, prefix: str = "") -> str:
    return f"{'+' if value >= 0 else '-'}{prefix}{abs(value):{spec}}"
