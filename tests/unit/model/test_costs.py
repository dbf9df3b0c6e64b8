"""Tests of corridors.model.costs (per-leg figures and charges)."""

from __future__ import annotations

import numpy as np
import pytest

from corridors.model.costs import charge_label, charges, leg_figures, leg_figures_array
from corridors.model.seasons import SeasonState


def test_leg_figures_by_hand(toy_params) -> None:
    # 1,000 km of rail at 50 km/h, USD 0.5/TEU-km, 20 g/t-km x 10 t
    rail = leg_figures(1000, "rail", toy_params)
    assert rail.speed_kmh == 50
    assert rail.moving_h == pytest.approx(20.0)
    assert rail.cost_usd == pytest.approx(500.0)
    assert rail.co2e_kg == pytest.approx(200.0)
    assert rail.speed_source == "test" and "estimate" not in rail.co2e_source


def test_nsr_speed_cap_and_escort_fee(toy_params) -> None:
    open_ = SeasonState("open", speed_key="nsr_independent")
    escorted = SeasonState("escorted", speed_key="nsr_escorted", escort_fee=True)
    assert leg_figures(2800, "sea", toy_params, state=open_).moving_h == pytest.approx(140.0)  # 20 km/h cap
    slow = leg_figures(2800, "sea", toy_params, state=escorted)
    assert slow.moving_h == pytest.approx(280.0)  # 10 km/h
    assert slow.cost_usd == pytest.approx(2800 * 0.1 + 560 * 2800 / 5600)  # pro-rata escort fee
    assert "NSR escort fee" in slow.cost_source


def test_winter_factor_slows(toy_params) -> None:
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
        assert arrays["moving_h"][i] == pytest.approx(lengths[i] / kmh[mode])
        assert arrays["cost_usd"][i] == pytest.approx(lengths[i] * usd_per_km[mode])
        assert arrays["co2e_kg"][i] == pytest.approx(lengths[i] * 10 * g_per_tkm[mode] / 1000)
    assert arrays["co2e_kg"][2] == pytest.approx(300.0)  # 300 km of road x 10 t x 100 g/t-km = 300 kg


def test_charges(toy_params) -> None:
    port, border = charges(("port", "border_road"), "IRBND", toy_params)
    assert (port.low_h, port.likely_h, port.high_h, port.cost_usd) == (10, 20, 40, 100)
    assert (border.likely_h, border.cost_usd) == (24, 60)
    canal = charges(("chokepoint:suez",), "SEA-SUEZ", toy_params)
    assert len(canal) == 1 and canal[0].likely_h == 12 and canal[0].cost_usd == 70
    assert charges(("chokepoint:hormuz",), None, toy_params) == ()  # no dwell, no fee: nothing


def test_node_override_replaces_the_dwell_once(toy_params) -> None:
    params = toy_params.with_overrides(
        {"dwell_node": {"AZ-ASTARA": {"low": 1, "likely": 5, "high": 9, "source": "queue count"}}}
    )
    found = charges(("intermodal", "border_road"), "AZ-ASTARA", params)
    assert sum(c.likely_h for c in found) == 5
    assert sum(c.cost_usd for c in found) == 80 + 60
    assert "queue count" in found[0].dwell_source
    elsewhere = charges(("intermodal",), "IR-RASHT", params)
    assert elsewhere[0].likely_h == 12


def test_charge_labels() -> None:
    assert charge_label("port", from_layer="sea", to_layer="rail1435") == "port handling sea->rail1435"
    assert charge_label("border_rail", from_layer="rail1435", to_layer="rail1520") == "border crossing (rail)"
    assert "suez" in charge_label("chokepoint:suez")
