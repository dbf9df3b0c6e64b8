"""Tests of corridors.report.tables."""

from __future__ import annotations

import functools

import pytest

from corridors.report.tables import (
    LEG_COLUMNS,
    SUMMARY_COLUMNS,
    TOTAL_FIELDS,
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
    # the P50 headline first, then its window: each column is the route's Monte Carlo total
    times = list(SUMMARY_COLUMNS).index("p50_days")
    assert list(frame.columns[times : times + 3]) == ["p50_days", "p10_days", "p90_days"]
    for rank, found in enumerate(three.routes):
        totals = found.totals
        for column in TOTAL_FIELDS[:-3]:  # times, cost, CO2e (then the arrival dates)
            assert frame.loc[rank, column] == getattr(totals, column), column
    # INSTC western: 211.8 expected hours (see tests/unit/routing/test_route.py); the P50 is near it
    assert frame.loc[0, "p50_days"] == pytest.approx(211.8 / 24, rel=0.01)
    assert frame.loc[0, "moving_h"] + frame.loc[0, "dwell_h"] == pytest.approx(205.8)  # likely breakdown
    assert (frame["p10_days"] <= frame["p50_days"]).all() and (frame["p50_days"] <= frame["p90_days"]).all()
    assert (frame["cost_p10_usd"] <= frame["cost_usd"]).all() and (frame["cost_usd"] <= frame["cost_p90_usd"]).all()
    assert (frame["co2e_p10_kg"] <= frame["co2e_kg"]).all() and (frame["co2e_kg"] <= frame["co2e_p90_kg"]).all()
    assert frame["arrival_p50"].isna().all()  # no departure date
    assert summary_table(three.best).shape[0] == 1


def test_time_cost_distance(three) -> None:
    best = three.best
    frame = time_cost_distance(best)
    assert frame.iloc[0]["event"] == "start" and frame.iloc[0]["time_h"] == 0
    for column in ("distance_km", "time_h", "cost_usd", "co2e_kg"):
        assert frame[column].is_monotonic_increasing
    last = frame.iloc[-1]
    # the chart ends at the headline P50 figures the tables quote
    assert last["time_h"] == pytest.approx(best.totals.p50_days * 24)
    assert last["cost_usd"] == pytest.approx(best.totals.cost_usd)
    assert last["co2e_kg"] == pytest.approx(best.totals.co2e_kg)
    # the likely times are scaled by one factor: each step keeps its share of the route's likely time
    scale = best.totals.p50_days * 24 / (best.moving_h + best.dwell_h)
    first_move = frame[frame["event"] == "move"].iloc[0]
    assert first_move["time_h"] == pytest.approx(best.legs[0].moving_h * scale)
    assert (frame["event"] == "dwell").sum() == sum(1 for leg in best.legs if leg.dwell)


def test_a_rare_port_call_reads_as_a_chance_not_zero() -> None:
    """Hormuz → Bandar Abbas (91 km, 1 call per 2,500 km) carries about an hour of calls: never "0.0 expected"."""
    from corridors.network.loader import load_network

    frame = legs_table(route(load_network(), "INNSA", "RUMOW", alternatives=1))
    row = frame[frame["leg_id"] == "INSTC-SEA-HORMUZ-BND"].iloc[0]
    assert "0.0 expected" not in row["dwell_at_end"]
    assert "4% chance of a call" in row["dwell_at_end"]
    assert row["dwell_h"] > 1
