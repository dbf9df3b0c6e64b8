"""The explorer's results below the map: summary table, downloads, charts and the legs of the focused route.

Called by :mod:`corridors_app.views.explorer` with a feasible
:class:`~corridors.routing.results.RouteSet`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from corridors.report import tables
from corridors.report.export import routes_to_geojson
from corridors.routing.endpoints import network_legs
from corridors.viz import charts
from corridors_app import columns, ui

__all__ = ["show"]


def show(found: Any, net: Any, labels: list[str], focus: int, units: str) -> None:
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
    """
    for note in found.notes:
        st.caption(ui.safe_text(note))
    summary = tables.summary_table(found)
    summary.insert(0, "alternative", labels)
    st.subheader(f"{len(labels)} best route{'s' if len(labels) != 1 else ''}: {ui.safe_text(found.origin_name)} → {ui.safe_text(found.destination_name)}")
    st.caption("Select a row to focus that route on the map and below. Times, cost and CO2e: P50 (the headline), with the P10–P90 "
               "window of the Monte Carlo of every leg's moving time and every dwell; legs show likely values.")
    st.dataframe(summary, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="summary_table",
                 **columns.summary_columns(units))
    legs_all = tables.legs_table(found)
    d1, d2, d3 = st.columns(3)
    with d1:
        ui.csv_download(tables.summary_table(found), "routes_summary.csv", key="dl_summary", label="Summary (CSV)")
    with d2:
        ui.csv_download(legs_all, "routes_legs.csv", key="dl_legs", label="All legs (CSV)")
    with d3:
        ui.json_download(routes_to_geojson(network_legs(found), net), "routes.geojson", key="dl_geojson", label="Routes (GeoJSON)")

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
    ui.csv_download(legs_focus, f"route_{focus + 1}_legs.csv", key="dl_focus_legs", label="These legs (CSV)")

