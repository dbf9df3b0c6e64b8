"""Checks on one feature's properties (corridors.network.properties): types, allowed values, typos."""

from __future__ import annotations

import json

import pytest

from corridors._errors import Collector
from corridors.network.properties import Budget, Feature, missing_message

# one broken file per problem: (stem, feature index, field, text in the message)
BROKEN_FILES = [
    ("unknown_mode", 2, "mode", "unknown mode 'train'"),
    ("unknown_status", 2, "status", "unknown status 'open'"),
    ("unknown_kind", 0, "kind", "unknown kind 'harbour'"),
    ("unknown_corridor", 2, "corridor", "unknown corridor 'silk-road'"),
    ("unknown_chokepoint", 2, "chokepoints", "unknown chokepoint 'panama'"),
    ("missing_name", 1, "name", "missing required property 'name'"),
    ("id_not_string", 1, "id", "expected a string, got the number 12"),
]


@pytest.mark.parametrize(("stem", "index", "field", "text"), BROKEN_FILES, ids=[b[0] for b in BROKEN_FILES])
def test_broken_file_names_file_feature_and_field(check_broken_file, stem, index, field, text):
    check_broken_file(stem, index, field, text)


def _one_leg_file(builders, **leg_props):
    a = builders.node("RUAAA", 30.0, 60.0)
    b = builders.node("RUBBB", 31.0, 61.0)
    line = builders.leg("L-1", "RUAAA", "RUBBB", [[30.0, 60.0], [31.0, 61.0]], **leg_props)
    return json.dumps(builders.collection(a, b, line))


@pytest.mark.parametrize(
    ("props", "field", "text"),
    [
        ({"chokepoints": "bering"}, "chokepoints", "expected an array of strings"),
        ({"chokepoints": None}, "chokepoints", "required property 'chokepoints' is null"),
        ({"mode": "rail", "gauge_mm": 1000}, "gauge_mm", "expected 1435 or 1520"),
        ({"gauge_mm": 1520}, "gauge_mm", "only rail legs have a gauge"),
        ({"mode": "rail", "gauge_mm": 1435, "dual_gauge": True}, "dual_gauge", "must declare gauge_mm 1520"),
        ({"corridor": "instc", "branch": "westren"}, "branch", "did you mean 'western'"),
        ({"season": "winter"}, "season", "unknown season 'winter'"),
        ({"published_km": -5}, "published_km", "expected a positive number"),
        ({"published_km": "12"}, "published_km", "expected a positive number"),
        ({"to": "RUAAA"}, "to", "same node as 'from'"),
        ({"from": "has space"}, "from", "not a valid id"),
        ({"source": ""}, "source", "is empty"),
        ({"source": "x\x1b[31m"}, "source", "control characters"),
        ({"source": "gov\u202efdp.txt"}, "source", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ({"note": "\u2067note\u2069"}, "note", "bidirectional control character"),
        ({"source": "\u200b\u200b"}, "source", "has no visible character"),
        ({"ice_area": "Kara SW"}, "ice_area", "is not a slug"),
        ({"ice_area": "kara--sw"}, "ice_area", "is not a slug"),
        ({"ice_area": "a" * 41}, "ice_area", "at most 40 characters"),
        ({"ice_area": 3}, "ice_area", "expected a string"),
        ({"chokepoint": ["bering"]}, "chokepoint", "did you mean 'chokepoints'"),
        ({"status": True}, "status", "expected a string, got the boolean true"),
    ],
)
def test_leg_property_problems(builders, read_problems, find, props, field, text):
    problems = read_problems(_one_leg_file(builders, **props), name="legs.geojson")
    problem = find(problems, index=2, field=field, text=text)
    assert str(problem).startswith("legs.geojson: feature 2 (id 'L-1'): ")


def test_non_finite_property_is_a_problem(builders, read_problems, find):
    text = _one_leg_file(builders).replace('"source": "test", "chokepoints"', '"published_nm": Infinity, "chokepoints"')
    assert "Infinity" in text
    find(read_problems(text), index=2, field="published_nm", text="non-finite number Infinity")


# -- the Feature checker on its own ------------------------------------------------------------


def _feature(**props) -> tuple[Feature, Collector]:
    out = Collector("f.geojson")
    budget = Budget(max_positions=100, max_vertices=10, max_parts=2)
    return Feature(3, {"properties": props}, out, budget), out


def test_good_values_are_returned_without_problems():
    feature, out = _feature(id="A-1", name="Port", km=12, gauge=1520, dual=True, cps=["suez"])
    assert feature.identifier("id") == "A-1"
    assert feature.text("name", required=True) == "Port"
    assert feature.text("note", required=False) is None
    assert feature.number("km") == 12.0
    assert feature.integer("gauge", (1435, 1520)) == 1520
    assert feature.boolean("dual") is True
    assert feature.text_list("cps", ("suez", "bering"), what="chokepoint") == ["suez"]
    assert not out


def test_problems_are_recorded_under_the_feature_index_and_id():
    feature, out = _feature(id="A-1", name=5)
    assert feature.text("name", required=True) is None
    (problem,) = out.report()
    assert (problem.source, problem.index, problem.field, problem.feature_id) == ("f.geojson", 3, "name", "A-1")
    assert problem.message == "expected a string, got the number 5"


def test_an_invalid_id_is_not_used_to_name_the_feature():
    feature, out = _feature(id="has space")
    assert feature.id is None
    assert feature.identifier("id") is None
    assert "not a valid id" in out.report()[0].message


def test_a_listed_twice_item_is_a_problem():
    feature, out = _feature(cps=["suez", "suez"])
    assert feature.text_list("cps", ("suez", "bering"), what="chokepoint") is None
    assert out.report()[0].message == "item 1: 'suez' is listed twice"


def test_a_hostile_list_gets_one_problem_and_a_count():
    feature, out = _feature(cps=["x"] * 1000)
    assert feature.text_list("cps", ("suez", "bering"), what="chokepoint") is None
    assert [p.message.split(":")[0] for p in out.report()] == ["item 0", "1,000 items; there are only 2 chokepoints"]


def test_typo_checks_are_capped_by_the_budget():
    feature, out = _feature(**{f"name{c}": 1 for c in "vwxyz"})
    feature.budget.typo_checks = 2
    feature.typos(("name",))
    assert len(out) == 2  # only the first two unknown names were compared
    assert all("did you mean 'name'" in p.message for p in out.report())


def test_budget_is_exhausted_past_its_positions():
    budget = Budget(max_positions=5, max_vertices=5, max_parts=1)
    budget.used = 5
    assert not budget.exhausted
    budget.used = 6
    assert budget.exhausted


def test_missing_message_tells_null_from_absent():
    assert missing_message("name", {}) == "missing required property 'name'"
    assert missing_message("name", {"name": None}) == "required property 'name' is null"


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u3164", "\u0301\u0301", "\u2800 \u2800"])
def test_a_node_name_needs_a_visible_character(builders, read_problems, find, name):
    fc = builders.collection(builders.node("RUAAA", 30.0, 60.0, name=name))
    find(read_problems(json.dumps(fc)), index=0, field="name", text="has no visible character")


@pytest.mark.parametrize("name", ["Москва", "تهران\u200cپارس", "Nhava Sheva (JNPT)", "—"])
def test_names_in_any_script_are_accepted(builders, name):
    from corridors.network.read import read_geojson

    fc = builders.collection(builders.node("RUAAA", 30.0, 60.0, name=name))
    nodes, _ = read_geojson(json.dumps(fc))
    assert nodes.loc["RUAAA", "name"] == name


def test_a_bidi_control_in_a_name_is_not_echoed_in_the_message(builders, read_problems, find):
    fc = builders.collection(builders.node("RUAAA", 30.0, 60.0, name="Moscow\u202e(evil)"))
    problem = find(read_problems(json.dumps(fc)), index=0, field="name", text="U+202E")
    assert "\u202e" not in str(problem)


def test_a_slug_ice_area_is_kept(builders):
    from corridors.network.read import read_geojson

    _, legs = read_geojson(_one_leg_file(builders, ice_area="kara-sw"))
    assert legs.loc["L-1", "ice_area"] == "kara-sw"
