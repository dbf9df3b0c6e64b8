"""Tests of corridors.model.scenario (the model, validation, apply, ids)."""

from __future__ import annotations

import datetime

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


def test_departure_month_and_rail_service() -> None:
    dated = Scenario.from_toml('name = "late"\ndeparture = 2026-10-25\nmonth = 3\nrail_service = "express"\n')
    assert dated.departure == datetime.date(2026, 10, 25) and dated.rail_service == "express"
    assert dated.start_month == 10  # the departure's month wins over `month`
    assert Scenario.from_toml(dated.to_toml()) == dated
    assert Scenario(name="m", month=3).start_month == 3 and Scenario(name="y").start_month is None
    assert Scenario(name="d").rail_service == "container"
    # at_month: the same scenario without a date, for a leg reached in another month
    november = dated.at_month(11)
    assert (november.departure, november.month, november.start_month) == (None, 11, 11)
    assert november.rail_service == "express" and dated.departure is not None  # dated is unchanged
    plain = Scenario(name="m", month=3)
    assert plain.at_month(3) is plain
    with pytest.raises(ValidationError) as info:
        Scenario(name="bad", departure="2026-02-30", rail_service="teleport")
    text = str(info.value)
    assert "departure" in text and "rail_service" in text and len(info.value.problems) == 2


def test_moving_spread_and_rail_service_overrides() -> None:
    scenario = Scenario(
        name="slow-trains",
        moving_spread={"sea": {"low": 0.9, "high": 1.5}},
        rail_services={"container": {"fast": 800, "likely": 600, "slow": 300}},
    )
    params = scenario.apply()
    assert (params.moving_spread["sea"].low, params.moving_spread["sea"].high) == (0.9, 1.5)
    container = params.rail_services["container"]
    assert (container.fast, container.likely, container.slow) == (800, 600, 300)
    assert container.source == "scenario 'slow-trains'"
    assert default_params().rail_services["container"].likely == 775
    with pytest.raises(ValidationError) as info:
        Scenario(name="bad", rail_services={"container": {"fast": 300, "likely": 600, "slow": 800}})
    assert "need slow <= likely <= fast" in str(info.value)
