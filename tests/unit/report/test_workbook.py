"""Tests of corridors.report.workbook: the .xlsx opened with openpyxl, checked against the tables."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from engine.conftest import TOY, load_toy_network  # tests/ is on sys.path (see conftest.py)

from corridors.network.loader import load_network
from corridors.report.compare import compare, with_deltas
from corridors.report.export_tables import export_table
from corridors.report.tables import legs_table, summary_table
from corridors.report.workbook import SHEETS, comparison_workbook, route_workbook, sources_table
from corridors.routing.route import route

UNIT = ("(km)", "(nm)", "(km/h)", "(days)", "(USD/TEU)", "(kg/TEU)")


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet, top: int = 1) -> tuple[list[str], list[tuple]]:
    rows = list(sheet.iter_rows(min_row=top, values_only=True))
    return list(rows[0]), rows[1:]


@pytest.fixture(scope="module")
def network():
    return load_network()


@pytest.fixture(scope="module")
def found(network):
    return route(network, "INNSA", "RUMOW", alternatives=3)


def test_route_workbook_sheets_headers_and_values(found) -> None:
    book = _open(route_workbook(found))
    assert book.sheetnames == list(SHEETS)
    header, rows = _rows(book["summary"])
    expected = export_table(summary_table(found))
    assert header == list(expected.columns)
    assert len(rows) == len(expected) == 3
    for row, (_, want) in zip(rows, expected.iterrows(), strict=True):
        for column, value in zip(header, row, strict=True):
            if column.endswith(UNIT):
                assert value == want[column], column  # the summary table's rounded value, a number
                assert isinstance(value, int | float)
    numeric = [c for c, v in zip(header, rows[0], strict=True) if isinstance(v, float | int) and c not in ("rank", "legs")]
    assert numeric and all(c.endswith(UNIT) for c in numeric), numeric
    assert book["summary"].freeze_panes == "A2"
    assert book["summary"].cell(row=2, column=header.index("distance (km)") + 1).number_format == "#,##0"


def test_route_workbook_legs_and_comparison(found) -> None:
    book = _open(route_workbook(found))
    header, rows = _rows(book["legs"])
    assert len(rows) == len(legs_table(found))
    assert "likely moving (days)" in header and not any(h.endswith("_h") for h in header)
    col = header.index("likely dwell at end (days)")
    assert book["legs"].cell(row=2, column=col + 1).number_format == "0.00"
    header, rows = _rows(book["comparison"])
    assert header[:3] == ["route", "rank", "transit P50 (days)"]
    delta = header.index("Δ transit P50 vs best route (days)")
    assert rows[0][delta] == 0
    p50 = [r[2] for r in rows]
    assert [r[delta] for r in rows] == pytest.approx([round(v - p50[0], 1) for v in p50], abs=0.11)


def test_sources_sheet_names_every_factor_source(found) -> None:
    sheet = _open(route_workbook(found))["sources"]
    about = {r[0]: r[1] for r in sheet.iter_rows(max_row=9, values_only=True)}
    assert about["origin"].endswith("(INNSA)") and about["scenario"] == "baseline"
    header_row = next(i for i, r in enumerate(sheet.iter_rows(values_only=True), start=1) if r[:3] == ("figure", "source", "legs"))
    _, rows = _rows(sheet, header_row)
    legs = legs_table(found)
    for column, figure in (("speed_source", "speed"), ("cost_source", "cost"), ("co2e_source", "CO2e")):
        shown = {r[1] for r in rows if r[0] == figure}
        assert shown == {s for s in legs[column] if s}, figure
    assert len(rows) == len(sources_table(legs))


def test_comparison_workbook(network) -> None:
    scenarios = ["baseline", "red-sea-closed", "hormuz-closed"]
    answers = {s: route(network, "INNSA", "RUMOW", scenario=s, alternatives=2) for s in scenarios}
    table = with_deltas(compare(network, "INNSA", "RUMOW", scenarios, alternatives=2), "baseline")
    book = _open(comparison_workbook(table, answers))
    assert book.sheetnames == list(SHEETS)
    header, rows = _rows(book["comparison"])
    assert header == list(export_table(table).columns)
    assert len(rows) == len(table)
    delta = header.index("Δ cost P50 vs baseline (USD/TEU)")
    assert [r[delta] for r in rows] == export_table(table)["Δ cost P50 vs baseline (USD/TEU)"].tolist()
    header, rows = _rows(book["summary"])
    assert [r[0] for r in rows] == scenarios and {r[1] for r in rows} == {1}
    header, rows = _rows(book["legs"])
    assert header[0] == "scenario" and {r[0] for r in rows} == set(scenarios)
    about = {r[0]: r[1] for r in book["sources"].iter_rows(max_row=9, values_only=True)}
    assert about["scenarios (baseline first)"] == ", ".join(scenarios)


def test_hostile_names_are_text_never_formulas(tmp_path, toy_params) -> None:
    data = json.loads(TOY.read_text(encoding="utf-8"))
    for feature in data["features"]:
        if feature["properties"]["id"] == "RUMOW":
            feature["properties"]["name"] = '=HYPERLINK("http://evil.example","Moscow")\x07'
    path = tmp_path / "hostile.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    found = route(load_toy_network(path), "INNSA", "RUMOW", params=toy_params)
    book = _open(route_workbook(found))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    assert '=HYPERLINK("http://evil.example","Moscow")' in {c.value for c in cells}  # control character dropped
