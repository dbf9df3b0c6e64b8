"""Tests of corridors.report.export_tables: units in the headers, one time unit, rounding, file names."""

from __future__ import annotations

import datetime
import functools
import re

import pandas as pd
import pytest

from corridors.network.loader import load_network
from corridors.report.compare import compare, with_deltas
from corridors.report.export_tables import DECIMALS, HEADERS, export_name, export_table
from corridors.report.tables import legs_table, summary_table
from corridors.routing.route import route


@pytest.fixture(scope="module")
def real():
    network = load_network()
    found = route(network, "INNSA", "RUMOW", alternatives=3)
    table = with_deltas(compare(network, "INNSA", "RUMOW", ["baseline", "red-sea-closed"], alternatives=2), "baseline")
    return found, table


def _decimals(value: float) -> int:
    text = repr(float(value))
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def test_summary_in_days_rounded_with_units(real) -> None:
    found, _ = real
    raw = summary_table(found)
    out = export_table(raw)
    assert list(out.columns[:6]) == ["route", "rank", "corridors used", "legs", "distance (km)", "distance (nm)"]
    assert out["likely moving (days)"].tolist() == (raw["moving_h"] / 24).round(1).tolist()
    assert out["transit P50 (days)"].tolist() == raw["p50_days"].round(1).tolist()
    assert out["distance (km)"].dtype == "Int64"
    assert out["distance (km)"].tolist() == raw["distance_km"].round().astype(int).tolist()
    assert out["cost P50 (USD/TEU)"].tolist() == raw["cost_usd"].round().astype(int).tolist()
    assert out["arrival P50 (date)"].tolist() == ["", "", ""]  # no departure date: empty, not "None"
    for header in out.columns:
        if header.endswith("(days)"):
            assert max(_decimals(v) for v in out[header]) <= 1, header


def test_legs_in_days_with_two_decimals(real) -> None:
    found, _ = real
    raw = legs_table(found)
    out = export_table(raw)
    assert "likely dwell at end (days)" in out.columns and "likely cost (USD/TEU)" in out.columns
    assert out["likely moving (days)"].tolist() == pytest.approx((raw["moving_h"] / 24).round(2).tolist(), abs=1e-12)
    assert max(_decimals(v) for v in out["likely dwell at end (days)"]) == 2
    assert out["speed (km/h)"].dtype == "Int64"


def test_one_time_unit_in_every_export(real) -> None:
    """The complaint: moving_h/dwell_h in one file, moving_days/dwell_days in another."""
    found, table = real
    headers = [set(export_table(t).columns) for t in (summary_table(found), legs_table(found), table)]
    for columns in headers:
        assert not any(re.search(r"\((h|hours)\)|_h$|_days$", c) for c in columns), columns
    assert {"likely moving (days)", "likely dwell (days)"} <= headers[0] & headers[2]
    assert {"Δ transit P50 vs baseline (days)", "Δ cost P50 vs baseline (USD/TEU)"} <= headers[2]


def test_comparison_rounded_and_never_minus_zero(real) -> None:
    _, table = real
    out = export_table(table)
    base = out[out["scenario"] == "baseline"].iloc[0]
    assert base["Δ transit P50 vs baseline (days)"] == 0.0
    assert str(base["Δ transit P50 vs baseline (days)"]) == "0.0"  # + 0.0: no "-0.0"
    assert out["Δ cost P50 vs baseline (USD/TEU)"].dtype == "Int64"
    assert out["rank"].tolist() == table["rank"].tolist()


def test_every_unit_has_decimals() -> None:
    units = {unit for _, unit in HEADERS.values() if unit not in (None, "h", "date")}
    assert units <= set(DECIMALS)


def test_unknown_columns_pass_and_duplicates_are_refused() -> None:
    out = export_table(pd.DataFrame({"alternative": ["1. x"], "distance_km": [12.6]}))
    assert out.to_dict(orient="records") == [{"alternative": "1. x", "distance (km)": 13}]
    with pytest.raises(ValueError, match="one header"):
        export_table(pd.DataFrame({"moving_h": [1.0], "moving_days": [1.0]}))


def test_export_name_has_pair_scenario_and_date() -> None:
    day = datetime.date(2026, 11, 30)
    name = functools.partial(export_name, date=day)
    assert name("INNSA", "RUMOW", "red-sea-closed", "summary", "csv") == (
        "corridors_INNSA-RUMOW_red-sea-closed_2026-11-30_summary.csv"
    )
    assert export_name("INNSA", "RUMOW", "x", "legs", "xlsx").split("_")[3] == datetime.date.today().isoformat()


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("Suez closed / Süd", "Suez-closed-Sud"),
        ("Суэц", "x"),
        ("a" * 100, "a" * 40),
        ('<script>"x"', "script-x"),
    ],
)
def test_export_name_is_safe(scenario, expected) -> None:
    name = export_name("72.8,19.0", "RU MOW", scenario, "report", "HTML", date=datetime.date(2026, 1, 2))
    assert name == f"corridors_72.8-19.0-RU-MOW_{expected}_2026-01-02_report.html"
    assert re.fullmatch(r"[A-Za-z0-9._-]+", name) and ".." not in name
