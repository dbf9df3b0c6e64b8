"""Tests of corridors.report.export (formula-safe CSV, JSON, GeoJSON)."""

from __future__ import annotations

import csv
import datetime
import functools
import io
import json

import pandas as pd
import pytest
from engine.conftest import TOY, load_toy_network  # tests/ is on sys.path (see conftest.py)

from corridors.model.scenario import Scenario
from corridors.report.export import (
    frame_to_json,
    neutralise,
    neutralise_frame,
    routes_to_geojson,
    routes_to_json,
    to_csv,
)
from corridors.report.tables import legs_table
from corridors.routing.route import route as route_door_to_door

# quay to quay: these tests check the search and the per-leg figures, not the terminal rows at
# the ends (tests/unit/routing/test_endpoints.py checks those)
route = functools.partial(route_door_to_door, terminals=False)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_text_is_quoted(text) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Moscow", "", "1-2", -3, -3.5, 0, None, True])
def test_other_values_are_untouched(value) -> None:
    assert neutralise(value) == value


def test_negative_numbers_stay_numbers() -> None:
    frame = pd.DataFrame({"name": ["-bad", "ok"], "delta_km": [-12.5, 3.0]})
    rows = list(csv.reader(io.StringIO(to_csv(frame))))
    assert rows[1] == ["'-bad", "-12.5"]
    assert rows[2] == ["ok", "3.0"]
    assert neutralise_frame(frame)["delta_km"].tolist() == [-12.5, 3.0]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    data = json.loads(TOY.read_text(encoding="utf-8"))
    for feature in data["features"]:
        if feature["properties"]["id"] == "RUMOW":
            feature["properties"]["name"] = '=HYPERLINK("http://evil.example","Moscow")'
        if feature["properties"]["id"] == "AZBAK":
            feature["properties"]["name"] = "@Baku"
    path = tmp_path_factory.mktemp("hostile") / "hostile.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    return load_toy_network(path)


def test_csv_neutralises_hostile_names(hostile, toy_params, tmp_path) -> None:
    found = route(hostile, "INNSA", "RUMOW", params=toy_params)
    out = tmp_path / "legs.csv"
    assert to_csv(legs_table(found), out) is None
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    names = {row["to_name"] for row in rows} | {row["from_name"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","Moscow")' in names
    assert "'@Baku" in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    assert float(rows[0]["distance_km"]) > 0


def test_json_export(toy, toy_params) -> None:
    found = route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=2)
    data = json.loads(routes_to_json(found))
    assert data["feasible"] and data["infeasible_reason"] is None
    assert [r["label"] for r in data["routes"]] == ["INSTC western", "Suez"]  # another corridor before a variant
    first = data["routes"][0]
    totals = found.best.totals
    for key in ("p10_days", "p50_days", "p90_days", "cost_usd", "cost_p10_usd", "cost_p90_usd", "co2e_kg"):
        assert first["totals"][key] == pytest.approx(getattr(totals, key)), key
    assert "transit_days" not in first["totals"]  # the deterministic figure is gone: P50 is the headline
    assert first["totals"]["p10_days"] <= first["totals"]["p50_days"] <= first["totals"]["p90_days"]
    assert first["totals"]["arrival_p50"] is None  # no departure date
    assert len(first["legs"]) == len(found.best.legs)
    assert {d["kind"] for d in first["dwell"]} >= {"port", "intermodal", "border_road", "border_rail"}
    empty = route(
        toy,
        "RULED",
        "RUVVO",
        scenario=Scenario(name="x", month=1, closed_chokepoints=["suez", "cape-of-good-hope"]),
        params=toy_params,
        avoid_modes=["rail"],
    )
    data = json.loads(routes_to_json(empty))
    assert data["feasible"] is False and data["routes"] == [] and "No route" in data["infeasible_reason"]


def test_frame_to_json_uses_null() -> None:
    frame = pd.DataFrame({"a": [1.0, float("nan")], "b": ["x", None]})
    assert json.loads(frame_to_json(frame)) == [{"a": 1.0, "b": "x"}, {"a": None, "b": None}]


def test_geojson_legs_follow_the_route(toy, toy_params) -> None:
    found = route(toy, "INNSA", "RUVVO", params=toy_params)
    collection = routes_to_geojson(found, toy)
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["properties"]["leg_id"] for f in features] == [leg.leg_id for leg in found.best.legs]
    last = features[-1]
    assert last["properties"]["leg_id"] == "EMC-RUVVO-SGSIN"  # drawn RUVVO -> SGSIN, travelled backwards
    assert last["geometry"]["coordinates"][0] == [103.8, 1.26]
    assert last["geometry"]["coordinates"][-1] == [131.9, 43.1]
    json.dumps(collection, allow_nan=False)


def test_geojson_keeps_antimeridian_cuts(toy, toy_params) -> None:
    found = route(
        toy,
        "RUVVO",
        "RULED",
        scenario="nsr-summer",
        params=toy_params,
        optimize="distance",
        avoid_modes=["rail"],
    )
    features = {f["properties"]["leg_id"]: f for f in routes_to_geojson(found, toy)["features"]}
    bering = features["NSR-BERING-RUVVO"]["geometry"]
    assert bering["type"] == "MultiLineString"
    assert bering["coordinates"][0][0] == [131.9, 43.1]  # starts at Vladivostok
    assert bering["coordinates"][-1][-1] == [-169.5, 66.0]


def test_csv_round_trip_on_the_real_network() -> None:
    """Legs and summary tables read back from CSV with the same columns and values."""
    from corridors.network.loader import load_network
    from corridors.report.tables import summary_table

    found = route(load_network(), "INNSA", "RUMOW", alternatives=3)
    for table in (legs_table(found), summary_table(found)):
        back = pd.read_csv(io.StringIO(to_csv(table)), keep_default_na=False)
        assert list(back.columns) == list(table.columns)
        assert len(back) == len(table)
        for column in table.columns:
            if pd.api.types.is_numeric_dtype(table[column]):
                pd.testing.assert_series_equal(
                    back[column].astype(float), table[column].astype(float), check_names=False, rtol=1e-9
                )
            else:
                assert back[column].astype(str).tolist() == table[column].fillna("").astype(str).tolist(), column


def test_json_export_writes_arrival_dates(toy, toy_params) -> None:
    dated = Scenario(name="dated", departure=datetime.date(2026, 10, 20))
    found = route(toy, "INNSA", "RUMOW", scenario=dated, params=toy_params)
    totals = json.loads(routes_to_json(found))["routes"][0]["totals"]
    assert totals["arrival_p50"] == found.best.totals.arrival_p50.isoformat()
    assert totals["arrival_p10"] <= totals["arrival_p50"] <= totals["arrival_p90"]


def test_csv_bytes_start_with_a_bom_and_read_back_rounded(toy, toy_params) -> None:
    """What the app downloads: the export table (units, days, rounded) as UTF-8 with a BOM (Excel reads "Δ")."""
    from corridors.report.compare import compare, with_deltas
    from corridors.report.export import BOM, csv_bytes
    from corridors.report.export_tables import export_table

    table = with_deltas(compare(toy, "INNSA", "RUMOW", ["baseline", "red-sea-closed"], params=toy_params), "baseline")
    data = csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf") and BOM == "\ufeff"
    text = data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = export_table(table)
    assert list(rows[0]) == list(expected.columns)
    assert "Δ transit P50 vs baseline (days)" in rows[0]
    for row, (_, want) in zip(rows, expected.iterrows(), strict=True):
        assert row["distance (km)"] == str(want["distance (km)"])  # whole km: "6351", not "6351.0"
        assert row["transit P50 (days)"] == f"{want['transit P50 (days)']:.1f}"
        assert len(row["likely moving (days)"].split(".")[1]) == 1
        assert "." not in row["cost P50 (USD/TEU)"] and "." not in row["CO2e P50 (kg/TEU)"]


def test_csv_bytes_stay_formula_safe(hostile, toy_params) -> None:
    from corridors.report.export import csv_bytes

    found = route(hostile, "INNSA", "RUMOW", params=toy_params)
    rows = list(csv.DictReader(io.StringIO(csv_bytes(legs_table(found)).decode("utf-8-sig"))))
    names = {row["to"] for row in rows} | {row["from"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","Moscow")' in names and "'@Baku" in names
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row.values())


def test_to_csv_writes_a_bom_only_when_asked(tmp_path) -> None:
    frame = pd.DataFrame({"Δ days": [1.5]})
    assert not to_csv(frame).startswith("\ufeff")
    assert to_csv(frame, bom=True).startswith("\ufeffΔ days\n")
    to_csv(frame, tmp_path / "x.csv", bom=True)
    assert (tmp_path / "x.csv").read_bytes().startswith(b"\xef\xbb\xbf\xce\x94")
