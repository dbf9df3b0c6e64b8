"""Tests of corridors.routing.diagnose: why no route exists, and the places to avoid."""

from __future__ import annotations

import pytest

from corridors._errors import ValidationError
from corridors.model.scenario import Scenario
from corridors.routing.route import route

SEA_ONLY = {"avoid_modes": ["rail", "road", "ferry", "river"]}


def test_no_route_says_why(toy, toy_params) -> None:
    shut = Scenario(name="shut", month=1, closed_chokepoints=["suez", "bab-el-mandeb", "cape-of-good-hope"])
    found = route(toy, "RULED", "RUVVO", scenario=shut, params=toy_params, **SEA_ONLY)
    assert not found.feasible and found.routes == () and found.best is None
    reason = found.infeasible_reason
    assert reason.startswith("No route from St Petersburg (RULED) to Vladivostok (RUVVO)")
    for needle in (
        "Suez and Bab-el-Mandeb closed",
        "Cape of Good Hope closed",
        "in January, non-ice-class ships: closed; the NSR rules bar them this month",
        "avoiding rail legs",
    ):
        assert needle in reason, needle
    # with rail allowed there is a route again
    assert route(toy, "RULED", "RUVVO", scenario=shut, params=toy_params).feasible



def test_no_route_blames_a_closed_node_and_a_planned_leg(toy, toy_params) -> None:
    closed = Scenario(name="x", closed_nodes=["IR-TEHRAN"])
    found = route(toy, "IRBND", "AZBAK", scenario=closed, params=toy_params, avoid_modes=["ferry", "sea"])
    assert "Tehran (IR-TEHRAN) closed" in found.infeasible_reason
    island = route(
        toy, "SEA-HORMUZ", "IR-RASHT", params=toy_params, avoid=["IR-TEHRAN"], avoid_modes=["road"]
    )
    assert "avoiding Tehran (IR-TEHRAN)" in island.infeasible_reason



def test_no_connection_at_all(toy, toy_params) -> None:
    found = route(toy, "INNSA", "RUMOW", params=toy_params, avoid_corridors=["instc", "suez", "cape", "emc"])
    assert "avoiding the" in found.infeasible_reason


def test_avoid_options_are_checked_together(toy, toy_params) -> None:
    with pytest.raises(ValidationError) as info:
        route(
            toy,
            "INNSA",
            "RUMOW",
            params=toy_params,
            avoid=["RUMOW"],
            avoid_corridors=["atlantis"],
            avoid_modes=["teleport"],
        )
    text = str(info.value)
    assert "cannot avoid" in text and "avoid_corridors" in text and "avoid_modes" in text
