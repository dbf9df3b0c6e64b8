"""Excel workbooks (``.xlsx``, written with openpyxl): summary, legs, comparison, sources.

- :func:`route_workbook`: the answer to one query (a pair under one
  scenario): its routes, their legs, each alternative against the best
  route, and the source of every figure.
- :func:`comparison_workbook`: one pair under several scenarios: the best
  route of each, the legs of every route, the comparison table with its
  differences to the baseline, the sources.

Every sheet is an :func:`~corridors.report.export_tables.export_table`
(the unit in every header, days everywhere, rounded), so the workbook, the
CSV files and the report show the same figures. Text is always stored as
text: a name starting with ``=`` is never a formula.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from corridors.report import tables
from corridors.report.export_tables import export_table
from corridors.routing.results import RouteSet

__all__ = [
    "SHEETS",
    "about_rows",
    "comparison_workbook",
    "route_workbook",
    "sources_table",
    "versus_best",
    "workbook_bytes",
]

SHEETS = ("summary", "legs", "comparison", "sources")
"""The sheets of every workbook, in order."""

_SOURCE_COLUMNS = {"speed_source": "speed", "cost_source": "cost", "co2e_source": "CO2e", "dwell_source": "dwell"}
_FORMATS = {"(km)": "#,##0", "(nm)": "#,##0", "(km/h)": "0", "(USD/TEU)": "#,##0", "(kg/TEU)": "#,##0"}
_FIGURES_NOTE = (
    "Transit time, cost and CO2e: P50 (median, the headline) of a Monte Carlo of every leg's moving time and "
    "every dwell, with its P10-P90 window; the legs sheet shows each leg's likely values."
)
_UNITS_NOTE = "days; km and nautical miles; USD per TEU; kg CO2e per TEU (well-to-wheel)"
_MAX_WIDTH = 60


def versus_best(summary: pd.DataFrame) -> pd.DataFrame:
    """Each alternative against the best (first) route of a summary table.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`~corridors.report.tables.summary_table`.

    Returns
    -------
    pandas.DataFrame
        Route, rank, transit P50, cost P50 and CO2e P50 (export headers,
        rounded) and their differences to the first row (``Δ ... vs best
        route``).
    """
    figures = summary[["route", "rank", "p50_days", "cost_usd", "co2e_kg"]].reset_index(drop=True)
    out = export_table(figures)
    for column, header, decimals in (
        ("p50_days", "Δ transit P50 vs best route (days)", 1),
        ("cost_usd", "Δ cost P50 vs best route (USD/TEU)", 0),
        ("co2e_kg", "Δ CO2e P50 vs best route (kg/TEU)", 0),
    ):
        delta = (figures[column] - figures[column].iloc[0]).round(decimals) + 0.0 if len(figures) else figures[column]
        out[header] = delta.astype("Int64") if decimals == 0 else delta
    return out


def sources_table(legs: pd.DataFrame) -> pd.DataFrame:
    """Where every figure comes from: one row per factor and source, with the legs that use it.

    Parameters
    ----------
    legs : pandas.DataFrame
        :func:`~corridors.report.tables.legs_table` (one or more routes).

    Returns
    -------
    pandas.DataFrame
        Columns ``figure`` (speed, cost, CO2e, dwell), ``source``, ``legs``
        (the leg ids, comma separated).
    """
    rows = []
    for column, figure in _SOURCE_COLUMNS.items():
        if column not in legs.columns:
            continue
        used: dict[str, list[str]] = {}
        for leg_id, text in zip(legs["leg_id"], legs[column], strict=True):
            for source in str(text or "").split(" | "):
                if source.strip():
                    used.setdefault(source.strip(), []).append(str(leg_id))
        rows.extend({"figure": figure, "source": s, "legs": ", ".join(dict.fromkeys(ids))} for s, ids in used.items())
    return pd.DataFrame(rows, columns=["figure", "source", "legs"])


def about_rows(found: RouteSet, *, scenarios: Sequence[str] = ()) -> list[tuple[str, str]]:
    """What a download answers: the pair, scenario(s), objective, departure and date, and what the figures mean.

    Parameters
    ----------
    found : RouteSet
        The query's answer (for a comparison: any one scenario's).
    scenarios : sequence of str
        For a comparison: the scenarios, the baseline first.

    Returns
    -------
    list of (str, str)
    """
    departure = found.best.departure if found.best is not None else None
    rows = [
        ("origin", f"{found.origin_name} ({found.origin})"),
        ("destination", f"{found.destination_name} ({found.destination})"),
        ("scenarios (baseline first)", ", ".join(scenarios)) if scenarios else ("scenario", found.scenario),
        ("optimised for", found.optimize),
        ("via", ", ".join(found.via) or "none"),
        ("departure", departure.isoformat() if departure else "none (the scenario's month decides the season)"),
        ("exported", datetime.date.today().isoformat()),
        ("figures", _FIGURES_NOTE),
        ("units", _UNITS_NOTE),
    ]
    return rows


def route_workbook(found: RouteSet) -> bytes:
    """The workbook of one query: its routes, their legs, each against the best, the sources.

    Parameters
    ----------
    found : RouteSet
        What :func:`corridors.routing.route.route` found (may have no route).

    Returns
    -------
    bytes
        The ``.xlsx`` file, sheets :data:`SHEETS`.
    """
    summary = tables.summary_table(found)
    legs = tables.legs_table(found)
    return workbook_bytes(
        {
            "summary": export_table(summary),
            "legs": export_table(legs),
            "comparison": versus_best(summary),
            "sources": sources_table(legs),
        },
        about=about_rows(found),
    )


def comparison_workbook(table: pd.DataFrame, found: Mapping[str, RouteSet]) -> bytes:
    """The workbook of a comparison: the best route per scenario, every leg, the table, the sources.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`~corridors.report.compare.compare`'s table, usually with
        :func:`~corridors.report.compare.with_deltas`.
    found : mapping of str to RouteSet
        Each scenario's answer, the baseline first (the routes of `table`).

    Returns
    -------
    bytes
        The ``.xlsx`` file, sheets :data:`SHEETS`.
    """
    legs = pd.concat(
        [tables.legs_table(result).assign(scenario=name) for name, result in found.items()] or [tables.legs_table([])],
        ignore_index=True,
    )
    legs = legs[["scenario", *[c for c in legs.columns if c != "scenario"]]]
    best = table[table["feasible"] & (table["rank"] == 1)]
    first = next(iter(found.values()), None)
    return workbook_bytes(
        {
            "summary": export_table(best.drop(columns=["feasible", "reason"])),
            "legs": export_table(legs),
            "comparison": export_table(table),
            "sources": sources_table(legs),
        },
        about=about_rows(first, scenarios=list(found)) if first is not None else (),
    )


def workbook_bytes(sheets: Mapping[str, pd.DataFrame], *, about: Sequence[tuple[str, str]] = ()) -> bytes:
    """Write tables as an ``.xlsx`` workbook, one sheet each.

    Parameters
    ----------
    sheets : mapping of str to pandas.DataFrame
        Sheet name → table (written as it is: headers, then rows).
    about : sequence of (str, str)
        Rows written above the table of the ``sources`` sheet (what the
        workbook answers), followed by an empty row.

    Returns
    -------
    bytes
        Bold headers, the header row frozen, a filter on every table,
        number formats from the unit in the header, columns sized to fit.
    """
    book = Workbook()
    book.remove(book.active)
    for name, frame in sheets.items():
        sheet = book.create_sheet(name)
        top = 1
        if name == "sources" and about:
            for row, (item, value) in enumerate(about, start=1):
                _put(sheet, row, 1, item).font = Font(bold=True)
                _put(sheet, row, 2, value)
            top = len(about) + 2
        _write_table(sheet, frame, top)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_table(sheet: Any, frame: pd.DataFrame, top: int) -> None:
    headers = [str(c) for c in frame.columns]
    legs = "leg id" in headers
    for col, header in enumerate(headers, start=1):
        cell = _put(sheet, top, col, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row, values in enumerate(frame.itertuples(index=False), start=top + 1):
        for col, value in enumerate(values, start=1):
            _put(sheet, row, col, value)
    for col, header in enumerate(headers, start=1):
        fmt = _number_format(header, legs=legs)
        letter = get_column_letter(col)
        width = max([len(header) * 0.6, *(len(str(v)) for v in frame.iloc[:, col - 1].tolist()[:200])], default=8)
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), _MAX_WIDTH)
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=top + 1, min_col=col, max_col=col):
                cell.number_format = fmt
    if top == 1:
        sheet.freeze_panes = "A2"
    if len(frame.columns):
        sheet.auto_filter.ref = f"A{top}:{get_column_letter(len(headers))}{top + len(frame)}"


def _number_format(header: str, *, legs: bool) -> str | None:
    signed = header.startswith("Δ")
    if header.endswith("(days)"):
        fmt = "0.00" if legs else "0.0"  # a leg's days have 2 decimals (export_table)
    else:
        fmt = next((f for unit, f in _FORMATS.items() if header.endswith(unit)), None)
    if fmt and signed:
        return f"+{fmt};-{fmt};{fmt}"
    return fmt


def _put(sheet: Any, row: int, col: int, value: Any) -> Any:
    """Write one cell: missing values empty, numpy numbers as Python numbers, text always text (never a formula)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return sheet.cell(row=row, column=col)
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, str):
        cell = sheet.cell(row=row, column=col, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        return cell
    if not isinstance(value, bool | int | float | datetime.date):
        value = str(value)
    return sheet.cell(row=row, column=col, value=value)
