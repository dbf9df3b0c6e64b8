"""The comparison page's scenario builder (corridors_app.builder), without streamlit."""

from __future__ import annotations

import pytest

from corridors._errors import ValidationError
from corridors.model.params import default_params
from corridors_app.builder import MONTHS, build_scenario, factor_overrides, month_name


def test_factors_of_one_change_nothing():
    assert factor_overrides({"sea": 1.0, "rail": 1.0}, 1.0, 1.0, 1.0) == {}


def test_factors_scale_the_defaults():
    params = default_params()
    out = factor_overrides({"sea": 0.8, "rail": 1.0}, 2.0, 1.5, 0.5)
    assert out["speed_factor"] == {"sea": 0.8}
    key, dwell = next(iter(params.dwell.items()))
    assert out["dwell"][key]["likely"] == pytest.approx(dwell.likely * 2.0)
    mode, cost = next(iter(params.cost.per_teu_km.items()))
    assert out["cost"]["per_teu_km"][mode] == pytest.approx(cost.value * 1.5)
    mode, co2 = next(iter(params.emissions.wtw_g_per_tkm.items()))
    assert out["emissions"]["wtw_g_per_tkm"][mode] == pytest.approx(co2.value * 0.5)


def test_build_scenario_checks_against_the_network(network):
    built = build_scenario(network, name="no-sea", closed={"modes": ["sea"]}, month=2)
    assert built.name == "no-sea" and built.closed_modes == ("sea",) and built.month == 2
    with pytest.raises(ValidationError, match="NO-SUCH-LEG"):
        build_scenario(network, name="bad", open_legs=["NO-SUCH-LEG"])


def test_month_names():
    assert [month_name(m) for m in MONTHS][:2] == ["year-round (worst month)", "January"]
    assert month_name(12) == "December"
