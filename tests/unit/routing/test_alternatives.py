"""Tests of corridors.routing.alternatives: label-distinct alternatives on the toy network."""

from __future__ import annotations

import functools

from engine.conftest import approx

from corridors.model.seasons import leg_state
from corridors.routing.route import route as route_door_to_door

# quay to quay: these tests check the search and the per-leg figures, not the terminal rows at
# the ends (tests/unit/routing/test_endpoints.py checks those)
route = functools.partial(route_door_to_door, terminals=False)


def pert(low: float, likely: float, high: float) -> float:
    """The mean of a Beta-PERT range (the routing weight of time)."""
    return (low + 4 * likely + high) / 6


def test_distinct_alternatives(toy, toy_params) -> None:
    found = route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=5)
    assert [r.label for r in found.routes] == ["INSTC western", "Suez", "INSTC trans-Caspian", "EMC + Trans-Siberian", "Cape"]
    # expected (PERT-mean) hours; dwell means: port 130/6, ferry port 260/6, Suez 13 (see test_route.py)
    # Suez: 12,000 km / 40 = 300 h + canal 13 + port 130/6 + rail 650/50 = 13
    # trans-Caspian: sea 55 + port + road 37.5 + 2 ferry ports + the ferry's 1,000 km in ice
    # (no month: year-round, its worst month from the ice model) + its convoy wait + rail 28
    ice = leg_state("north-caspian", None, "none", length_km=1000).passage
    assert ice.status == "escorted"
    caspian = 55 + pert(10, 20, 40) + 37.5 + 2 * pert(20, 40, 80) + pert(*ice.moving_h) + pert(*ice.wait_h) + 28
    assert [r.objective for r in found.routes[:3]] == [
        approx(211.8),
        approx(313 + 13 + pert(10, 20, 40)),
        approx(caspian),
    ]
    assert len({r.label for r in found.routes}) == 5
    assert found.notes == ()


def test_other_corridors_come_before_a_second_variant(toy, toy_params) -> None:
    # three wanted: the best INSTC variant, then the best of each other corridor, before INSTC trans-Caspian
    found = route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=3)
    assert [r.label for r in found.routes] == ["INSTC western", "Suez", "EMC + Trans-Siberian"]
    assert [r.objective for r in found.routes] == sorted(r.objective for r in found.routes)



def test_fewer_alternatives_than_asked_is_a_note(toy, toy_params) -> None:
    found = route(toy, "RULED", "RUMOW", params=toy_params, alternatives=5, **{"avoid_modes": ["sea"]})
    assert len(found.routes) >= 1
    if len(found.routes) < 5:
        assert found.notes
