"""Every validation problem is found, located (file, feature, field) and reported at once."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corridors.network.read as cio
from corridors import CorridorsError, UnknownNodeError, ValidationError
from corridors._errors import Collector, Problem
from corridors.network.read import read_all, read_geojson


def _problems(source, **kw) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        read_geojson(source, **kw)
    return info.value.problems


def _find(problems, *, index, field, text):
    hits = [p for p in problems if p.index == index and p.field == field and text in p.message]
    assert hits, "\n".join(map(str, problems))
    return hits[0]


# one broken file per problem: (stem, feature index, field, text in the message)
BROKEN_FILES = [
    ("not_json", None, None, "not valid JSON"),
    ("not_a_collection", None, None, "not a GeoJSON FeatureCollection"),
    ("feature_not_object", 1, None, "not a GeoJSON Feature"),
    ("unknown_mode", 2, "mode", "unknown mode 'train'"),
    ("unknown_status", 2, "status", "unknown status 'open'"),
    ("unknown_kind", 0, "kind", "unknown kind 'harbour'"),
    ("unknown_corridor", 2, "corridor", "unknown corridor 'silk-road'"),
    ("unknown_chokepoint", 2, "chokepoints", "unknown chokepoint 'panama'"),
    ("missing_name", 1, "name", "missing required property 'name'"),
    ("id_not_string", 1, "id", "expected a string, got the number 12"),
    ("duplicate_id", 1, "id", "duplicate id 'INMAA'"),
    ("point_for_leg", 2, "geometry", "a leg needs a LineString"),
    ("polygon", 0, "geometry", "geometry type 'Polygon'"),
    ("swapped_lat_lon", 1, "geometry", "looks like [lat, lon] order"),
    ("out_of_range", 1, "geometry", "out of range"),
    ("nan_coordinate", 0, "geometry", "NaN"),
    ("rail_without_gauge", 2, "gauge_mm", "missing required property 'gauge_mm'"),
    ("multilinestring_not_cut", 2, "geometry", "only allowed for a leg cut at the antimeridian"),
    ("uncut_antimeridian", 2, "geometry", "crosses the antimeridian between positions 2 and 3"),
]


@pytest.mark.parametrize(("stem", "index", "field", "text"), BROKEN_FILES, ids=[b[0] for b in BROKEN_FILES])
def test_broken_file_names_file_feature_and_field(validation_file, stem, index, field, text):
    problems = _problems(validation_file(stem))
    problem = _find(problems, index=index, field=field, text=text)
    assert problem.source == f"{stem}.geojson"
    line = str(problem)
    assert line.startswith(f"{stem}.geojson: ")
    if index is not None:
        assert f"feature {index}" in line
    if field is not None:
        assert f"field '{field}'" in line


def test_valid_fixture_is_valid(validation_file):
    nodes, legs = read_geojson(validation_file("valid"))
    assert list(nodes.index) == ["INMAA", "RUVVO"]
    assert list(legs.index) == ["EMC-MAA-VVO"]


def test_not_json_says_where(validation_file):
    problems = _problems(validation_file("not_json"))
    assert "line 2, column 21" in problems[0].message


def test_several_problems_reported_at_once(validation_file):
    problems = _problems(validation_file("several_problems"))
    expected = [
        (0, "kind", "unknown kind 'harbour'"),
        (1, "country", "missing required property 'country'"),
        (1, "geometry", "looks like [lat, lon] order"),
        (2, "id", "expected a string"),
        (2, "mode", "unknown mode 'train'"),
        (3, "status", "unknown status 'maybe'"),
    ]
    for index, field, text in expected:
        _find(problems, index=index, field=field, text=text)
    assert len(problems) == len(expected)


def test_problem_str_matches_contract():
    problem = Problem("instc.geojson", 12, "mode", "unknown mode 'train'", "INSTC-QZV-RSH")
    assert str(problem) == "instc.geojson: feature 12 (id 'INSTC-QZV-RSH'): field 'mode': unknown mode 'train'"
    assert str(Problem("a.geojson", None, None, "not valid JSON")) == "a.geojson: not valid JSON"


def test_validation_error_is_one_line_per_problem_and_a_value_error():
    err = ValidationError([Problem("a", 1, "x", "bad\nthing"), Problem("b", None, None, "worse")])
    assert str(err).splitlines() == ["a: feature 1: field 'x': bad thing", "b: worse"]
    assert isinstance(err, ValueError)
    assert isinstance(err, CorridorsError)
    assert str(ValidationError("plain message")) == "plain message"


def test_collector_caps_the_report_and_counts_the_rest():
    collector = Collector("big.geojson", limit=3)
    for i in range(10):
        collector.add("bad", index=i)
    report = collector.report()
    assert len(report) == 4
    assert report[-1].message == "7 more problems not listed"
    with pytest.raises(ValidationError):
        collector.raise_if_any()
    Collector("fine").raise_if_any()  # nothing recorded: no error


# -- property checks built in the test ---------------------------------------


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
        ({"chokepoint": ["bering"]}, "chokepoint", "did you mean 'chokepoints'"),
        ({"status": True}, "status", "expected a string, got the boolean true"),
    ],
)
def test_leg_property_problems(builders, props, field, text):
    problems = _problems(_one_leg_file(builders, **props), name="legs.geojson")
    problem = _find(problems, index=2, field=field, text=text)
    assert str(problem).startswith("legs.geojson: feature 2 (id 'L-1'): ")


def test_non_finite_property_is_a_problem(builders):
    text = _one_leg_file(builders).replace('"source": "test", "chokepoints"', '"published_nm": Infinity, "chokepoints"')
    assert "Infinity" in text
    _find(_problems(text), index=2, field="published_nm", text="non-finite number Infinity")


def test_huge_number_coordinate_is_a_problem(builders):
    doc = builders.collection(builders.node("RUAAA", 30.0, 60.0))
    text = json.dumps(doc).replace("30.0", "1e400")
    _find(_problems(text), index=0, field="geometry", text="expected a finite number")


def test_unknown_properties_without_a_close_match_are_ignored(builders):
    nodes, _ = read_geojson(json.dumps(builders.collection(builders.node("RUAAA", 1, 2, remarks="a remark"))))
    assert "remarks" not in nodes.columns


def test_country_must_be_alpha2(builders):
    text = json.dumps(builders.collection(builders.node("RUAAA", 1, 2, country="Russia")))
    _find(_problems(text), index=0, field="country", text="ISO 3166-1 alpha-2")


def test_feature_level_id_is_not_used(builders):
    feature = builders.node("RUAAA", 1, 2)
    feature["properties"].pop("id")
    feature["id"] = "RUAAA"
    _find(_problems(json.dumps(builders.collection(feature))), index=0, field="id", text="missing")


# -- hostile input -------------------------------------------------------------


HOSTILE = [
    b"",
    b"\xff\xfe\x00garbage",
    b"[" * 200_000,
    b'{"type": "FeatureCollection", "features": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b"null",
    b"42",
    b'"FeatureCollection"',
    b'{"type": "FeatureCollection"}',
    b'{"type": "FeatureCollection", "features": {}}',
    b'{"type": "FeatureCollection", "features": []}',
    b'{"type": "FeatureCollection", "features": [null, [], "x", 1.5]}',
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": null, "geometry": null}]}',
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": ' + b"9" * 5000 + b"}}]}",
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": NaN}, '
    b'"geometry": {"type": "Point", "coordinates": [-Infinity, NaN]}}]}',
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "A"}, '
    b'"geometry": {"type": "Point", "coordinates": ' + b"[" * 900 + b"]" * 900 + b"}}]}",
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "A", "from": 1, '
    b'"to": [], "mode": {}}, "geometry": {"type": "MultiLineString", "coordinates": [[1, 2], "x"]}}]}',
    b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "A", "from": "B"}, '
    b'"geometry": {"type": "LineString", "coordinates": [[1, 2, 3, 4], [true, false]]}}]}',
]


@pytest.mark.parametrize("data", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_ends_as_validation_error(data):
    problems = _problems(data)
    assert problems
    assert all(len(str(p)) < 1000 for p in problems)


def test_file_size_limit(monkeypatch, builders, tmp_path):
    monkeypatch.setattr(cio, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.geojson"
    path.write_text(_one_leg_file(builders))
    problems = _problems(path)
    assert problems[0].source == "big.geojson"
    assert "larger than the limit" in problems[0].message


def test_feature_count_limit(monkeypatch, builders):
    monkeypatch.setattr(cio, "MAX_FEATURES", 2)
    assert "over the limit" in _problems(_one_leg_file(builders))[0].message


def test_problem_count_is_capped(builders):
    features = [builders.node("RUAAA", 1, 2, kind="nope") for _ in range(2000)]
    problems = _problems(json.dumps(builders.collection(*features)))
    assert len(problems) <= 501
    assert problems[-1].message.endswith("more problems not listed")


def test_unreadable_sources():
    assert "no such file" in _problems("/nonexistent/dir/x.geojson")[0].message
    assert "not a regular file" in _problems("/")[0].message
    assert "cannot read GeoJSON from" in _problems(12345)[0].message  # type: ignore[arg-type]


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


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_either_load_or_raise_validation_error(data):
    with pytest.raises(ValidationError):
        read_geojson(data)


# -- unknown node ----------------------------------------------------------------


def test_unknown_node_suggests_ids_and_names(mini_network):
    with pytest.raises(UnknownNodeError) as info:
        mini_network.node_id("Vladivostk")
    err = info.value
    assert err.node_id == "Vladivostk"
    assert err.suggestions[0] == "RUVVO"
    assert str(err) == "unknown node 'Vladivostk'; did you mean 'RUVVO' (Vladivostok)?"
    assert isinstance(err, LookupError)


def test_unknown_node_matches_ids_too(mini_network):
    with pytest.raises(UnknownNodeError) as info:
        mini_network.node_id("RUMOV")
    assert "RUMOW" in info.value.suggestions


def test_unknown_node_without_suggestions_is_still_a_sentence(mini_network):
    with pytest.raises(UnknownNodeError) as info:
        mini_network.node_id("zzzzzzzzzz")
    assert str(info.value) == "unknown node 'zzzzzzzzzz'; no node has a similar id or name"


def test_node_id_resolves_ids_and_names_case_insensitively(mini_network):
    assert mini_network.node_id("RUMOW") == "RUMOW"
    assert mini_network.node_id("moscow") == "RUMOW"
    assert mini_network.node_id(" ruvvo ") == "RUVVO"


def test_read_all_reports_problems_of_every_file(validation_file):
    with pytest.raises(ValidationError) as info:
        read_all([validation_file("unknown_mode"), validation_file("unknown_kind"), io.BytesIO(b"{")])
    sources = {p.source for p in info.value.problems}
    assert {"unknown_mode.geojson", "unknown_kind.geojson", "upload 3"} <= sources


def test_upload_name_is_made_printable():
    problems = _problems(b"{", name="evil\x1b[2J\nname.geojson")
    assert problems[0].source == "evil?[2J?name.geojson"


def test_optional_note_is_loaded(builders):
    doc = builders.collection(builders.node("RUAAA", 1, 2, note="a note"))
    nodes, _ = read_geojson(json.dumps(doc))
    assert nodes.loc["RUAAA", "note"] == "a note"


def test_substring_suggestions_come_first(mini_network):
    with pytest.raises(UnknownNodeError) as info:
        mini_network.node_id("Petropavlovsk")
    assert info.value.suggestions[0] == "RUPKC"
