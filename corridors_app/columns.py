"""Column headers and number formats of the pages' result tables (``st.column_config``)."""

from __future__ import annotations

from typing import Any

import streamlit as st

__all__ = ["PLACEHOLDER", "compare_columns", "legs_columns", "reference_columns", "summary_columns"]

PLACEHOLDER = ""
"""What a table shows for a missing value (``st.dataframe``'s default is "None"): a blank cell."""

# the columns shown, in order ("{dist}": distance_km or distance_nm); the summary's key columns (route, P50, cost,
# CO2e) first and narrow enough for a 390-px phone without a sideways scroll
_SUMMARY_COLUMNS = ["alternative", "p50_days", "cost_usd", "co2e_kg", "p10_days", "p90_days", "arrival_p50", "{dist}", "corridors", "legs"]
# px: the row-selection column (~33) + 112 + 3 x 68 = 349 px, inside a 390-px phone's 358-px content width
_KEY_WIDTHS = {"route": 112, "figure": 68}

_LEG_COLUMNS = ["leg", "from_name", "to_name", "mode", "corridor", "branch", "{dist}", "moving_h", "dwell_h", "dwell_at_end",
                "cost_usd", "co2e_kg", "season_note", "speed_source", "cost_source", "co2e_source", "dwell_source"]
_COMPARE_COLUMNS = ["scenario", "rank", "route", "corridors", "{dist}", "p50_days", "p10_days", "p90_days", "cost_usd", "co2e_kg",
                    "Δ days (P50) vs baseline", "Δ USD/TEU vs baseline", "Δ kg CO2e vs baseline", "reason"]


_SOURCE_HEADERS = {
    "season_note": "season note",
    "speed_source": "speed source",
    "cost_source": "cost source",
    "co2e_source": "CO2e source",
    "dwell_source": "dwell source",
}
"""Plain headers of a legs table's text columns (as in the exports, :data:`corridors.report.export_tables.HEADERS`)."""


def _order(columns: list[str], units: str) -> list[str]:
    return [c.replace("{dist}", f"distance_{units}") for c in columns]


def _figures(units: str) -> dict[str, Any]:
    """Distance, time percentiles, cost and CO2e of a route: header and format."""
    return {
        f"distance_{units}": st.column_config.NumberColumn(f"distance ({units})", format="%.0f"),
        "p50_days": st.column_config.NumberColumn("transit P50 (days)", format="%.1f"),
        "p10_days": st.column_config.NumberColumn("P10 (days)", format="%.1f"),
        "p90_days": st.column_config.NumberColumn("P90 (days)", format="%.1f"),
        "cost_usd": st.column_config.NumberColumn("cost P50 (USD/TEU)", format="%.0f"),
        "co2e_kg": st.column_config.NumberColumn("CO2e P50 (kg/TEU)", format="%.0f"),
        "arrival_p50": st.column_config.DateColumn("arrival P50"),
    }


def summary_columns(units: str) -> dict[str, Any]:
    """``st.dataframe`` options (``column_order``, ``column_config``) of the explorer's summary table."""
    config = {
        "alternative": st.column_config.TextColumn("route", width=_KEY_WIDTHS["route"], pinned=True),
        "corridors": st.column_config.TextColumn("corridors used"),
        **_figures(units),
        **_key_figures(),
    }
    return {"column_order": _order(_SUMMARY_COLUMNS, units), "column_config": config, "placeholder": PLACEHOLDER}


def _key_figures() -> dict[str, Any]:
    """P50 time, cost and CO2e with short headers and narrow widths (the key columns of a summary)."""
    width = _KEY_WIDTHS["figure"]
    return {
        "p50_days": st.column_config.NumberColumn("P50 days", format="%.1f", width=width, help="Transit time P50 (days)"),
        "cost_usd": st.column_config.NumberColumn("USD/TEU", format="%.0f", width=width, help="Cost P50 (USD per TEU)"),
        "co2e_kg": st.column_config.NumberColumn("kg CO2e", format="%.0f", width=width, help="CO2e P50 (kg per TEU, well-to-wheel)"),
    }


def reference_columns() -> dict[str, Any]:
    """``st.dataframe`` options of the explorer's reference routes (a named alternative, its figures or why not)."""
    config = {
        "reference": st.column_config.TextColumn("reference", width=_KEY_WIDTHS["route"], pinned=True),
        **_key_figures(),
        "p10_days": st.column_config.NumberColumn("P10 (days)", format="%.1f"),
        "p90_days": st.column_config.NumberColumn("P90 (days)", format="%.1f"),
        "status": st.column_config.TextColumn("status", width=96),
        "note": st.column_config.TextColumn("vs the best, or why not", width="large"),
        "route": st.column_config.TextColumn("route found"),
    }
    order = ["reference", "p50_days", "status", "cost_usd", "co2e_kg", "note", "p10_days", "p90_days", "route"]
    return {"column_order": order, "column_config": config, "placeholder": PLACEHOLDER}


def legs_columns(units: str) -> dict[str, Any]:
    """``st.dataframe`` options of the explorer's legs table (one route)."""
    figures = _figures(units)
    config = {
        "from_name": "from",
        "to_name": "to",
        f"distance_{units}": figures[f"distance_{units}"],
        "moving_h": st.column_config.NumberColumn("moving, likely (h)", format="%.1f"),
        "dwell_h": st.column_config.NumberColumn("dwell at end (h)", format="%.1f"),
        "dwell_at_end": st.column_config.TextColumn("dwell at end (what)"),
        "cost_usd": st.column_config.NumberColumn("likely cost (USD/TEU)", format="%.0f"),
        "co2e_kg": st.column_config.NumberColumn("likely CO2e (kg/TEU)", format="%.0f"),
        **_SOURCE_HEADERS,
    }
    return {"column_order": _order(_LEG_COLUMNS, units), "column_config": config, "placeholder": PLACEHOLDER}


def compare_columns(units: str) -> dict[str, Any]:
    """``st.dataframe`` options of the scenario comparison table."""
    config = {
        "rank": st.column_config.NumberColumn("#", width="small"),
        **_figures(units),
        "Δ days (P50) vs baseline": st.column_config.NumberColumn(format="%+.1f"),
        "Δ USD/TEU vs baseline": st.column_config.NumberColumn(format="%+.0f"),
        "Δ kg CO2e vs baseline": st.column_config.NumberColumn(format="%+.0f"),
        "reason": st.column_config.TextColumn("no route because", width="large"),
    }
    return {"column_order": _order(_COMPARE_COLUMNS, units), "column_config": config, "placeholder": PLACEHOLDER}
