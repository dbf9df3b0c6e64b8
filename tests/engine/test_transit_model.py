"""The transit-time model on the bundled network (issue 10): ice by month, spread, departure dates, headline.

Real data: the bundled network and the defaults. These are outcomes a
planner reads, not the model's internals (those are in tests/unit/model).
"""

from __future__ import annotations

import csv
import datetime
import io
from contextlib import redirect_stdout

import pytest

from corridors.cli import main
from corridors.model.scenario import Scenario
from corridors.network.loader import load_network
from corridors.report import export, tables
from corridors.routing.route import route


@pytest.fixture(scope="module")
def network():
    return load_network()


def _nsr(network, month: int, ice_class: str):
    scenario = Scenario(name=f"nsr-{month}-{ice_class}", month=month, ice_class=ice_class)
    found = route(network, "RUMMK", "RUVVO", scenario=scenario, via=["SEA-LAPTEV"], terminals=False)
    assert found.feasible, found.infeasible_reason
    return found.best


def test_nsr_january_is_slower_than_august_and_its_spread_comes_from_ice(network) -> None:
    august = _nsr(network, 8, "Arc7").totals
    january = _nsr(network, 1, "Arc7").totals
    assert january.p50_days > august.p50_days + 2  # heavy first-year ice in the Kara and East Siberian seas
    assert january.p90_days - january.p50_days > august.p90_days - august.p50_days
    assert january.p90_days > january.p50_days + 1.0  # clearly above the median in the ice season


def test_nsr_closed_for_non_ice_class_ships_in_winter(network) -> None:
    scenario = Scenario(name="winter", month=2, ice_class="none")
    found = route(network, "RUMMK", "RUVVO", scenario=scenario, via=["SEA-LAPTEV"], terminals=False)
    assert not found.feasible
    assert "NSR" in found.infeasible_reason or "closed" in found.infeasible_reason


@pytest.mark.parametrize(
    ("origin", "destination"),
    [("INNSA", "NLRTM"), ("INNSA", "RUMOW"), ("RUVVO", "RUMOW"), ("INMAA", "RUVVO"), ("IRBND", "RUMOW")],
)
def test_every_route_with_a_moving_leg_has_p90_above_p50(network, origin, destination) -> None:
    for found in route(network, origin, destination, alternatives=3):
        totals = found.totals
        assert totals.p10_days < totals.p50_days < totals.p90_days, found.label


def test_a_departure_date_meets_each_sea_area_in_the_month_it_is_reached(network) -> None:
    # leaving Murmansk on 25 October, an Arc4 ship is in the Laptev and East Siberian seas in November
    scenario = Scenario(name="late", departure="2026-10-25", ice_class="Arc4")
    found = route(network, "RUMMK", "RUVVO", scenario=scenario, via=["SEA-LAPTEV"], terminals=False).best
    notes = {leg.leg_id: leg.season_note for leg in found.legs if leg.season_note}
    assert any("November" in note for note in notes.values())
    october = route(network, "RUMMK", "RUVVO", scenario=Scenario(name="oct", month=10, ice_class="Arc4"),
                    via=["SEA-LAPTEV"], terminals=False).best  # fmt: skip
    assert found.totals.p50_days > october.totals.p50_days
    totals = found.totals
    assert totals.arrival_p10 <= totals.arrival_p50 <= totals.arrival_p90
    assert totals.arrival_p50 == datetime.date(2026, 10, 25) + datetime.timedelta(hours=totals.p50_days * 24)


def test_rail_service_level_is_a_scenario_choice(network) -> None:
    days = {}
    for level in ("express", "container", "wagonload"):
        found = route(network, "RUVVO", "RUMOW", scenario=Scenario(name=level, rail_service=level), terminals=False)
        days[level] = found.best.totals.p50_days
    assert days["express"] < days["container"] < days["wagonload"]
    assert 6 <= days["express"] <= 8.5  # the Trans-Siberian in 7 days (RZD)
    assert 11 <= days["container"] <= 14  # ordinary container trains, 11-14 days


def test_the_headline_is_one_number_in_table_csv_chart_and_cli(network) -> None:
    result = route(network, "INNSA", "RUMOW", alternatives=2)
    best = result.best
    headline = best.totals.p50_days
    summary = tables.summary_table(result)
    assert summary.loc[0, "p50_days"] == pytest.approx(headline)
    rows = list(csv.DictReader(io.StringIO(export.to_csv(summary))))
    assert float(rows[0]["p50_days"]) == pytest.approx(headline)
    chart = tables.time_cost_distance(best)
    assert chart["time_h"].iloc[-1] / 24 == pytest.approx(headline)
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["route", "INNSA", "RUMOW"]) == 0
    assert f"{headline:.1f} days P50" in out.getvalue()


def test_ferry_emissions_use_the_glec_ropax_factor(network) -> None:
    found = route(network, "RUASF", "IRBAZ", scenario=Scenario(name="june", month=6), terminals=False).best
    ferry = [leg for leg in found.legs if leg.mode == "ferry"]
    assert ferry, found.label
    for leg in ferry:
        g_per_tkm = leg.co2e_kg * 1000 / (leg.distance_km * 10)
        assert g_per_tkm >= 98  # GLEC v3.0 RoPax: 98 (> 20,000 gt) to 262 (2,000-4,999 gt)
