"""One feature into a node or leg row (corridors.network.features): node or leg, ids unique in a file."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridors import ValidationError
from corridors.network.read import read_geojson

# one broken file per problem: (stem, feature index, field, text in the message)
BROKEN_FILES = [
    ("feature_not_object", 1, None, "not a GeoJSON Feature"),
    ("duplicate_id", 1, "id", "duplicate id 'INMAA'"),
    ("point_for_leg", 2, "geometry", "a leg needs a LineString"),
    ("polygon", 0, "geometry", "geometry type 'Polygon'"),
    ("rail_without_gauge", 2, "gauge_mm", "missing required property 'gauge_mm'"),
]


@pytest.mark.parametrize(("stem", "index", "field", "text"), BROKEN_FILES, ids=[b[0] for b in BROKEN_FILES])
def test_broken_file_names_file_feature_and_field(check_broken_file, stem, index, field, text):
    check_broken_file(stem, index, field, text)


def test_unknown_properties_without_a_close_match_are_ignored(builders):
    nodes, _ = read_geojson(json.dumps(builders.collection(builders.node("RUAAA", 1, 2, remarks="a remark"))))
    assert "remarks" not in nodes.columns


def test_country_must_be_alpha2(builders, read_problems, find):
    text = json.dumps(builders.collection(builders.node("RUAAA", 1, 2, country="Russia")))
    find(read_problems(text), index=0, field="country", text="ISO 3166-1 alpha-2")


def test_feature_level_id_is_not_used(builders, read_problems, find):
    feature = builders.node("RUAAA", 1, 2)
    feature["properties"].pop("id")
    feature["id"] = "RUAAA"
    find(read_problems(json.dumps(builders.collection(feature))), index=0, field="id", text="missing")


def test_optional_note_is_loaded(builders):
    doc = builders.collection(builders.node("RUAAA", 1, 2, note="a note"))
    nodes, _ = read_geojson(json.dumps(doc))
    assert nodes.loc["RUAAA", "note"] == "a note"


def test_a_node_and_a_leg_may_not_share_an_id(builders, read_problems, find):
    a, b = builders.node("RUAAA", 30.0, 60.0), builders.node("RUBBB", 31.0, 61.0)
    leg = builders.leg("RUAAA", "RUAAA", "RUBBB", [[30.0, 60.0], [31.0, 61.0]])
    find(read_problems(json.dumps(builders.collection(a, b, leg))), index=2, field="id", text="already used by feature 0")


def test_properties_decide_node_or_leg_before_the_geometry(builders, read_problems, find):
    leg = builders.leg("L-1", "RUAAA", "RUBBB", [])
    leg["geometry"] = {"type": "Point", "coordinates": [30.0, 60.0]}  # has 'from'/'to': a leg with the wrong geometry
    find(read_problems(json.dumps(builders.collection(leg))), index=0, field="geometry", text="a leg needs a LineString")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(["id", "from", "to", "mode", "kind", "coordinates", "chokepoints", "gauge_mm", "name"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    props=st.dictionaries(keys, json_values, max_size=6),
    gtype=st.sampled_from(["Point", "LineString", "MultiLineString", "Polygon", None]),
    coords=json_values,
)
def test_any_feature_either_loads_or_raises_validation_error(props, gtype, coords):
    doc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": props, "geometry": {"type": gtype, "coordinates": coords}}],
    }
    try:
        read_geojson(json.dumps(doc))
    except ValidationError as err:
        assert err.problems


def _two_nodes_and_a_leg(builders, **props):
    return builders.collection(
        builders.node("RUAAA", 30, 60),
        builders.node("RUBBB", 31, 61),
        builders.leg("L1", "RUAAA", "RUBBB", [(30, 60), (31, 61)], **props),
    )


def test_services_list_other_corridors(builders):
    _, legs = read_geojson(json.dumps(_two_nodes_and_a_leg(builders, services=["suez", "emc"])))
    assert legs.loc["L1", "services"] == ["suez", "emc"]
    _, plain = read_geojson(json.dumps(_two_nodes_and_a_leg(builders)))
    assert plain.loc["L1", "services"] == [], "absent: no other corridor"


@pytest.mark.parametrize(
    ("services", "text"),
    [
        (["suez", "suezz"], "unknown corridor 'suezz'"),
        (["nsr"], "lists the leg's own corridor 'nsr'"),
        ("suez", "expected an array of strings"),
        (["suez", "suez"], "listed twice"),
    ],
)
def test_bad_services_are_reported(builders, read_problems, find, services, text):
    problems = read_problems(json.dumps(_two_nodes_and_a_leg(builders, services=services)))
    find(problems, index=2, field="services", text=text)
