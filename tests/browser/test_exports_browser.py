"""Exports in a real browser: the explorer's XLSX opened with openpyxl and checked against the table on screen."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import openpyxl
import pytest

# screen header (the summary's short headers, or the full ones) -> the workbook's header with its unit
SCREEN_TO_SHEET = {
    "P50 days": "transit P50 (days)",
    "transit P50 (days)": "transit P50 (days)",
    "P10 (days)": "transit P10 (days)",
    "P90 (days)": "transit P90 (days)",
    "USD/TEU": "cost P50 (USD/TEU)",
    "cost P50 (USD/TEU)": "cost P50 (USD/TEU)",
    "kg CO2e": "CO2e P50 (kg/TEU)",
    "CO2e P50 (kg/TEU)": "CO2e P50 (kg/TEU)",
    "distance (km)": "distance (km)",
}


def _summary_grid(pg) -> list[list[str]]:
    """The explorer's summary table (the grid whose header has "route"), header first."""
    grids = pg.locator("[data-testid=stDataFrame] table")
    grids.first.wait_for(state="attached", timeout=60_000)
    for index in range(grids.count()):
        rows = pg.evaluate(
            """(i) => Array.from(document.querySelectorAll('[data-testid=stDataFrame] table')[i].querySelectorAll('tr'))
                .map(r => Array.from(r.children).map(c => c.innerText.trim()))""",
            index,
        )
        if rows and "route" in rows[0]:
            return rows
    raise AssertionError("no summary table on the page")


def _download(pg, button: str) -> tuple[str, Path]:
    with pg.expect_download() as info:
        pg.get_by_role("button", name=button).click()
    return info.value.suggested_filename, Path(info.value.path())


def test_xlsx_download_matches_the_summary_on_screen(page, app_url, helpers):
    page.goto(app_url + "/?origin=INNSA&destination=RUMOW&k=3&units=km")
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
    helpers["wait_idle"](page, timeout=120)
    shown = _summary_grid(page)
    header, body = shown[0], shown[1:]
    name, path = _download(page, "Workbook (XLSX)")
    assert name == f"corridors_INNSA-RUMOW_baseline_{datetime.date.today().isoformat()}_routes.xlsx", name
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))  # the download's path has no extension
    assert book.sheetnames == ["summary", "legs", "comparison", "sources"]
    rows = list(book["summary"].iter_rows(values_only=True))
    sheet_header, sheet_body = list(rows[0]), rows[1:]
    assert len(sheet_body) == len(body) == 3
    compared = [h for h in header if h in SCREEN_TO_SHEET]
    assert len(compared) >= 5, header
    for screen_row, sheet_row in zip(body, sheet_body, strict=True):
        assert screen_row[header.index("route")].endswith(sheet_row[sheet_header.index("route")])
        for column in compared:
            value = sheet_row[sheet_header.index(SCREEN_TO_SHEET[column])]
            on_screen = float(screen_row[header.index(column)].replace(",", ""))
            step = 0.1 if column.endswith("days") or column.endswith("(days)") else 1.0
            assert on_screen == pytest.approx(value, abs=step / 2 + 1e-9), column  # the same rounding
    helpers["save_screenshot"](page, "exports_explorer")
    # the CSV beside it: a BOM, the same headers and figures
    name, path = _download(page, "Summary (CSV)")
    assert name.endswith("_summary.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:2] == ["route", "rank"] and "transit P50 (days)" in lines[0]
    assert len(lines) == 4
