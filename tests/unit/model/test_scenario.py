"""Tests of corridors.model.scenario (the model, validation, apply, ids)."""

from __future__ import annotations

import pytest

from corridors._errors import ValidationError
from corridors.model.params import default_params
from corridors.model.presets import presets
from corridors.model.scenario import Scenario


def test_apply_changes_params_not_defaults() -> None:
    slow = presets()["slow-steaming"]
    params = slow.apply()
    assert params.speed_factor["sea"] == slow.speed_factor["sea"]
    assert default_params().speed_factor["sea"] == 1.0
    assert slow.apply() is params  # cached


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        Scenario(
            name="bad",
            month=13,
            ice_class="Arc10",
            closed_chokepoints=["sues"],
            speed_factor={"sea": -1},
            speed={"rail": {"value": -5}},
            dwell={"port": {"likely": 500}},
            bogus=1,
        )
    text = str(info.value)
    for needle in (
        "month",
        "ice_class",
        "bogus",
        "'sues'",
        "did you mean 'suez'",
        "speed_factor.sea",
        "speed.rail",
        "dwell.port",
    ):
        assert needle in text, needle
    assert len(info.value.problems) == 7  # one per mistake


def test_check_ids_against_a_network(toy) -> None:
    scenario = Scenario(
        name="x",
        closed_nodes=["IRBNDX"],
        open_legs=["NO-SUCH-LEG"],
        dwell_node={"AZ-ASTRA": {"low": 1, "likely": 2, "high": 3}},
    )
    with pytest.raises(ValidationError) as info:
        scenario.check(toy)
    text = str(info.value)
    assert "IRBNDX" in text and "'IRBND'" in text
    assert "NO-SUCH-LEG" in text
    assert "AZ-ASTRA" in text and "'AZ-ASTARA'" in text
    assert len(info.value.problems) == 3
    Scenario(name="ok", closed_nodes=["IRBND"]).check(toy)


def test_cost_and_emission_overrides() -> None:
    scenario = Scenario.from_toml(
        'name = "war-risk"\n[cost.chokepoint_fee]\nbab-el-mandeb = 150\n[emissions.wtw_g_per_tkm]\nrail = 30\n'
    )
    params = scenario.apply()
    assert params.cost.chokepoint_fee["bab-el-mandeb"].value == 150
    assert params.emissions.wtw_g_per_tkm["rail"].value == 30
    assert params.emissions.wtw_g_per_tkm["rail"].source == "scenario 'war-risk'"
