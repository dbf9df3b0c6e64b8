"""The model's route a published figure is about (shared by the claims and the calibration table)."""

from __future__ import annotations

import pytest

from corridors.network.loader import load_network
from corridors.report.route_match import RouteCondition, find_route, leg_chokepoints


@pytest.fixture(scope="module")
def net():
    return load_network()


def test_condition_words_and_truth():
    assert not RouteCondition() and RouteCondition().words == ""
    cond = RouteCondition("Suez", ("Su",), ("suez", "gibraltar"))
    assert cond and cond.words == "label 'Suez', label containing 'Su', passing Suez, passing Gibraltar"


def test_find_route_takes_the_first_alternative_meeting_the_condition(net):
    best, reason = find_route(net, "INNSA", "RUMOW", RouteCondition(), scenario="baseline")
    assert reason is None and "INSTC" in best.label, "an empty condition takes the best route"
    suez, reason = find_route(net, "INNSA", "RUMOW", RouteCondition(label_contains=("Suez",)), scenario="baseline")
    assert reason is None and "Suez" in suez.label and suez.totals.p50_days > best.totals.p50_days
    chokepoints = leg_chokepoints(net)
    assert "suez" in set().union(*(chokepoints.get(leg.leg_id, ()) for leg in suez.legs))
    europe, _ = find_route(net, "INNSA", "RUMOW", RouteCondition(chokepoints=("gibraltar",)), scenario="baseline", via=["RULED"])
    assert europe.distance_km > suez.distance_km + 3000, "via St Petersburg: round Europe, not the Black Sea"


def test_find_route_says_why_there_is_none(net):
    found, reason = find_route(net, "INNSA", "NLRTM", RouteCondition(label="Suez"), scenario="red-sea-closed")
    assert found is None and reason.startswith("none of the model's") and "has label 'Suez'" in reason
    found, reason = find_route(net, "INNSA", "NLRTM", RouteCondition(chokepoints=("cape-of-good-hope",)),
                               scenario="red-sea-closed", avoid_modes=["rail", "road", "ferry", "river"])
    assert reason is None and found.label == "Cape"
