"""Issue 12, findings 2, 3 and 4 (network side): uploads that are not physical are refused.

Each test feeds the exact input of the finding to the upload path
(:meth:`Network.with_extra` on the bundled network, as the app does) and
checks that the one report names the feature and the problem.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from corridors._errors import ValidationError
from corridors.network.loader import load_network


def _node(node_id: str, lon: float, lat: float, **props: Any) -> dict[str, Any]:
    base = {"id": node_id, "name": f"Node {node_id}", "country": "RU", "kind": "city", "source": "test"}
    return {
        "type": "Feature",
        "properties": {**base, **props},
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


_NEW = {"rumow": [37.64, 55.729], "RU-GHOST": [37.0, 55.0], "RU-EVIL": [37.0, 55.0]}


def _leg(leg_id: str, start: str, end: str, mode: str, **props: Any) -> dict[str, Any]:
    nodes = load_network().nodes
    coords = [_NEW[n] if n in _NEW else [nodes.loc[n, "x"], nodes.loc[n, "y"]] for n in (start, end)]
    base = {
        "id": leg_id,
        "from": start,
        "to": end,
        "mode": mode,
        "corridor": "instc",
        "status": "operational",
        "source": "test",
        "chokepoints": [],
    }
    return {
        "type": "Feature",
        "properties": {**base, **props},
        "geometry": {"type": "LineString", "coordinates": coords},
    }


def _problems(*features: dict[str, Any], name: str = "mine.geojson") -> list:
    data = json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()
    with pytest.raises(ValidationError) as err:
        load_network().with_extra(data, names=[name])
    return err.value.problems


def _one(problems: list, field: str, text: str):
    hits = [p for p in problems if p.field == field and text in p.message]
    assert hits, "\n".join(map(str, problems))
    return hits[0]


# Finding 2: totals can become infinite or zero


def test_a_road_leg_published_as_1e308_km_is_refused():
    problems = _problems(_leg("MY-ROAD", "IR-RASHT", "IRBAZ", "road", published_km=1e308))
    problem = _one(problems, "published_km", "a published distance must be 0.5 to 3 times it")
    assert str(problem).startswith("mine.geojson: feature 0 (id 'MY-ROAD'): field 'published_km': 1e+308 km")


def test_a_sea_leg_published_as_1_7e308_nm_is_refused():
    _one(
        _problems(_leg("MY-SEA", "INNSA", "IRBND", "sea", published_nm=1.7e308)),
        "published_nm",
        "1.7e+308 nm is 1.61e+305 times",
    )


def test_a_rail_leg_published_as_1e_300_km_is_refused():
    leg = _leg("MY-RAIL", "IRQAZ", "IR-RASHT", "rail", gauge_mm=1435, published_km=1e-300)
    _one(_problems(leg), "published_km", "1e-300 km is 1/1.14e+302 of the leg's drawn length")


# Finding 3: absurd uploads pass silently


def test_a_sea_leg_straight_from_nhava_sheva_to_moscow_is_refused():
    problem = _one(_problems(_leg("MY-SHORTCUT", "INNSA", "RUMOW", "sea", corridor="suez")), "geometry", "km of land")
    assert "a sea leg crossing" in problem.message and "at most 150 km" in problem.message


def test_a_node_rumow_named_moscow_beside_rumow_is_refused():
    rumow = _node("rumow", 37.64, 55.729, name="Moscow")
    problems = _problems(rumow, _leg("MY-LINK", "rumow", "RULED", "road"))
    _one(problems, "id", "differs from node 'RUMOW' only in case")
    _one(problems, "name", "same name 'Moscow' and country as node 'RUMOW', 0.0 km away")


def test_a_name_of_two_zero_width_spaces_is_refused():
    ghost = _node("RU-GHOST", 37.0, 55.0, name="\u200b\u200b")
    _one(_problems(ghost, _leg("MY-LINK", "RU-GHOST", "RUMOW", "road")), "name", "has no visible character")


def test_a_far_leg_end_is_reported_in_the_same_round_as_the_other_problems():
    leg = _leg("bad id", "INNSA", "RUMOW", "sae")
    leg["geometry"]["coordinates"][-1] = [-20.0, 10.0]  # thousands of km from Moscow
    problems = _problems(leg)
    _one(problems, "id", "is not a valid id")
    _one(problems, "mode", "unknown mode 'sae'")
    _one(problems, "geometry", "km from its 'to' node 'RUMOW'")


def test_a_port_with_lon_and_lat_swapped_is_reported_in_the_same_round():
    """Issue 11: Nhava Sheva at [18.95, 72.95] (lat, lon: the Barents Sea) beside an unknown mode."""
    swapped = _node("IN-SWAPPED", 18.95, 72.95, country="IN", kind="seaport")
    problems = _problems(swapped, _leg("MY-LINK", "INNSA", "IRBND", "sae"))
    _one(problems, "mode", "unknown mode 'sae'")
    problem = _one(problems, "geometry", "km outside India (country 'IN') — are lon and lat swapped?")
    assert str(problem).startswith("mine.geojson: feature 0 (id 'IN-SWAPPED'): field 'geometry': node 'IN-SWAPPED'")


# Finding 4 (network side): a right-to-left override in a name


def test_a_right_to_left_override_in_a_node_name_is_refused():
    evil = _node("RU-EVIL", 37.0, 55.0, name="Moscow \u202e(evil)")
    problem = _one(
        _problems(evil, _leg("MY-LINK", "RU-EVIL", "RUMOW", "road")), "name", "U+202E RIGHT-TO-LEFT OVERRIDE"
    )
    assert "\u202e" not in str(problem)


def test_a_right_to_left_override_in_a_file_name_is_not_passed_on():
    name = "routes\u202enosjoeg.exe"
    problems = _problems(_node("RU-EVIL", 37.0, 55.0, name="\u200b"), name=name)
    assert problems and all("\u202e" not in str(p) for p in problems)
    good = json.dumps({"type": "FeatureCollection", "features": [_leg("MY-ROAD", "IR-RASHT", "IRBAZ", "road")]})
    network = load_network().with_extra(good.encode(), names=[name])
    assert "routes?nosjoeg.exe" in network.files and all("\u202e" not in f for f in network.files)


def test_the_bundled_network_carries_the_ice_areas():
    legs = load_network().legs
    assert legs.loc["NSR-KARAGATES-KARASEA-SEA", "ice_area"] == "kara-sw"
    assert legs.loc["NSR-EASTSIB-BERING-SEA", "ice_area"] == "chukchi"
    assert set(legs.loc[legs["season"] == "north-caspian", "ice_area"]) == {"north-caspian"}
    assert legs.loc[legs["season"] == "nsr", "ice_area"].notna().sum() == 11  # with NSR-SABETTA-KARASEA-SEA
