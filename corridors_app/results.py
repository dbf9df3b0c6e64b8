"""The explorer's results below the map: summary table, downloads, charts and the legs of the focused route.

Called by :mod:`corridors_app.views.explorer` with a feasible
:class:`~corridors.routing.results.RouteSet`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from corridors._errors import CorridorsError
from corridors.report import tables
from corridors.report.changes import change_line, outcome, scenario_change
from corridors.viz import charts
from corridors_app import cached, cards, columns, downloads, ui

__all__ = ["Query", "reference_frame", "show"]


@dataclass(frozen=True)
class Query:
    """What the explorer asked for (the what-changed line and the reference routes need it).

    Attributes
    ----------
    token : str
        The session's network token (cache key).
    origin, destination : str
    scenario, baseline : corridors.model.scenario.Scenario
        The scenario routed, and the baseline it is compared with (None: no comparison).
    optimize : str
    k : int
    ways : mapping of str to tuple of str
        Via and avoid (:func:`corridors_app.route_options.pick`).
    """

    token: str
    origin: str
    destination: str
    scenario: Any
    baseline: Any
    optimize: str
    k: int
    ways: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def show(found: Any, net: Any, labels: list[str], focus: int, units: str, query: Query | None = None) -> None:
    """Draw the results of a routing query (every route feasible, ``labels`` one per route).

    Parameters
    ----------
    found
        The RouteSet.
    net
        The session's network (for the GeoJSON download).
    labels
        ``"1. INSTC western"``..., one per route.
    focus
        Index of the route selected in the summary table.
    units
        ``"km"`` or ``"nm"``.
    query
        What was asked: with it, the what-changed line and the reference routes are drawn.
    """
    for note in found.notes:
        st.caption(ui.safe_text(note))
    if query is not None:
        _what_changed(net, found, query)
    cards.show_cards(found.routes[0], units)
    summary = tables.summary_table(found)
    summary.insert(0, "alternative", labels)
    st.subheader(f"{len(labels)} best route{'s' if len(labels) != 1 else ''}: {ui.safe_text(found.origin_name)} → {ui.safe_text(found.destination_name)}")
    st.caption("Select a row to focus that route on the map and below. Times, cost and CO2e: P50 (the headline), with the P10–P90 "
               "window of the Monte Carlo of every leg's moving time and every dwell; legs show likely values.")
    st.dataframe(summary, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="summary_table",
                 **columns.summary_columns(units))
    if query is not None:
        _references(net, found, query)
    legs_all = tables.legs_table(found)
    downloads.route_downloads(found, net)

    ch1, ch2 = st.columns([3, 2])
    events = {lab: tables.time_cost_distance(r) for lab, r in zip(labels, found.routes, strict=True)}
    with ch1:
        st.markdown("**Time–distance** (UNESCAP method): cumulative transit time against distance; vertical steps are dwell at ports, borders and transfers.")
        st.altair_chart(charts.time_distance_chart(charts.timeline_frame(events, units=units), units=units), width="stretch")
    with ch2:
        st.markdown("**Moving time by mode vs dwell**")
        split_src = legs_all.assign(alternative=legs_all["rank"].map(lambda r: labels[r - 1]))
        st.altair_chart(charts.time_split_chart(charts.time_split_frame(split_src)), width="stretch")

    st.subheader(f"Legs of {ui.safe_text(labels[focus])}")
    legs_focus = legs_all[legs_all["rank"] == focus + 1]
    st.dataframe(legs_focus, hide_index=True, width="stretch", key="legs_table", **columns.legs_columns(units))
    downloads.focus_legs_download(found, focus)



def _what_changed(net: Any, found: Any, query: Query) -> None:
    """The one-line summary of the scenario against the baseline (nothing under the baseline itself)."""
    if query.baseline is None or query.baseline.key == query.scenario.key:
        return
    try:
        base = cached.routes(query.token, net, query.origin, query.destination, query.baseline.key, query.baseline,
                             query.optimize, query.k, **query.ways)  # fmt: skip
    except CorridorsError:
        return  # the scenario's own routes are shown; the comparison is a bonus
    line = change_line(scenario_change(query.scenario, query.baseline), outcome(base), outcome(found))
    st.info(f"**What changed against {ui.safe_text(query.baseline.name)}:** {ui.safe_text(line)}", icon=":material/compare_arrows:")


def reference_frame(refs: Any, shown: list[str]) -> pd.DataFrame:
    """One row per reference route: its figures, or why it has none; ``shown`` marks those among the K best.

    Parameters
    ----------
    refs : tuple of corridors.routing.reference.ReferenceRoute
    shown : list of str
        The labels of the K best routes, best first.

    Returns
    -------
    pandas.DataFrame
        Columns ``reference, route, p50_days, p10_days, p90_days, cost_usd, co2e_kg, status, note``.
    """
    rows = []
    for ref in refs:
        row: dict[str, Any] = {"reference": ref.name, "route": "", "status": ref.status, "note": ref.reason}
        if ref.route is not None:
            t = ref.route.totals
            row.update(route=ref.route.label, p50_days=t.p50_days, p10_days=t.p10_days, p90_days=t.p90_days,
                       cost_usd=t.cost_usd, co2e_kg=t.co2e_kg)  # fmt: skip
            if ref.route.label in shown:
                row["status"] = f"#{shown.index(ref.route.label) + 1} above"
        rows.append(row)
    figures = ["p50_days", "p10_days", "p90_days", "cost_usd", "co2e_kg"]
    frame = pd.DataFrame(rows, columns=["reference", "route", *figures, "status", "note"])
    frame[figures] = frame[figures].astype(float)  # a missing figure is NaN (a blank cell), never "None"
    return frame


def _references(net: Any, found: Any, query: Query) -> None:
    """The named alternatives (INSTC branches, Suez, Cape, ...) with their figures or why they are missing."""
    try:
        refs = cached.references(query.token, net, query.origin, query.destination, query.scenario.key, query.scenario, query.optimize)
    except CorridorsError as err:
        ui.show_error(err, title="Reference routes")
        return
    frame = reference_frame(refs, [r.label for r in found.routes])
    st.markdown("**Reference routes**: the alternatives a planner compares, each with its figures or why it is missing "
                "(closed, out of season, not a way for this pair); differences are to the best route. Via and avoid do not apply here.")
    st.dataframe(frame, hide_index=True, width="stretch", key="reference_table", **columns.reference_columns())
