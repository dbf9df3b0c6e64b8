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

    @property
    def key(self) -> tuple:
        """What the routes depend on, as a cache key: token, pair, scenario content key, objective, K, via and avoid."""
        return (self.token, self.origin, self.destination, self.scenario.key, self.optimize, self.k, tuple(sorted(self.ways.items())))


def show(found: Any, net: Any, labels: list[str], focus: int, units: str, query: Query) -> None:
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
        What was asked (the what-changed line, the reference routes, the cache key of the static parts).
    """
    for note in found.notes:
        st.caption(ui.safe_text(note))
    _what_changed(net, found, query)
    cards.show_cards(found.routes[0], units)
    summary = tables.summary_table(found)
    summary.insert(0, "alternative", labels)
    st.subheader(f"{len(labels)} best route{'s' if len(labels) != 1 else ''}: {ui.safe_text(found.origin_name)} → {ui.safe_text(found.destination_name)}")
    st.caption("Select a row to focus that route on the map and below. Times, cost and CO2e: P50 (the headline), with the P10–P90 "
               "window of the Monte Carlo of every leg's moving time and every dwell; legs show likely values.")
    st.dataframe(summary, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="summary_table",
                 **columns.summary_columns(units))
    _focus_picker(len(labels), focus)
    _references(query.key, net, query, tuple(r.label for r in found.routes))
    downloads.route_downloads(found, net)
    _charts(query.key, found, tuple(labels), units)
    _focus_legs(query.key, found, labels[focus], focus, units)
    downloads.focus_legs_download(found, focus)


def _focus_picker(count: int, focus: int) -> None:
    """Buttons 1..count that put a route in focus: the table's row selection, reachable with Tab and Enter."""
    if count < 2:  # noqa: PLR2004 - one route is always in focus
        return
    st.session_state["route_pick"] = focus + 1  # shows the route in focus, however it was chosen
    st.segmented_control("Route in focus (map, legs below)", list(range(1, count + 1)), key="route_pick",
                         on_change=_picked, help="The same as selecting its row in the table above")  # fmt: skip


def _picked() -> None:
    if (value := st.session_state.get("route_pick")) is not None:
        st.session_state["route"] = int(value)


@st.cache_data(show_spinner=False, max_entries=256)
def _charts(key: tuple, _found: Any, labels: tuple[str, ...], units: str) -> None:  # noqa: ARG001 - the cache key
    """The time–distance and moving-vs-dwell charts, drawn once per query and replayed after (static elements).

    ``key`` is :attr:`Query.key` (validated content: network token, pair,
    scenario content key, objective, K, via and avoid); on a hit streamlit
    replays the elements drawn the first time, so a page load does not pay
    for building and validating the charts again.
    """
    legs_all = tables.legs_table(_found)
    ch1, ch2 = st.columns([3, 2])
    events = {lab: tables.time_cost_distance(r) for lab, r in zip(labels, _found.routes, strict=True)}
    with ch1:
        st.markdown("**Time–distance** (UNESCAP method): cumulative transit time against distance; vertical steps are dwell at ports, borders and transfers.")
        st.altair_chart(charts.time_distance_chart(charts.timeline_frame(events, units=units), units=units), width="stretch")
    with ch2:
        st.markdown("**Moving time by mode vs dwell**")
        split_src = legs_all.assign(alternative=legs_all["rank"].map(lambda r: labels[r - 1]))
        st.altair_chart(charts.time_split_chart(charts.time_split_frame(split_src)), width="stretch")


@st.cache_data(show_spinner=False, max_entries=256)
def _focus_legs(key: tuple, _found: Any, label: str, focus: int, units: str) -> None:  # noqa: ARG001 - the cache key
    """The legs of the focused route (heading and table), drawn once per query and focus, replayed after."""
    st.subheader(f"Legs of {ui.safe_text(label)}")
    legs_all = tables.legs_table(_found)
    st.dataframe(legs_all[legs_all["rank"] == focus + 1], hide_index=True, width="stretch", key="legs_table", **columns.legs_columns(units))


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


@st.cache_data(show_spinner=False, max_entries=256)
def _references(key: tuple, _net: Any, _query: Query, shown: tuple[str, ...]) -> None:  # noqa: ARG001 - the cache key
    """The named alternatives (INSTC branches, Suez, Cape, ...) with their figures or why they are missing (drawn once per query, replayed after)."""
    net, query = _net, _query
    try:
        refs = cached.references(query.token, net, query.origin, query.destination, query.scenario.key, query.scenario, query.optimize)
    except CorridorsError as err:
        ui.show_error(err, title="Reference routes")
        return
    frame = reference_frame(refs, list(shown))
    st.markdown("**Reference routes**: the alternatives a planner compares, each with its figures or why it is missing "
                "(closed, out of season, not a way for this pair); differences are to the best route. Via and avoid do not apply here.")
    st.dataframe(frame, hide_index=True, width="stretch", key="reference_table", **columns.reference_columns())
