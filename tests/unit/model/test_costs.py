"""Tests of corridors.model.costs (per-leg figures and their ranges)."""

from __future__ import annotations

import numpy as np
import pytest

from corridors.model.costs import leg_figures, leg_figures_array
from corridors.model.params import default_params
from corridors.model.seasons import SeasonState


def test_leg_figures_by_hand(toy_params) -> None:
    # 1,000 km of rail at 50 km/h, USD 0.5/TEU-km, 20 g/t-km x 10 t
    rail = leg_figures(1000, "rail", toy_params)
    assert rail.speed_kmh == 50
    assert rail.moving_h == pytest.approx(20.0)
    assert rail.cost_usd == pytest.approx(500.0)
    assert rail.co2e_kg == pytest.approx(200.0)
    assert rail.speed_source == "test" and "estimate" not in rail.co2e_source


def test_a_leg_in_ice_takes_the_ice_models_figures(toy_params) -> None:
    from corridors.model.seasons import leg_state

    state = leg_state("nsr", 3, "Arc7", ice_area="east-siberian-e", length_km=1000)
    assert state.passage is not None
    fig = leg_figures(1000, "sea", toy_params, state=state)
    assert fig.moving_range_h == state.passage.moving_h  # the spread comes from the mild/typical/severe years
    low, likely, high = fig.cost_range_usd
    assert likely == pytest.approx(1000 * 0.1 + state.passage.fee_usd[1])  # rate + icebreaker fee
    assert fig.co2e_range_kg[2] >= fig.co2e_range_kg[0] * state.passage.fuel_factor[2] / state.passage.fuel_factor[0] - 1e-9
    assert "icebreaker fee" in fig.cost_source


def test_a_speed_factor_in_the_state_slows(toy_params) -> None:
    slowed = SeasonState("slowed", speed_factor=0.5)
    assert leg_figures(1000, "ferry", toy_params, state=slowed).moving_h == pytest.approx(100.0)


def test_arrays_follow_the_factor_tables(toy_params) -> None:
    # each mode against its own row of the toy tables (speed, USD/TEU-km, g/t-km), one leg per mode,
    # with a mixed batch so a mix-up between positions would show
    modes = ["sea", "rail", "road", "ferry", "river"]
    lengths = np.array([100.0, 200.0, 300.0, 400.0, 500.0])
    arrays = leg_figures_array(lengths, modes, [SeasonState("open")] * 5, toy_params)
    usd_per_km = {"sea": 0.1, "rail": 0.5, "road": 1.0, "ferry": 0.8, "river": 0.3}
    g_per_tkm = {"sea": 10, "rail": 20, "road": 100, "ferry": 50, "river": 30}
    kmh = {"sea": 40, "rail": 50, "road": 40, "ferry": 20, "river": 10}
    for i, mode in enumerate(modes):
        assert arrays["moving_likely"][i] == pytest.approx(lengths[i] / kmh[mode])
        assert arrays["cost_likely"][i] == pytest.approx(lengths[i] * usd_per_km[mode])
        assert arrays["co2e_likely"][i] == pytest.approx(lengths[i] * 10 * g_per_tkm[mode] / 1000)
    assert arrays["co2e_likely"][2] == pytest.approx(300.0)  # 300 km of road x 10 t x 100 g/t-km = 300 kg


def test_rail_service_levels_set_speed_and_spread() -> None:
    # Vladivostok-Moscow, 9,289 km: express ~7 days, ordinary container trains 11-14, wagonload up to 20 (RZD)
    params = default_params()
    days = {
        level: tuple(h / 24 for h in leg_figures(9289, "rail", params, rail_service=level).moving_range_h)
        for level in ("express", "container", "wagonload")
    }
    assert 6.5 < days["express"][1] < 7.5
    assert 11 <= days["container"][1] <= 14
    assert 18 <= days["wagonload"][1] <= 21
    for low, likely, high in days.values():
        assert low < likely < high


def test_every_moving_leg_has_a_spread() -> None:
    params = default_params()
    for mode in ("sea", "rail", "road", "ferry", "river"):
        low, likely, high = leg_figures(1000, mode, params).moving_range_h
        assert low < likely < high, mode


def test_ferry_emission_factor_is_glec_ropax() -> None:
    # GLEC v3.0 RoPax: ~98 g/t-km (> 20,000 gt) up to ~262 (2,000-4,999 gt); the old 50 was wrong
    ferry = default_params().emissions.wtw_g_per_tkm["ferry"]
    g_low, g_high = ferry.range
    assert 98.0 <= g_low <= ferry.value <= g_high <= 262.0
    low, likely, high = leg_figures(100, "ferry", default_params()).co2e_range_kg
    assert low == pytest.approx(100 * 10 * g_low / 1000) and high == pytest.approx(100 * 10 * g_high / 1000)


def test_rail_country_factor_slows_iranian_legs() -> None:
    params = default_params()
    plain = leg_figures_array(np.array([1600.0]), ["rail"], [SeasonState("open")], params)
    iran = leg_figures_array(np.array([1600.0]), ["rail"], [SeasonState("open")], params, rail_countries=["IR"])
    # Sarakhs-Bandar Abbas, 1,600 km: 3-5 days by Iranian Railways
    assert 3 <= iran["moving_likely"][0] / 24 <= 5
    assert iran["moving_likely"][0] > plain["moving_likely"][0]
    assert "IR network" in iran["speed_source"][0]


