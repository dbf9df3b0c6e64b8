"""Summary first: cards for the best route (P50 with its P10–P90 window, cost, CO2e, arrival), and what changed.

Small HTML cards in a wrapping row: four across on a laptop, two on a
390-px phone, never a sideways scroll. Every text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import streamlit as st

from corridors.report.changes import change_lines
from corridors_app import ui

__all__ = ["CARD_CSS", "card_items", "cards_html", "show_cards", "show_changes"]

CARD_CSS = (
    "<style>.corr-cards{display:flex;flex-wrap:wrap;gap:.5rem;margin:.25rem 0 .75rem}"
    ".corr-card{flex:1 1 9.5rem;min-width:9.5rem;max-width:100%;box-sizing:border-box;padding:.5rem .75rem;"
    "border:1px solid rgba(128,128,128,.35);border-radius:.5rem}"
    ".corr-card .k{font-size:.8rem;opacity:.75}.corr-card .v{font-size:1.35rem;font-weight:600;line-height:1.3;"
    "overflow-wrap:anywhere}.corr-card .s{font-size:.8rem;opacity:.8}</style>"
)
"""The cards' style (flex-wrap: as many per row as fit, at least 9.5 rem wide each)."""


def card_items(route: Any, units: str = "km") -> list[tuple[str, str, str]]:
    """The cards of a route: ``(title, value, detail)`` each.

    Parameters
    ----------
    route : corridors.routing.results.Route
        The best route.
    units : str
        ``"km"`` or ``"nm"`` for the distance.

    Returns
    -------
    list of tuple of str
        Best route, transit P50, cost P50, CO2e P50 and, when the route has a
        departure date, the arrival P50.
    """
    t = route.totals
    distance = t.distance_km if units == "km" else t.distance_nm
    items = [
        ("Best route", route.label, f"{distance:,.0f} {units}"),
        ("Transit P50", f"{t.p50_days:.1f} days", f"P10–P90 {t.p10_days:.1f}–{t.p90_days:.1f} days"),
        ("Cost P50", f"USD {t.cost_usd:,.0f}/TEU", _window(t.cost_p10_usd, t.cost_p90_usd)),
        ("CO2e P50", f"{t.co2e_kg:,.0f} kg/TEU", _window(t.co2e_p10_kg, t.co2e_p90_kg)),
    ]
    if t.arrival_p50 is not None:
        window = f"P10–P90 {t.arrival_p10:%d %b}–{t.arrival_p90:%d %b}"
        items.append(("Arrival P50", t.arrival_p50.strftime("%d %b %Y"), window))
    return items


def _window(low: float, high: float) -> str:
    """``"P10–P90 1,106–1,400"``, or ``"no P10–P90 spread"`` when both round to the same figure."""
    return "no P10–P90 spread" if f"{low:,.0f}" == f"{high:,.0f}" else f"P10–P90 {low:,.0f}–{high:,.0f}"


def cards_html(items: list[tuple[str, str, str]]) -> str:
    """The cards as one HTML block (every text escaped)."""
    cards = "".join(
        f'<div class="corr-card"><div class="k">{html.escape(k)}</div><div class="v">{html.escape(v)}</div>'
        f'<div class="s">{html.escape(s)}</div></div>'
        for k, v, s in items
    )
    return f'{CARD_CSS}<div class="corr-cards" role="group" aria-label="Best route summary">{cards}</div>'


def show_cards(route: Any, units: str = "km") -> None:
    """Draw the cards of the best route."""
    st.markdown(cards_html(card_items(route, units)), unsafe_allow_html=True)


def show_changes(table: Any, scenarios: Mapping[str, Any], baseline: str) -> None:
    """What changed: one line per scenario of a comparison against the baseline (the first scenario).

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`corridors.report.compare.compare`'s table.
    scenarios : mapping of str to Scenario
        The session's scenarios by name.
    baseline : str
        The scenario the others are compared with.
    """
    lines = change_lines(table, scenarios, baseline)
    if lines:
        items = "\n".join(f"- {ui.safe_text(line)}" for line in lines)
        st.info(f"**What changed against {ui.safe_text(baseline)}** (best route, P50 days and cost):\n{items}",
                icon=":material/compare_arrows:")
