"""Tests of corridors.routing.route on the hand-checked toy network.

Parameters (tests/engine/conftest.py TOY_OVERRIDES): sea 40 km/h, rail 50, road 40, ferry 20,
no spread of moving time; dwell (low, likely, high) port (10, 20, 40) h, ferry port
(20, 40, 80), gauge (5, 10, 20), intermodal (6, 12, 24), rail border (2, 4, 8),
road border (12, 24, 48), Suez (6, 12, 24). NSR and northern-Caspian legs take
their figures from the ice model (corridors.model.ice, through ``leg_state``).

The time objective is the expected (Beta-PERT mean) time ``(low + 4 likely + high) / 6``:
each dwell range above is skewed, so its mean exceeds its likely value (port 130/6 h,
ferry port 260/6, gauge 65/6, intermodal 13, rail border 26/6, road border 26, Suez 13).
"""

from __future__ import annotations

import functools

import pytest
from engine.conftest import approx

from corridors._errors import LimitError, UnknownNodeError, ValidationError
from corridors.model.scenario import Scenario
from corridors.model.seasons import leg_state
from corridors.routing.route import MAX_ALTERNATIVES, check_alternatives, resolve_node
from corridors.routing.route import route as route_door_to_door

# quay to quay: these tests check the search and the per-leg figures, not the terminal rows at
# the ends (tests/unit/routing/test_endpoints.py checks those)
route = functools.partial(route_door_to_door, terminals=False)

SEA_ONLY = {"avoid_modes": ["rail", "road", "ferry", "river"]}


def pert(low: float, likely: float, high: float) -> float:
    """The mean of a Beta-PERT range (the routing weight of time)."""
    return (low + 4 * likely + high) / 6


def test_best_route_by_hand(toy, toy_params) -> None:
    best = route(toy, "INNSA", "RUMOW", params=toy_params).best
    # EXPECTED (INSTC western, Rasht-Astara by road):
    # sea 2,200 km / 40 = 55 h; port at Bandar Abbas 20 h; rail 1,300 km / 50 = 26 h;
    # Rasht rail->road 12 h; road 160 / 40 = 4 h; Astara road->rail1520 12 h + road border 24 h;
    # rail 2,440 / 50 = 48.8 h; Samur rail border 4 h.
    assert best.label == "INSTC western"
    assert best.moving_h == approx(55 + 26 + 4 + 48.8)
    assert best.dwell_h == approx(20 + 12 + 36 + 4)
    # expected time: the same moving time (no spread) + the PERT means of the dwells
    expected_h = 133.8 + pert(10, 20, 40) + 2 * pert(6, 12, 24) + pert(12, 24, 48) + pert(2, 4, 8)
    assert expected_h == approx(211.8)
    assert best.objective == approx(expected_h)
    # cost: sea 2,200 x 0.1 + port 100 + rail 3,740 x 0.5 + road 160 x 1 + 2 x intermodal 80
    #       + road border 60 + rail border 20
    totals = best.totals
    assert totals.cost_usd == approx(220 + 100 + 1870 + 160 + 160 + 60 + 20)
    # CO2e: (2,200 x 10 + 3,740 x 20 + 160 x 100) g/t-km x 10 t / 1,000
    assert totals.co2e_kg == approx((2200 * 10 + 3740 * 20 + 160 * 100) * 10 / 1000)
    assert totals.distance_km == approx(6100)
    assert totals.distance_nm == approx(6100 / 1.852)
    # no cost or CO2e ranges in the toy: P10 = P50 = P90 = the sums of the legs
    assert totals.cost_p10_usd == totals.cost_usd == totals.cost_p90_usd
    assert totals.co2e_p10_kg == totals.co2e_kg == totals.co2e_p90_kg
    # the P50 headline sits near the expected time, inside its P10-P90 window
    assert totals.p10_days < totals.p50_days < totals.p90_days
    assert totals.p50_days == pytest.approx(expected_h / 24, rel=0.01)
    assert totals.p10_days < expected_h / 24 < totals.p90_days
    assert best.node_ids[0] == "INNSA" and best.node_ids[-1] == "RUMOW"



def test_dwell_is_reported_at_the_end_of_each_leg(toy, toy_params) -> None:
    legs = {leg.leg_id: leg for leg in route(toy, "INNSA", "RUMOW", params=toy_params).best.legs}
    assert [d.kind for d in legs["INSTC-SEA-HORMUZ-IRBND"].dwell] == ["port"]
    assert (
        legs["INSTC-SEA-HORMUZ-IRBND"].dwell[0].description == "port handling sea->rail1435 at Bandar Abbas"
    )
    assert [d.kind for d in legs["INSTC-W-RASHT-ASTARA-ROAD"].dwell] == ["intermodal", "border_road"]
    assert [d.kind for d in legs["INSTC-W-BAKU-SAMUR-RAIL"].dwell] == ["border_rail"]
    assert legs["INSTC-SEA-INNSA-HORMUZ"].dwell == ()  # passing the strait costs nothing here
    assert legs["INSTC-W-RASHT-ASTARA-ROAD"].cost_usd == approx(160 + 80 + 60)



def test_gauge_break_when_the_rasht_astara_railway_is_built(toy, toy_params) -> None:
    best = route(toy, "INNSA", "RUMOW", scenario="rasht-astara-built", params=toy_params).best
    astara = next(leg for leg in best.legs if leg.to_id == "AZ-ASTARA")
    assert astara.leg_id == "INSTC-W-RASHT-ASTARA-RAIL"
    assert [d.kind for d in astara.dwell] == ["gauge", "border_rail"]
    # EXPECTED: rail all the way: moving 55 + 1,460/50 + 2,440/50 = 133.0 h; dwell 20 + 10 + 4 + 4
    assert best.moving_h == approx(133.0) and best.dwell_h == approx(38.0)
    assert best.objective == approx(133.0 + pert(10, 20, 40) + pert(5, 10, 20) + 2 * pert(2, 4, 8))
    assert best.totals.cost_usd == approx(220 + 100 + 3900 * 0.5 + 50 + 20 + 20)



def test_a_port_passed_by_sea_costs_nothing(toy, toy_params) -> None:
    best = route(toy, "INNSA", "RUVVO", params=toy_params).best
    assert "SGSIN" in best.node_ids
    assert best.dwell_h == 0
    assert best.objective == approx((4000 + 400 + 5600) / 40)
    onward = route(toy, "INNSA", "RUMOW", params=toy_params, via=["SGSIN"]).best
    vvo = next(leg for leg in onward.legs if leg.to_id == "RUVVO")
    assert [d.kind for d in vvo.dwell] == ["port"]  # ship -> Trans-Siberian



def test_no_transfer_is_paid_at_origin_or_destination(toy, toy_params) -> None:
    best = route(toy, "RULED", "RUMOW", params=toy_params).best
    assert best.dwell_h == 0 and best.objective == approx(650 / 50)
    by_sea = route(toy, "RULED", "INNSA", params=toy_params, **SEA_ONLY).best
    assert by_sea.dwell_h == approx(12)  # only the Suez canal



def test_summer_speeds_up_the_caspian(toy, toy_params) -> None:
    summer = Scenario(name="july", month=7)
    found = route(toy, "INNSA", "RUMOW", scenario=summer, params=toy_params, via=["IRBAZ"]).best
    assert found.label == "INSTC trans-Caspian"
    # the ferry leg (1,000 km, north-caspian) takes its moving range from the ice model
    july = leg_state("north-caspian", 7, "none", length_km=1000).passage
    ferry = next(leg for leg in found.legs if leg.leg_id == "INSTC-TC-ANZALI-ASTRAKHAN")
    assert ferry.moving_range_h == approx(july.moving_h) and ferry.moving_h == approx(july.moving_h[1])
    assert july.wait_h == (0.0, 0.0, 0.0) and "ice_wait" not in [d.kind for d in ferry.dwell]
    # sea 55 h, port 20, road 1,500/40, ferry ports 40 each side, rail 1,400/50: as PERT means
    assert found.objective == approx(
        55 + pert(10, 20, 40) + 37.5 + 2 * pert(20, 40, 80) + pert(*july.moving_h) + 28
    )
    january = route(
        toy, "INNSA", "RUMOW", scenario=Scenario(name="january", month=1), params=toy_params, via=["IRBAZ"]
    ).best
    winter = leg_state("north-caspian", 1, "none", length_km=1000).passage
    assert january.objective == approx(found.objective - pert(*july.moving_h) + pert(*winter.moving_h) + pert(*winter.wait_h))
    assert january.objective > found.objective + 40



def test_red_sea_closure_goes_round_the_cape(toy, toy_params) -> None:
    suez = route(toy, "INNSA", "RULED", params=toy_params, optimize="distance", **SEA_ONLY).best
    cape = route(
        toy, "INNSA", "RULED", scenario="red-sea-closed", params=toy_params, optimize="distance", **SEA_ONLY
    ).best
    assert (suez.label, cape.label) == ("Suez", "Cape")
    assert suez.distance_km == approx(12000)
    assert cape.distance_km == approx(20000)



def test_nsr_by_season_and_ice_class(toy, toy_params) -> None:
    summer = route(
        toy, "RULED", "RUVVO", scenario="nsr-summer", params=toy_params, optimize="distance", **SEA_ONLY
    ).best
    assert summer.label == "NSR" and summer.distance_km == approx(13100)
    # 3,000 km at 40 + the 5,600 km ice leg (the ice model's likely time for Arc4 in August) + 4,500 at 40
    august = leg_state("nsr", 8, "Arc4", length_km=5600).passage
    assert summer.moving_h == approx(75 + august.moving_h[1] + 112.5)
    winter = route(
        toy,
        "RULED",
        "RUVVO",
        scenario="nsr-winter-no-ice-class",
        params=toy_params,
        optimize="distance",
        **SEA_ONLY,
    ).best
    assert winter.label == "Suez + EMC" and winter.distance_km == approx(22000)
    arc7 = route(
        toy, "RULED", "RUVVO", scenario="nsr-winter-arc7", params=toy_params, optimize="distance", **SEA_ONLY
    ).best
    assert arc7.label == "NSR"
    escorted = Scenario(name="march-arc7", month=3, ice_class="Arc7")
    slow = route(
        toy, "RULED", "RUVVO", scenario=escorted, params=toy_params, optimize="distance", **SEA_ONLY
    ).best
    nsr_leg = next(leg for leg in slow.legs if leg.leg_id == "NSR-KARA-BERING")
    march = leg_state("nsr", 3, "Arc7", length_km=5600).passage
    assert march.status == "escorted"
    assert nsr_leg.moving_range_h == approx(march.moving_h)  # escorted, from the ice model
    assert nsr_leg.moving_h > 5600 / 20  # slower than the old 20 km/h independent cap
    # the sea rate plus the icebreaker fee, each end of the range
    assert nsr_leg.leg_cost_usd == approx(5600 * 0.1 + march.fee_usd[1])
    assert nsr_leg.leg_cost_range_usd == approx(tuple(5600 * 0.1 + f for f in march.fee_usd))
    # open-water CO2e (5,600 km x 10 t x 10 g / 1,000) times the extra fuel burnt in ice
    assert nsr_leg.co2e_range_kg == approx(tuple(560 * f for f in march.fuel_factor))
    assert [(d.kind, d.low_h, d.likely_h, d.high_h) for d in nsr_leg.dwell] == [("ice_wait", *march.wait_h)]
    assert "escort" in nsr_leg.season_note
    # the ice leg's cost and CO2e ranges reach the totals: a real P10-P90 window
    totals = slow.totals
    assert totals.cost_p10_usd < totals.cost_usd < totals.cost_p90_usd
    assert totals.co2e_p10_kg < totals.co2e_kg < totals.co2e_p90_kg



def test_unknown_nodes_suggest_close_names(toy, toy_params) -> None:
    with pytest.raises(UnknownNodeError) as info:
        route(toy, "INNSB", "RUMOW", params=toy_params)
    assert "INNSA" in info.value.suggestions
    assert "Nhava Sheva" in str(info.value)
    with pytest.raises(UnknownNodeError):
        route(toy, "INNSA", "RUMOW", params=toy_params, via=["Atlantis"])
    assert route(toy, "innsa", "moscow", params=toy_params).best.label == "INSTC western"



def test_via_and_avoid(toy, toy_params) -> None:
    via = route(toy, "INNSA", "RUMOW", params=toy_params, via=["RULED"]).best
    assert via.label == "Suez" and "RULED" in via.node_ids
    # sea 12,000/40 + rail 650/50 = 313 h; Suez (6, 12, 24) and the port at St Petersburg
    assert via.moving_h == approx(313.0) and via.dwell_h == approx(32.0)
    assert via.objective == approx(313.0 + pert(6, 12, 24) + pert(10, 20, 40))
    # without Astara: the Caspian ferry in July (297 h expected) beats Suez; year-round, the
    # ferry's worst month (escorted in January ice, ~391 h) loses to Suez (~348 h)
    july = Scenario(name="july", month=7)
    assert (
        route(toy, "INNSA", "RUMOW", scenario=july, params=toy_params, avoid=["AZ-ASTARA"]).best.label
        == "INSTC trans-Caspian"
    )
    assert route(toy, "INNSA", "RUMOW", params=toy_params, avoid=["AZ-ASTARA"]).best.label == "Suez"
    assert route(toy, "INNSA", "RUMOW", params=toy_params, avoid_chokepoints=["hormuz"]).best.label == "Suez"
    assert route(toy, "INNSA", "RUMOW", params=toy_params, avoid_corridors=["instc"]).best.label == "Suez"
    two_vias = route(toy, "INNSA", "RUMOW", params=toy_params, via=["IRBND", "RUASF"]).best
    assert two_vias.label == "INSTC trans-Caspian"



def test_objectives(toy, toy_params) -> None:
    cheapest = route(toy, "INNSA", "RUMOW", params=toy_params, optimize="cost").best
    assert cheapest.label == "Suez"  # sea 1,200 + canal 70 + port 100 + rail 325
    assert cheapest.totals.cost_usd == approx(1695)
    greenest = route(toy, "INNSA", "RUMOW", params=toy_params, optimize="co2").best
    assert greenest.label == "INSTC western" and greenest.totals.co2e_kg == approx(1128)
    shortest = route(toy, "INNSA", "RUMOW", params=toy_params, optimize="distance").best
    assert shortest.distance_km == approx(6100)



def test_invalid_options(toy, toy_params) -> None:
    with pytest.raises(LimitError):
        route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=MAX_ALTERNATIVES + 1)
    with pytest.raises(ValidationError):
        route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=0)
    with pytest.raises(ValidationError, match="optimize"):
        route(toy, "INNSA", "RUMOW", params=toy_params, optimize="speed")
    with pytest.raises(ValidationError, match="unknown key"):
        route(toy, "INNSA", "RUMOW", params=toy_params, avoid_chokepoints=["panama"])
    with pytest.raises(ValidationError, match="cannot avoid"):
        route(toy, "INNSA", "RUMOW", params=toy_params, avoid=["RUMOW"])
    with pytest.raises(ValidationError, match="NO-SUCH-LEG"):
        route(
            toy, "INNSA", "RUMOW", params=toy_params, scenario=Scenario(name="x", open_legs=["NO-SUCH-LEG"])
        )



def test_same_origin_and_destination(toy, toy_params) -> None:
    found = route(toy, "INNSA", "INNSA", params=toy_params)
    assert not found.feasible and "same node" in found.infeasible_reason


def test_check_alternatives() -> None:
    assert check_alternatives(3) == 3
    assert check_alternatives(MAX_ALTERNATIVES) == MAX_ALTERNATIVES
    for bad in (0, -1, True, 2.0, "3", None):
        with pytest.raises(ValidationError, match="alternatives must be a positive integer"):
            check_alternatives(bad)
    with pytest.raises(LimitError, match="MAX_ALTERNATIVES"):
        check_alternatives(MAX_ALTERNATIVES + 1)
    with pytest.raises(LimitError, match="digit number"):
        check_alternatives(10**20)


def test_resolve_node_by_id_then_case_insensitive_id_or_name(toy) -> None:
    assert resolve_node(toy, "INNSA") == "INNSA"
    assert resolve_node(toy, " innsa ") == "INNSA"
    assert resolve_node(toy, "MOSCOW") == "RUMOW"
    with pytest.raises(UnknownNodeError) as info:
        resolve_node(toy, "Nhava Shiva")
    assert "INNSA" in info.value.suggestions
    with pytest.raises(UnknownNodeError):
        resolve_node(toy, ["INNSA"])
