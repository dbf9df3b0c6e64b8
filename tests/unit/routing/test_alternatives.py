"""Tests of corridors.routing.alternatives: label-distinct alternatives on the toy network."""

from __future__ import annotations

from engine.conftest import approx

from corridors.routing.route import route


def test_distinct_alternatives(toy, toy_params) -> None:
    found = route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=3)
    assert [r.label for r in found.routes] == ["INSTC western", "INSTC trans-Caspian", "Suez"]
    # trans-Caspian: sea 55 + port 20 + road 37.5 + ferry port 40 + ferry 1,000 km at 20 km/h
    # slowed x0.5 by winter ice (no month: year-round) 100 + ferry port 40 + rail 28
    # Suez: 12,000 km / 40 = 300 h + canal 12 + port 20 + rail 13
    assert [r.objective for r in found.routes] == [approx(205.8), approx(320.5), approx(345.0)]
    assert len({r.label for r in found.routes}) == 3
    assert found.notes == ()



def test_fewer_alternatives_than_asked_is_a_note(toy, toy_params) -> None:
    found = route(toy, "RULED", "RUMOW", params=toy_params, alternatives=5, **{"avoid_modes": ["sea"]})
    assert len(found.routes) >= 1
    if len(found.routes) < 5:
        assert found.notes
