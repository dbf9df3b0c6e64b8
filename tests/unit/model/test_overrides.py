"""Tests of corridors.model.overrides: merging overrides into Params, problems listed at once."""

from __future__ import annotations

import pytest

from corridors._errors import ValidationError
from corridors.model.costs import leg_speed_kmh
from corridors.model.params import default_params


def test_with_overrides_returns_a_new_object_and_keeps_the_original() -> None:
    p = default_params()
    before = p.speed["sea"].value
    q = p.with_overrides({"speed.sea": 18, "dwell": {"port": {"likely": 50}}, "speed_factor": {"rail": 0.5}})
    assert q is not p
    assert q.speed["sea"].value == 18 and q.speed["sea"].source == "override"
    assert q.speed["sea"].unit == "kn"
    assert q.dwell["port"].likely == 50 and q.dwell["port"].low == p.dwell["port"].low
    # rail has no speed of its own: the factor scales every speed of its service levels
    assert leg_speed_kmh("rail", q) == pytest.approx(tuple(v * 0.5 for v in leg_speed_kmh("rail", p)))
    assert leg_speed_kmh("sea", q)[1] == pytest.approx(leg_speed_kmh("sea", p)[1] * 18 / before)
    assert p.speed["sea"].value == before
    assert default_params() is p


def test_override_source_is_recorded() -> None:
    q = default_params().with_overrides({"cost.chokepoint_fee.suez": 99}, source="scenario 'x'")
    assert q.cost.chokepoint_fee["suez"].value == 99
    assert q.cost.chokepoint_fee["suez"].source == "scenario 'x'"


def test_new_entries_in_open_tables() -> None:
    q = default_params().with_overrides({"dwell_node": {"AZ-ASTARA": {"low": 1, "likely": 2, "high": 3}}})
    assert q.dwell_node["AZ-ASTARA"].likely == 2
    assert q.dwell_node["AZ-ASTARA"].source == "override"


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        default_params().with_overrides(
            {
                "speed.boat": 1,
                "speed.sea": -1,
                "dwell.port.likely": 500,
                "montecarlo.samples": 0,
                "speed_factor.sea": 0,
                "cost.chokepoint_fee.nowhere": 1,
            }
        )
    fields = {p.field for p in info.value.problems}
    assert {"speed.boat", "speed.sea.value", "dwell.port", "montecarlo.samples", "speed_factor.sea"} <= fields
    assert any("nowhere" in p.message for p in info.value.problems)
    assert len(str(info.value).splitlines()) == len(info.value.problems)
