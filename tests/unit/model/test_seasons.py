"""Tests of corridors.model.seasons (NSR ice rules, northern-Caspian winter)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridors.model.params import ICE_CLASSES, default_params
from corridors.model.seasons import leg_state, north_caspian_state, nsr_calendar, nsr_state

RANK = {"open": 0, "escorted": 1, "closed": 2}


@pytest.fixture(scope="module")
def params():
    return default_params()


def test_non_ice_class_only_in_late_summer(params) -> None:
    states = [nsr_state(m, "none", params).status for m in range(1, 13)]
    assert states == ["closed"] * 7 + ["open"] * 3 + ["closed"] * 2
    assert nsr_state(1, "none", params).note == "NSR closed in January for non-ice-class ships"


@pytest.mark.parametrize("ice_class", ["none", "Ice1", "Ice2", "Ice3"])
def test_2013_rule_bars_weak_classes_from_december_to_june(params, ice_class) -> None:
    # barred 16 Nov - 30 Jun: every full month inside that window is closed
    for month in (12, 1, 2, 3, 4, 5, 6):
        assert nsr_state(month, ice_class, params).closed


@pytest.mark.parametrize("ice_class", ["Arc7", "Arc8"])
def test_2024_rule_arc7_arc8_independent_in_january_and_june_to_december(params, ice_class) -> None:
    for month in (1, 6, 7, 8, 9, 10, 11, 12):
        state = nsr_state(month, ice_class, params)
        assert state.status == "open" and state.speed_key == "nsr_independent"
    for month in (2, 3, 4, 5):
        state = nsr_state(month, ice_class, params)
        assert state.status == "escorted" and state.escort_fee and state.speed_key == "nsr_escorted"


def test_escorted_states_carry_fee_and_slow_speed(params) -> None:
    state = nsr_state(11, "Ice1", params)
    assert state.status == "escorted"
    assert state.escort_fee
    assert "escort" in state.note and "November" in state.note


@given(month=st.integers(1, 12), i=st.integers(0, len(ICE_CLASSES) - 2))
def test_a_stronger_ice_class_is_never_worse_off(month, i) -> None:
    params = default_params()
    weaker = nsr_state(month, ICE_CLASSES[i], params)
    stronger = nsr_state(month, ICE_CLASSES[i + 1], params)
    assert RANK[stronger.status] <= RANK[weaker.status]


@given(ice_class=st.sampled_from(ICE_CLASSES))
def test_no_month_means_the_worst_month(ice_class) -> None:
    params = default_params()
    worst = max((nsr_state(m, ice_class, params) for m in range(1, 13)), key=lambda s: RANK[s.status])
    year_round = nsr_state(None, ice_class, params)
    assert year_round.status == worst.status
    assert (
        ("year-round" in year_round.note) or ("set a month" in year_round.note) or year_round.status == "open"
    )


def test_calendar_shape(params) -> None:
    calendar = nsr_calendar(params)
    assert list(calendar) == list(ICE_CLASSES)
    assert all(len(months) == 12 for months in calendar.values())
    assert calendar["Arc9"] == ["open"] * 12


def test_north_caspian_winter(params) -> None:
    assert north_caspian_state(7, params).status == "open"
    winter = north_caspian_state(1, params)
    assert winter.status == "slowed" and winter.speed_factor == 0.5
    assert north_caspian_state(None, params).status == "slowed"
    closed = params.with_overrides({"seasons.north_caspian.winter_effect": "closed"})
    assert north_caspian_state(2, closed).closed
    assert north_caspian_state(5, closed).status == "open"


def test_leg_state_dispatch(params) -> None:
    assert leg_state(None, 1, "none", params).status == "open"
    assert leg_state("nsr", 1, "none", params).closed
    assert leg_state("north-caspian", 1, "none", params).status == "slowed"
