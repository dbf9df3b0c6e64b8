"""Tests of corridors.routing.alternatives: label-distinct alternatives on the toy network."""

from __future__ import annotations

import functools

from engine.conftest import approx

from corridors.routing.route import route as route_door_to_door

# quay to quay: these tests check the search and the per-leg figures, not the terminal rows at
# the ends (tests/unit/routing/test_endpoints.py checks those)
route = functools.partial(route_door_to_door, terminals=False)


def test_distinct_alternatives(toy, toy_params) -> None:
    found = route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=5)
    assert [r.label for r in found.routes] == ["INSTC western", "INSTC trans-Caspian", "Suez", "EMC + Trans-Siberian", "Cape"]
    # trans-Caspian: sea 55 + port 20 + road 37.5 + ferry port 40 + ferry 1,000 km at 20 km/h
    # slowed x0.5 by winter ice (no month: year-round) 100 + ferry port 40 + rail 28
    # Suez: 12,000 km / 40 = 300 h + canal 12 + port 20 + rail 13
    assert [r.objective for r in found.routes[:3]] == [approx(205.8), approx(320.5), approx(345.0)]
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
