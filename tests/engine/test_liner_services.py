"""Hand checks of the liner-service model and of per-mode node dwell.

- Intermediate port calls: a sea leg of ``d`` km on a corridor with call
  spacing ``s`` makes ``d / s`` calls, each with the ``port_call`` range.
- Hub transshipment: deep-sea legs (``deep_sea_corridors``) and feeder-only
  legs (``feeder_legs``, ``feeder_corridors``) are sailed by different ships;
  changing between them costs a ``transshipment`` at a seaport.
- ``[dwell_node]`` per mode: a road range at a border replaces the road
  crossing's dwell there while rail keeps its own.

Round numbers as in ``conftest.TOY_OVERRIDES`` (sea 40 km/h, transshipment
15/30/60 h and USD 90, road border 12/24/48 h, ...). The time objective is the
expected time: each dwell range counts its Beta-PERT mean ``(low + 4 likely + high) / 6``
(``pert`` below); the hand-checked INSTC western route is 205.8 likely hours and
211.8 expected hours (tests/unit/routing/test_route.py).
"""

from __future__ import annotations

import functools
import json

import pytest

from corridors._errors import ValidationError
from corridors.model.charges import charges, crossing_mode, port_call_charge
from corridors.model.expanded import ExpandedNode, expanded_graph
from corridors.model.params import DwellRange, NodeDwell
from corridors.model.scenario import Scenario
from corridors.model.view import scenario_view
from corridors.routing.route import route as route_door_to_door

from .conftest import approx, load_toy_network

# quay to quay: these tests check the search and the per-leg figures, not the terminal rows at
# the ends (tests/unit/routing/test_endpoints.py checks those)
route = functools.partial(route_door_to_door, terminals=False)

SEA_ONLY = {"avoid_modes": ["rail", "road", "ferry", "river"]}
WESTERN_H = 211.8  # INSTC western, expected hours (205.8 likely)
ASTARA_ROAD_H = 13 + 26  # expected intermodal (6/12/24) + road border (12/24/48) at Astara


def pert(low: float, likely: float, high: float) -> float:
    """The mean of a Beta-PERT range (the routing weight of time)."""
    return (low + 4 * likely + high) / 6
CALLS = {
    "dwell.port_call": {"low": 1, "likely": 2, "high": 4},
    "port_calls.spacing_km": {"suez": 1000, "cape": 2000},
}


# ------------------------------------------------------------- port calls
def test_port_calls_grow_with_sea_distance_by_hand(toy, toy_params) -> None:
    params = toy_params.with_overrides(CALLS)
    best = route(toy, "INNSA", "RULED", params=params, optimize="distance", **SEA_ONLY).best
    assert best.label == "Suez"
    # EXPECTED: Suez legs 3,000 + 2,000 + 7,000 km at 1 call per 1,000 km = 12 calls
    # x 2 h likely (x 1 h low, x 4 h high); plus the Suez canal 12 h (6/24).
    calls = [d for d in best.dwell_items if d.kind == "port_calls"]
    assert len(calls) == 3 and all(d.node_id is None and d.cost_usd == 0 for d in calls)
    assert sum(d.likely_h for d in calls) == approx(24)
    assert sum(d.low_h for d in calls) == approx(12) and sum(d.high_h for d in calls) == approx(48)
    assert best.dwell_h == approx(24 + 12)
    assert best.moving_h == approx(12000 / 40)
    assert best.totals.cost_usd == approx(12000 * 0.1 + 70)  # no fee for the calls
    first = next(leg for leg in best.legs if leg.leg_id == "SUEZ-INNSA-BAB")
    assert first.dwell[0].description == "intermediate port calls (3.0 expected, 1 per 1,000 km)"
    assert "3.00 expected intermediate calls" in first.dwell[0].dwell_source
    # Cape: 9,000 + 11,000 km at 1 per 2,000 km = 10 calls x 2 h
    cape = route(
        toy, "INNSA", "RULED", scenario="red-sea-closed", params=params, optimize="distance", **SEA_ONLY
    ).best
    assert cape.label == "Cape" and cape.dwell_h == approx(20)


def test_port_calls_feed_the_monte_carlo(toy, toy_params) -> None:
    params = toy_params.with_overrides(CALLS)
    best = route(toy, "INNSA", "RULED", params=params, **SEA_ONLY).best
    t = best.totals
    low = best.moving_h + sum(d.low_h for d in best.dwell_items)
    high = best.moving_h + sum(d.high_h for d in best.dwell_items)
    assert low / 24 < t.p50_days < t.p90_days < high / 24
    off = route(toy, "INNSA", "RULED", params=toy_params.with_overrides({"port_calls.spacing_km.suez": 1e9}))
    assert off.best.totals.p90_days < t.p90_days


def test_no_calls_off_the_listed_corridors_or_off_sea(toy_params) -> None:
    params = toy_params.with_overrides(CALLS)
    assert port_call_charge(5600, "sea", "nsr", params) is None  # NSR transits sail direct
    assert port_call_charge(1000, "ferry", "instc", params) is None
    assert port_call_charge(1000, "sea", "suez", params).likely_h == approx(2)
    assert port_call_charge(1000, "sea", "suez", toy_params) is None  # a zero range makes no charge


def test_port_calls_do_not_touch_transfers(toy, toy_params) -> None:
    params = toy_params.with_overrides({**CALLS, "port_calls.spacing_km.instc": 1100})
    best = route(toy, "INNSA", "RUMOW", params=params).best
    # EXPECTED: the hand-checked INSTC western route (205.8 h likely) plus the India-Iran
    # sea legs' calls: 2,200 km / 1,100 km = 2 calls x 2 h; the port transfer at
    # Bandar Abbas is still charged once (20 h), separately.
    assert best.label == "INSTC western"
    assert best.moving_h + best.dwell_h == approx(205.8 + 4)
    assert best.objective == approx(WESTERN_H + 2 * pert(1, 2, 4))
    assert [d.kind for d in best.dwell_items].count("port") == 1


def test_slow_steaming_still_lengthens_sea_routes(toy, toy_params) -> None:
    params = toy_params.with_overrides(CALLS)
    base = route(toy, "INNSA", "RULED", params=params, **SEA_ONLY).best
    slow = route(toy, "INNSA", "RULED", scenario="slow-steaming", params=params, **SEA_ONLY).best
    assert slow.moving_h == approx(base.moving_h / 0.85)
    assert slow.dwell_h == approx(base.dwell_h)  # calls depend on distance, not speed


# ---------------------------------------------------------- transshipment
def _hub_network(tmp_path):
    """A (port) -deep- H (hub port) -feeder- B (port); A -deep- W (waypoint) -feeder- B; X -either- H."""

    def node(id_, kind, lon, lat):
        props = {"id": id_, "name": id_, "country": "XX", "kind": kind, "source": "test"}
        geometry = {"type": "Point", "coordinates": [lon, lat]}
        return {"type": "Feature", "properties": props, "geometry": geometry}

    where = {"A": (0, 0), "H": (10, 0), "W": (5, 5), "B": (15, 5), "X": (10, -5)}

    def leg(id_, a, b, corridor, km):
        props = {
            "id": id_, "from": a, "to": b, "mode": "sea", "corridor": corridor, "status": "operational",
            "source": "test", "chokepoints": [], "length_km": km,
        }
        geometry = {"type": "LineString", "coordinates": [list(where[a]), list(where[b])]}
        return {"type": "Feature", "properties": props, "geometry": geometry}

    features = [
        node("A", "seaport", *where["A"]),
        node("H", "seaport", *where["H"]),
        node("W", "sea_waypoint", *where["W"]),
        node("B", "seaport", *where["B"]),
        node("X", "seaport", *where["X"]),
        leg("A-H", "A", "H", "suez", 1000.0),
        leg("H-B", "H", "B", "feeder", 500.0),
        leg("A-W", "A", "W", "suez", 600.0),
        leg("W-B", "W", "B", "feeder", 300.0),
        leg("X-H", "X", "H", "feeder", 400.0),
    ]
    path = tmp_path / "hub.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return load_toy_network(path)


@pytest.fixture
def hub(tmp_path, toy_params):
    service = {"deep_sea_corridors": ["suez"], "feeder_legs": ["H-B", "W-B"], "feeder_corridors": []}
    return _hub_network(tmp_path), toy_params.with_overrides({"sea_service": service})


def test_deep_sea_to_feeder_transships_once_at_a_seaport(hub) -> None:
    net, params = hub
    best = route(net, "A", "B", params=params).best
    # EXPECTED: A-W-B (900 km) would change ship at a waypoint: not allowed. So
    # A-H 1,000 km / 40 = 25 h, transshipment at H 30 h (USD 90), H-B 500 / 40 = 12.5 h.
    assert best.node_ids == ("A", "H", "B")
    (item,) = best.dwell_items
    assert (item.kind, item.node_id, item.likely_h, item.cost_usd) == ("transshipment", "H", 30, 90)
    assert item.description == "hub transshipment sea->feeder at H"
    assert best.moving_h + best.dwell_h == approx(25 + 30 + 12.5)
    assert best.objective == approx(25 + pert(15, 30, 60) + 12.5)
    assert [leg.layer for leg in best.legs] == ["sea", "feeder"]
    back = route(net, "B", "A", params=params).best
    assert back.objective == approx(best.objective)
    assert [d.kind for d in back.dwell_items] == ["transshipment"]


def test_no_transshipment_without_a_deep_sea_leg(hub) -> None:
    net, params = hub
    # From the hub itself, or from X by a leg either kind of ship sails: one feeder all the way.
    assert route(net, "H", "B", params=params).best.dwell_h == 0
    from_x = route(net, "X", "B", params=params).best
    assert from_x.dwell_h == 0 and from_x.objective == approx((400 + 500) / 40)
    # Without feeder-only legs the network has one sea layer and no transshipment.
    plain = params.with_overrides({"sea_service.feeder_legs": []})
    assert route(net, "A", "B", params=plain).best.objective == approx(900 / 40)
    assert expanded_graph(net, params=plain).sea_service == ((), ())
    assert {n.layer for n in expanded_graph(net, params=params).nodes} == {"sea", "feeder"}


def test_a_scenario_can_change_the_sea_service(hub) -> None:
    net, params = hub
    typo = Scenario(name="typo", sea_service={"feeder_legs": ["H-BB"]})
    with pytest.raises(ValidationError, match=r"sea_service.feeder_legs\[0\].*unknown leg id 'H-BB'; did you mean 'H-B'"):
        typo.check(net)
    scenario = Scenario(name="feeders-everywhere", sea_service={"feeder_legs": []})
    view = scenario_view(net, scenario, params)
    assert view.expanded.sea_service == ((), ())
    assert route(net, "A", "B", params=params, scenario=scenario).best.objective == approx(900 / 40)
    assert ExpandedNode("B", "feeder") not in view.expanded.nodes


# ------------------------------------------------------- per-mode node dwell
QUEUE = {"low": 30, "likely": 60, "high": 240, "source": "truck queue count"}
RAIL = {"low": 1, "likely": 3, "high": 9, "source": "rail yard"}


def test_per_mode_node_dwell_replaces_only_its_mode(toy, toy_params) -> None:
    params = toy_params.with_overrides({"dwell_node": {"AZ-ASTARA": {"road": QUEUE}}})
    assert isinstance(params.dwell_node["AZ-ASTARA"], NodeDwell)
    best = route(toy, "INNSA", "RUMOW", params=params).best
    # EXPECTED: the road->rail crossing at Astara (intermodal 12 h + road border 24 h)
    # becomes the road range (60 h): 205.8 - 36 + 60 likely; fees unchanged.
    assert best.moving_h + best.dwell_h == approx(205.8 - 36 + 60)
    assert best.objective == approx(WESTERN_H - ASTARA_ROAD_H + pert(30, 60, 240))
    astara = [d for d in best.dwell_items if d.node_id == "AZ-ASTARA"]
    assert [d.kind for d in astara] == ["intermodal", "border_road"]
    assert [d.likely_h for d in astara] == [60, 0]
    assert astara[0].dwell_source == "dwell_node[AZ-ASTARA.road]: truck queue count"
    assert sum(d.cost_usd for d in astara) == 80 + 60
    # By rail (the railway built) the rail crossing keeps the generic gauge + rail border.
    rail = route(toy, "INNSA", "RUMOW", scenario="rasht-astara-built", params=params).best
    assert rail.moving_h + rail.dwell_h == approx(133.0 + 38.0)
    assert rail.objective == approx(133.0 + pert(10, 20, 40) + pert(5, 10, 20) + 2 * pert(2, 4, 8))


def test_rail_and_road_ranges_side_by_side(toy, toy_params) -> None:
    params = toy_params.with_overrides({"dwell_node": {"AZ-ASTARA": {"road": QUEUE, "rail": RAIL}}})
    rail = route(toy, "INNSA", "RUMOW", scenario="rasht-astara-built", params=params).best
    # EXPECTED: gauge 10 h + rail border 4 h at Astara become the rail range 3 h
    assert rail.moving_h + rail.dwell_h == approx(133.0 + 38.0 - 14 + 3)
    assert rail.objective == approx(133.0 + pert(10, 20, 40) + pert(2, 4, 8) + pert(1, 3, 9))
    road = route(toy, "INNSA", "RUMOW", params=params).best
    assert road.objective == approx(WESTERN_H - ASTARA_ROAD_H + pert(30, 60, 240))


def test_charges_pick_the_range_by_crossing_mode(toy_params) -> None:
    params = toy_params.with_overrides(
        {"dwell_node": {"N": {"road": QUEUE, "any": {"low": 0, "likely": 1, "high": 2}}}}
    )
    assert charges(("border_road",), "N", params, mode="road")[0].likely_h == 60
    assert charges(("border_rail",), "N", params, mode="rail")[0].likely_h == 1  # `any`
    assert crossing_mode("road", "rail1520") == "road"
    assert crossing_mode("rail1435", "rail1520") == "rail"
    assert crossing_mode("sea", "rail1435") == "rail"
    assert crossing_mode("ferry", "sea") == "ferry"
    assert crossing_mode("feeder", "sea") == "sea"


def test_the_old_single_range_form_still_means_every_mode(toy_params) -> None:
    params = toy_params.with_overrides({"dwell_node": {"N": {"low": 1, "likely": 5, "high": 9}}})
    assert isinstance(params.dwell_node["N"], DwellRange)
    assert charges(("border_rail",), "N", params, mode="rail")[0].likely_h == 5
    assert charges(("border_road",), "N", params, mode="road")[0].likely_h == 5
    # adding a road range keeps the single range for every other mode ("any")
    both = params.with_overrides({"dwell_node.N.road": QUEUE})
    assert both.dwell_node["N"].any.likely == 5 and both.dwell_node["N"].road.likely == 60
    # a single range given again replaces the per-mode ranges
    again = both.with_overrides({"dwell_node": {"N": {"low": 0, "likely": 2, "high": 3}}})
    assert isinstance(again.dwell_node["N"], DwellRange)


def test_scenarios_override_node_dwell_per_mode(toy, toy_params) -> None:
    scenario = Scenario.from_toml(
        'name = "samur-jam"\n[dwell_node.AZ-ASTARA.road]\nlow = 48\nlikely = 96\nhigh = 480\n'
    )
    params = scenario.apply(toy_params)
    assert params.dwell_node["AZ-ASTARA"].road.likely == 96
    assert params.dwell_node["AZ-ASTARA"].road.source == "scenario 'samur-jam'"
    assert params.dwell_node["AZ-ASTARA"].rail is None
    best = route(toy, "INNSA", "RUMOW", scenario=scenario, params=toy_params).best
    assert best.moving_h + best.dwell_h == approx(205.8 - 36 + 96)
    assert best.objective == approx(WESTERN_H - ASTARA_ROAD_H + pert(48, 96, 480))
    assert Scenario.from_toml(scenario.to_toml()) == scenario


def test_bad_node_dwell_is_reported_all_at_once(toy) -> None:
    with pytest.raises(ValidationError) as info:
        Scenario(
            name="bad",
            dwell_node={
                "AZ-ASTARA": {"truck": {"low": 1, "likely": 2, "high": 3}},  # a node of the defaults
                "IR-RASHT": {"lorry": {"low": 1, "likely": 2, "high": 3}},  # a new node
                "AZ-SAMUR": {"road": {"low": 5, "likely": 2, "high": 3}},
                "IRBND": {},
            },
        )
    text = str(info.value)
    known = "known: any, sea, rail, road, ferry, river"
    assert f"dwell_node.AZ-ASTARA.truck': unknown mode 'truck'; {known}" in text
    assert f"dwell_node.IR-RASHT': unknown mode 'lorry'; {known}" in text
    assert "dwell_node.AZ-SAMUR.road" in text and "low <= likely <= high" in text
    assert "dwell_node.IRBND" in text
    assert len(info.value.problems) == 4
    unknown = Scenario(name="typo", dwell_node={"AZ-ASTRA": {"road": {"low": 1, "likely": 2, "high": 3}}})
    with pytest.raises(ValidationError, match=r"unknown node id 'AZ-ASTRA'; did you mean 'AZ-ASTARA'"):
        unknown.check(toy)
