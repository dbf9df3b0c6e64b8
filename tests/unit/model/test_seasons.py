"""Tests of corridors.model.seasons: a seasonal leg's state from the ice model, and the NSR calendar.

The ice figures themselves (areas, classes, tariffs) are tested in test_ice.py;
these tests check what seasons makes of them: the state of a leg by its
``season`` tag and sea area, year-round planning and the transit calendar.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridors._errors import ValidationError
from corridors.model.ice import ice_passage, ice_table
from corridors.model.params import ICE_CLASSES
from corridors.model.seasons import DEFAULT_AREAS, ICE_AREAS, NSR_TRANSIT_AREAS, leg_state, nsr_calendar

RANK = {"open": 0, "escorted": 1, "closed": 2}
NSR_AREAS = [a for a in ICE_AREAS if a != "north-caspian"]
NSR_WATERS = [a for a in NSR_AREAS if ice_table().areas[a].nsr]  # where the NSR rules apply


def test_non_ice_class_ships_only_in_the_legal_months() -> None:
    # the NSR rules: ships without ice class (and Ice1-Ice3) barred from 16 Nov to 30 Jun
    row = nsr_calendar()["none"]
    assert row[:6] == ["closed"] * 6 and row[11] == "closed"
    assert row[7] != "closed" and row[8] == "open"  # August (escorted in a typical year), September
    state = leg_state("nsr", 1, "none", length_km=5600)
    assert state.closed and "the NSR rules bar them this month" in state.note


@pytest.mark.parametrize("ice_class", ["none", "Ice1", "Ice2", "Ice3"])
def test_2013_rule_bars_weak_classes_from_december_to_june(ice_class) -> None:
    assert {"kara-sw", "laptev-w", "east-siberian-e"} <= set(NSR_WATERS)
    for month in (12, 1, 2, 3, 4, 5, 6):
        for area in NSR_WATERS:
            assert leg_state("nsr", month, ice_class, ice_area=area, length_km=100).closed, (area, month)


def test_calendar_shape() -> None:
    calendar = nsr_calendar()
    assert list(calendar) == list(ICE_CLASSES)
    assert all(len(months) == 12 for months in calendar.values())
    assert set().union(*calendar.values()) <= set(RANK)
    assert calendar["Arc9"] == ["open"] * 12
    # the calendar is the worst state over the transit's sea areas
    for ice_class, months in calendar.items():
        for month, status in enumerate(months, start=1):
            worst = max((ice_passage(a, month, ice_class, 100.0).status for a in NSR_TRANSIT_AREAS), key=RANK.get)
            assert status == worst, (ice_class, month)


@given(month=st.integers(1, 12), i=st.integers(0, len(ICE_CLASSES) - 2), area=st.sampled_from(NSR_WATERS))
def test_a_stronger_ice_class_is_never_worse_off(month, i, area) -> None:
    weaker = leg_state("nsr", month, ICE_CLASSES[i], ice_area=area, length_km=500)
    stronger = leg_state("nsr", month, ICE_CLASSES[i + 1], ice_area=area, length_km=500)
    assert RANK[stronger.status] <= RANK[weaker.status]


def test_a_stronger_ice_class_is_never_worse_off_outside_nsr_waters() -> None:
    for area in sorted(set(NSR_AREAS) - set(NSR_WATERS)):
        for month in range(1, 13):
            for weaker, stronger in zip(ICE_CLASSES, ICE_CLASSES[1:], strict=False):
                a = leg_state("nsr", month, weaker, ice_area=area, length_km=500)
                b = leg_state("nsr", month, stronger, ice_area=area, length_km=500)
                assert RANK[b.status] <= RANK[a.status], (area, month, weaker, stronger)


@given(ice_class=st.sampled_from(ICE_CLASSES), area=st.sampled_from(ICE_AREAS))
def test_no_month_means_the_worst_month(ice_class, area) -> None:
    season = "north-caspian" if area == "north-caspian" else "nsr"
    months = [leg_state(season, m, ice_class, ice_area=area, length_km=800) for m in range(1, 13)]
    year_round = leg_state(season, None, ice_class, ice_area=area, length_km=800)
    if any(s.closed for s in months):
        assert year_round.closed
    else:
        assert not year_round.closed
        worst = max(s.passage.moving_h[1] + s.passage.wait_h[1] for s in months)
        assert year_round.passage.moving_h[1] + year_round.passage.wait_h[1] == pytest.approx(worst)
    assert "year-round" in year_round.note


def test_north_caspian_winter() -> None:
    summer = leg_state("north-caspian", 7, "none", length_km=1000)
    winter = leg_state("north-caspian", 1, "none", length_km=1000)
    assert summer.status == "open" and summer.passage.wait_h == (0.0, 0.0, 0.0)
    assert winter.status == "escorted"
    assert winter.passage.moving_h[1] > summer.passage.moving_h[1]  # slower in ice
    assert winter.passage.fee_usd[1] > 0 and winter.passage.wait_h[1] > 0  # an icebreaker, and a wait for it
    # river-sea ships: the area's own class, whatever the ocean ship's
    assert leg_state("north-caspian", 1, "Arc7", length_km=1000).passage == winter.passage
    assert leg_state("north-caspian", None, "none", length_km=1000).status == "escorted"


def test_leg_state_dispatch() -> None:
    assert leg_state(None, 1, "none") == leg_state("not-a-season", 1, "none")
    plain = leg_state(None, 1, "none")
    assert plain.status == "open" and plain.passage is None and plain.note == ""
    assert leg_state("nsr", 1, "none", length_km=100).closed
    assert leg_state("north-caspian", 1, "none", length_km=100).status == "escorted"


def test_a_leg_without_a_sea_area_takes_the_severest_and_says_so() -> None:
    for season, area in DEFAULT_AREAS.items():
        assumed = leg_state(season, 8, "Arc4", length_km=1000)
        named = leg_state(season, 8, "Arc4", ice_area=area, length_km=1000)
        assert assumed.passage.moving_h == named.passage.moving_h and assumed.status == named.status
        assert "the leg names no sea area" in assumed.note and "the leg names no sea area" not in named.note


def test_the_passage_scales_with_the_leg_length() -> None:
    short = leg_state("nsr", 9, "Arc4", ice_area="kara-sw", length_km=500).passage
    long = leg_state("nsr", 9, "Arc4", ice_area="kara-sw", length_km=1000).passage
    assert long.moving_h == pytest.approx(tuple(2 * h for h in short.moving_h))
    closed = leg_state("nsr", 1, "none", ice_area="kara-sw", length_km=500)
    assert closed.closed and all(math.isinf(h) for h in closed.passage.moving_h)


def test_an_unknown_sea_area_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown sea area"):
        leg_state("nsr", 8, "Arc4", ice_area="atlantis", length_km=100)
