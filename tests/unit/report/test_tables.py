"""Tests of corridors.report.tables."""

from __future__ import annotations

import functools

import pytest

from corridors.report.tables import (
    LEG_COLUMNS,
    SUMMARY_COLUMNS,
    legs_table,
    summary_table,
    time_cost_distance,
)
from corridors.routing.route import route as route_door_to_door

# quay to quay: these tests check the search and the per-leg figures, not the terminal rows at
# the ends (tests/unit/routing/test_endpoints.py checks those)
route = functools.partial(route_door_to_door, terminals=False)


@pytest.fixture(scope="module")
def three(toy, toy_params):
    return route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=3)


def test_legs_table_sums_to_the_totals(three) -> None:
    frame = legs_table(three)
    assert tuple(frame.columns) == LEG_COLUMNS
    assert list(frame["rank"].unique()) == [1, 2, 3]
    for rank, found in enumerate(three.routes, start=1):
        rows = frame[frame["rank"] == rank]
        assert list(rows["leg"]) == list(range(1, len(found.legs) + 1))
        assert (rows["route"] == found.label).all()
        totals = found.totals
        assert rows["distance_km"].sum() == pytest.approx(totals.distance_km)
        assert rows["moving_h"].sum() == pytest.approx(totals.moving_h)
        assert rows["dwell_h"].sum() == pytest.approx(totals.dwell_h)
        assert rows["cost_usd"].sum() == pytest.approx(totals.cost_usd)
        assert rows["co2e_kg"].sum() == pytest.approx(totals.co2e_kg)
        assert (rows["cost_usd"] == rows["leg_cost_usd"] + rows["handling_cost_usd"]).all()
    assert frame["co2e_source"].str.len().min() > 0
    port = frame[(frame["rank"] == 1) & (frame["to_id"] == "IRBND")].iloc[0]
    assert "Bandar Abbas" in port["dwell_at_end"] and port["dwell_source"] == "test"


def test_summary_table(three) -> None:
    frame = summary_table(three)
    assert tuple(frame.columns) == SUMMARY_COLUMNS
    assert list(frame["route"]) == ["INSTC western", "Suez", "EMC + Trans-Siberian"]  # other corridors before variants
    assert frame.loc[0, "transit_days"] == pytest.approx(205.8 / 24)
    assert (frame["p50_days"] <= frame["p90_days"]).all()
    assert summary_table(three.best).shape[0] == 1


def test_time_cost_distance(three) -> None:
    best = three.best
    frame = time_cost_distance(best)
    assert frame.iloc[0]["event"] == "start" and frame.iloc[0]["time_h"] == 0
    for column in ("distance_km", "time_h", "cost_usd", "co2e_kg"):
        assert frame[column].is_monotonic_increasing
    last = frame.iloc[-1]
    assert last["time_h"] == pytest.approx(best.totals.transit_h)
    assert last["cost_usd"] == pytest.approx(best.totals.cost_usd)
    assert (frame["event"] == "dwell").sum() == sum(1 for leg in best.legs if leg.dwell)
