"""What changed: one line per scenario against the baseline, on the bundled network and presets."""

from __future__ import annotations

import math

import pytest

from corridors.model.presets import presets
from corridors.model.scenario import Scenario
from corridors.network.loader import load_network
from corridors.report.changes import Outcome, change_line, change_lines, outcome, outcomes, scenario_change
from corridors.report.compare import compare
from corridors.routing.route import route


@pytest.fixture(scope="module")
def net():
    return load_network()


@pytest.fixture(scope="module")
def bundled():
    return presets()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("red-sea-closed", "Suez and Bab-el-Mandeb closed"),
        ("hormuz-closed", "Hormuz closed"),
        ("nsr-summer", "August, Arc4 ice class"),
        ("nsr-winter-arc7", "January, Arc7 ice class"),
        ("rasht-astara-built", "INSTC-W-RASHT-ASTARA-RAIL open"),
        ("slow-steaming", "sea speed × 0.85"),
        ("baseline", "same as the baseline"),
    ],
)
def test_scenario_change_names_what_differs(bundled, name, text):
    assert scenario_change(bundled[name], bundled["baseline"]) == text


def test_scenario_change_custom_fields():
    scenario = Scenario(name="x", closed_corridors=["nsr"], closed_modes=["road"], rail_service="express",
                        dwell={"port": {"low": 1, "likely": 2, "high": 3}})
    text = scenario_change(scenario)
    assert text.startswith("NSR corridor and road legs closed")
    assert "express rail service" in text and "dwell figures changed" in text


def test_red_sea_closed_moves_the_cheapest_route_to_the_cape(net, bundled):
    """The issue's example: "Suez closed -> best route now Cape, +8.9 d, +USD 1,330/TEU" (cheapest, India-Rotterdam)."""
    base = route(net, "INNSA", "NLRTM", optimize="cost")
    closed = route(net, "INNSA", "NLRTM", optimize="cost", scenario="red-sea-closed")
    line = change_line(scenario_change(bundled["red-sea-closed"]), outcome(base), outcome(closed))
    days = closed.routes[0].totals.p50_days - base.routes[0].totals.p50_days
    cost = closed.routes[0].totals.cost_usd - base.routes[0].totals.cost_usd
    assert line == (f"Suez and Bab-el-Mandeb closed → best route now Cape (was Suez), +{days:.1f} d, "
                    f"+USD {cost:,.0f}/TEU; Suez no longer among the routes shown")
    assert 5 < days < 15 and 800 < cost < 2000


def test_unchanged_best_still_says_what_left(net, bundled):
    """Nhava Sheva -> St Petersburg, Red Sea closed: the best stays INSTC western; the Black Sea route leaves the list."""
    base = route(net, "INNSA", "RULED", alternatives=3)
    closed = route(net, "INNSA", "RULED", alternatives=3, scenario="red-sea-closed")
    line = change_line(scenario_change(bundled["red-sea-closed"]), outcome(base), outcome(closed))
    assert line == ("Suez and Bab-el-Mandeb closed → best route unchanged (INSTC western), same time and cost; "
                    "Suez + Black Sea no longer among the routes shown")


def test_no_route_and_route_opening():
    base = Outcome("baseline", "INSTC western", 27.9, 3678.0, 1249.0, ("INSTC western",))
    gone = Outcome("x", None, reason="No route from A to B: Suez closed")
    assert change_line("Suez closed", base, gone) == "Suez closed → no route: No route from A to B: Suez closed"
    assert change_line("Suez open", gone, base) == (
        "Suez open → a route opens: INSTC western, 27.9 d P50, USD 3,678/TEU (none under x)")
    slower = Outcome("y", "INSTC western", 30.0, 3600.0, 1300.0, ("INSTC western",))
    assert change_line("c", base, slower) == "c → best route unchanged (INSTC western), +2.1 d, -USD 78/TEU"


def test_change_lines_from_a_comparison_table(net, bundled):
    names = ["baseline", "red-sea-closed", "nsr-summer"]
    table = compare(net, "INNSA", "NLRTM", names, optimize="cost")
    found = outcomes(table)
    assert list(found) == names
    assert found["red-sea-closed"].label == "Cape" and not math.isnan(found["red-sea-closed"].p50_days)
    lines = change_lines(table, bundled, "baseline")
    assert len(lines) == 2
    assert lines[0].startswith("red-sea-closed: Suez and Bab-el-Mandeb closed → best route now Cape (was Suez), +")
    assert lines[1] == "nsr-summer: August, Arc4 ice class → best route unchanged (Suez), same time and cost"
    assert change_lines(table, bundled, "hormuz-closed") == []  # the baseline is not in the table
    # a scenario with no route gives its reason
    closed = Scenario(name="no-sea", closed_modes=["sea"])
    table = compare(net, "INNSA", "NLRTM", [bundled["baseline"], closed])
    (line,) = change_lines(table, [bundled["baseline"], closed], "baseline")
    assert line.startswith("no-sea: sea legs closed → no route: ")
