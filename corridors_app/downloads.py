"""Download buttons of the explorer and the compare page: CSV, XLSX, GeoJSON and the one-page HTML report.

Every file is named by :func:`corridors.report.export_tables.export_name`
(pair, scenario, date) and built only when its button is clicked (a
callable ``data``: a rerun does not pay for a workbook nobody asked for).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from corridors.report import tables
from corridors.report.export import csv_bytes, routes_to_geojson
from corridors.report.export_tables import export_name
from corridors.report.html_report import comparison_report, route_report
from corridors.report.workbook import comparison_workbook, route_workbook
from corridors.routing.endpoints import network_legs

__all__ = ["CSV", "HTML", "XLSX", "compare_downloads", "focus_legs_download", "route_downloads"]

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML = "text/html"
_ICON = ":material/download:"


def _button(label: str, data: Callable[[], bytes | str], name: str, mime: str, key: str) -> None:
    st.download_button(label, data=data, file_name=name, mime=mime, key=key, icon=_ICON, on_click="ignore")


def _names(found: Any) -> Callable[[str, str], str]:
    """File names for one query: ``corridors_<o>-<d>_<scenario>_<departure or today>_<part>.<ext>``."""
    best = found.best
    departure = best.departure if best is not None else None
    return lambda part, ext: export_name(found.origin, found.destination, found.scenario, part, ext, date=departure)


def route_downloads(found: Any, net: Any) -> None:
    """The explorer's downloads: summary and legs (CSV), workbook (XLSX), routes (GeoJSON), report (HTML).

    Parameters
    ----------
    found
        The RouteSet shown (at least one route).
    net
        The session's network (leg geometries).
    """
    name = _names(found)
    row = st.container(horizontal=True, gap="small")  # one block (five columns were six), wraps on a phone
    buttons = (
        ("Summary (CSV)", lambda: csv_bytes(tables.summary_table(found)), name("summary", "csv"), CSV, "dl_summary"),
        ("All legs (CSV)", lambda: csv_bytes(tables.legs_table(found)), name("legs", "csv"), CSV, "dl_legs"),
        ("Workbook (XLSX)", lambda: route_workbook(found), name("routes", "xlsx"), XLSX, "dl_xlsx"),
        (
            "Routes (GeoJSON)",
            lambda: json.dumps(routes_to_geojson(network_legs(found), net), ensure_ascii=False),
            name("routes", "geojson"),
            "application/geo+json",
            "dl_geojson",
        ),
        ("Report (HTML)", lambda: route_report(found, net), name("report", "html"), HTML, "dl_report"),
    )
    with row:
        for args in buttons:
            _button(*args)


def focus_legs_download(found: Any, focus: int) -> None:
    """The download of the focused route's legs (CSV).

    Parameters
    ----------
    found
        The RouteSet shown.
    focus
        Index of the focused route.
    """
    part = f"route-{focus + 1}-legs"
    data = lambda: csv_bytes(tables.legs_table(found.routes[focus]))  # noqa: E731 - one line, like the others
    _button("These legs (CSV)", data, _names(found)(part, "csv"), CSV, "dl_focus_legs")


def compare_downloads(
    table: Any, net: Any, origin: str, destination: str, scenarios: Sequence[Any], optimize: str, k: int
) -> None:
    """The compare page's downloads: the table (CSV), the workbook (XLSX), the one-page report (HTML).

    Parameters
    ----------
    table
        The comparison table shown (with its differences to the baseline).
    net
        The session's network.
    origin, destination
        The pair.
    scenarios
        The Scenario objects compared, the baseline first.
    optimize, k
        The objective and the routes per scenario.
    """

    def routesets() -> dict[str, Any]:
        from corridors.routing.route import route  # noqa: PLC0415 - only when a file is asked for

        return {
            s.name: route(net, origin, destination, scenario=s, optimize=optimize, alternatives=k) for s in scenarios
        }

    departure = scenarios[0].departure if scenarios else None
    label = f"{scenarios[0].name}-vs-{len(scenarios) - 1}" if len(scenarios) > 1 else (scenarios[0].name if scenarios else "none")

    def name(part: str, ext: str) -> str:
        return export_name(origin, destination, label, part, ext, date=departure)

    row = st.container(horizontal=True, gap="small")
    buttons = (
        ("Download comparison (CSV)", lambda: csv_bytes(table), name("comparison", "csv"), CSV, "dl_compare"),
        ("Workbook (XLSX)", lambda: comparison_workbook(table, routesets()), name("comparison", "xlsx"), XLSX, "dl_compare_xlsx"),
        ("Report (HTML)", lambda: comparison_report(table, routesets(), net), name("report", "html"), HTML, "dl_compare_report"),
    )
    with row:
        for args in buttons:
            _button(*args)
