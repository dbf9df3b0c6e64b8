"""Checks that keep a network physical (corridors.network.physical)."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point

from corridors.network import physical
from corridors.network.convert import gdf_records
from corridors.network.geodesy import length_km
from corridors.network.loader import load_network

# Moscow -> St Petersburg, drawn straight (about 635 km)
LINE = LineString([(37.64, 55.73), (30.3, 59.9)])
SUEZ_GULF = LineString([(32.6, 29.9), (33.6, 28.1), (34.5, 26.5)])  # Suez to the Red Sea over the filled gulf


def _leg(**props):
    return {"geometry": LINE, "mode": "rail", "chokepoints": [], **props}


@pytest.mark.parametrize(
    ("props", "field"),
    [
        ({"published_km": 1e308}, "published_km"),
        ({"published_km": 1e-300}, "published_km"),
        ({"published_nm": 1.7e308}, "published_nm"),
        ({"published_km": 0.45 * length_km(LINE)}, "published_km"),
        ({"published_km": 3.1 * length_km(LINE)}, "published_km"),
    ],
)
def test_a_published_distance_far_from_the_drawn_one_is_a_problem(props, field):
    ((message, got),) = physical.leg_problems(_leg(**props), (None, None))
    assert got == field and "a published distance must be 0.5 to 3 times it" in message


@pytest.mark.parametrize("ratio", [0.5, 1.0, 1.38, 3.0])
def test_a_published_distance_within_the_ratio_is_fine(ratio):
    km = length_km(LINE)
    assert physical.leg_problems(_leg(published_km=ratio * km), (None, None)) == []
    assert physical.leg_problems(_leg(published_nm=ratio * km / 1.852), (None, None)) == []


def test_a_line_longer_than_once_around_the_earth_is_a_problem():
    zigzag = LineString([(0.0, -80.0 if i % 2 else 80.0) for i in range(4)] + [(1.0, 0.0)])
    ((message, field),) = physical.leg_problems({"geometry": zigzag, "mode": "road"}, (None, None))
    assert field == "geometry" and "over the limit of 40,000 km" in message


def test_a_sea_leg_across_land_is_a_problem_and_a_rail_leg_is_not():
    ((message, field),) = physical.leg_problems(_leg(mode="sea"), ("seaport", "seaport"))
    assert field == "geometry" and "a sea leg crossing" in message and "at most 150 km" in message
    assert physical.leg_problems(_leg(mode="sea"), ("seaport", "seaport"), land=False) == []
    assert physical.leg_problems(_leg(mode="rail"), ("seaport", "seaport")) == []


def test_the_suez_chokepoint_allows_the_filled_gulf_and_nothing_longer():
    suez = {"geometry": SUEZ_GULF, "mode": "sea", "chokepoints": ["suez"]}
    assert physical.leg_problems(suez, (None, None)) == []
    problems = physical.leg_problems({**suez, "chokepoints": []}, (None, None))
    assert "at most 150 km" in problems[0][0]


def test_a_river_port_end_allows_the_river_only_at_that_end():
    up_river = {"geometry": LineString([(78.0, 74.3), (80.55, 73.51), (83.3, 71.5), (86.17, 69.4)]), "mode": "sea"}
    assert physical.leg_problems(up_river, ("seaport", "river_port")) == []
    assert physical.leg_problems(up_river, ("river_port", "seaport"))  # the wrong end


def _node(name, lon, lat, country="RU"):
    return {"name": name, "country": country, "geometry": Point(lon, lat)}


def test_ids_differing_only_in_case_and_a_doubled_place_are_reported_under_the_new_node():
    nodes = {"RUMOW": _node("Moscow", 37.64, 55.73), "rumow": _node("moscow ", 37.65, 55.73)}
    found = physical.node_problems(nodes, ["rumow"])
    assert [(node_id, field) for node_id, _, field in found] == [("rumow", "id"), ("rumow", "name")]
    assert "differs from node 'RUMOW' only in case" in found[0][1]
    assert "0.6 km away" in found[1][1]


def test_old_pairs_are_not_reported_again():
    nodes = {"A": _node("X", 30.0, 60.0), "B": _node("X", 30.0, 60.0), "C": _node("Y", 10.0, 10.0)}
    assert physical.node_problems(nodes, ["C"]) == []


@pytest.mark.parametrize(
    ("other", "reported"),
    [
        (_node("Moscow", 37.64, 55.80), False),  # 7.8 km away
        (_node("Moscow", 37.64, 55.73, country="US"), False),
        (_node("Moskva", 37.64, 55.73), False),
        (_node("Moscow", 37.64 + 0.07, 55.73), True),  # 4.4 km, the next grid cells
    ],
)
def test_a_doubled_place_needs_the_same_name_country_and_a_few_km(other, reported):
    found = physical.node_problems({"RUMOW": _node("Moscow", 37.64, 55.73), "NEW": other}, ["NEW"])
    assert bool(found) is reported


def test_a_doubled_place_near_the_pole_and_across_the_antimeridian():
    pole = {"A": _node("Pole", 10.0, 89.9), "B": _node("Pole", -170.0, 89.9)}  # 22 km apart
    assert physical.node_problems(pole, ["B"]) == []
    near = {"A": _node("Pole", 10.0, 89.99), "B": _node("Pole", -170.0, 89.99)}  # 2.2 km apart
    assert physical.node_problems(near, ["B"])
    dateline = {"A": _node("Cape", 179.99, 66.0), "B": _node("Cape", -179.99, 66.0)}
    assert physical.node_problems(dateline, ["B"])


def test_thousands_of_copies_are_checked_in_linear_time():
    nodes = {f"N{i}": _node("Same", 30.0, 60.0) for i in range(5000)}
    found = physical.node_problems(nodes, list(nodes))
    assert len(found) == 4999


def test_the_bundled_network_has_no_physical_problem():
    net = load_network()
    nodes = net.nodes
    kinds = dict(zip(nodes.index, nodes["kind"], strict=True))
    for data in gdf_records(net.legs):
        assert physical.leg_problems(data, (kinds[data["from"]], kinds[data["to"]])) == [], data["id"]
    assert physical.node_problems(dict(zip(nodes.index, gdf_records(nodes), strict=True)), nodes.index) == []
