"""Reading GeoJSON (corridors.network.read): every kind of source, names, size and JSON limits, hostile bytes."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString

import corridors.network.read as cio
from corridors import ValidationError
from corridors.network import schema
from corridors.network.read import read_all, read_geojson

# one broken file per problem: (stem, feature index, field, text in the message)
BROKEN_FILES = [
    ("not_json", None, None, "not valid JSON"),
    ("not_a_collection", None, None, "not a GeoJSON FeatureCollection"),
]


@pytest.mark.parametrize(("stem", "index", "field", "text"), BROKEN_FILES, ids=[b[0] for b in BROKEN_FILES])
def test_broken_file_names_file_feature_and_field(check_broken_file, stem, index, field, text):
    check_broken_file(stem, index, field, text)


def test_valid_fixture_is_valid(validation_file):
    nodes, legs = read_geojson(validation_file("valid"))
    assert list(nodes.index) == ["INMAA", "RUVVO"]
    assert list(legs.index) == ["EMC-MAA-VVO"]


def test_not_json_says_where(validation_file, read_problems):
    problems = read_problems(validation_file("not_json"))
    assert "line 2, column 21" in problems[0].message


def test_several_problems_reported_at_once(validation_file, read_problems, find):
    problems = read_problems(validation_file("several_problems"))
    expected = [
        (0, "kind", "unknown kind 'harbour'"),
        (1, "country", "missing required property 'country'"),
        (1, "geometry", "looks like [lat, lon] order"),
        (2, "id", "expected a string"),
        (2, "mode", "unknown mode 'train'"),
        (3, "status", "unknown status 'maybe'"),
    ]
    for index, field, text in expected:
        find(problems, index=index, field=field, text=text)
    assert len(problems) == len(expected)


# -- the frames ------------------------------------------------------------------


def test_frames_have_the_contract_columns(mini_network):
    nodes, legs = mini_network.nodes, mini_network.legs
    assert list(nodes.columns) == [*schema.NODE_COLUMNS, "geometry"]
    assert list(legs.columns) == [*schema.LEG_COLUMNS, "geometry"]
    assert nodes.index.name == legs.index.name == "id"
    assert nodes.crs == legs.crs == "EPSG:4326"
    assert str(legs["gauge_mm"].dtype) == "Int64"
    assert legs["dual_gauge"].dtype == bool


def test_mini_network_content(mini_network):
    nodes, legs = mini_network.nodes, mini_network.legs
    assert len(nodes) == 8 and len(legs) == 7
    assert nodes.loc["RUVVO", "files"] == ["mini_west.geojson", "mini_east.geojson"]
    assert nodes.loc["RUVVO", "corridors"] == ["nsr", "transsib"]
    assert nodes.loc["INNSA", "corridors"] == ["instc"]
    assert nodes.loc["SEA-BERING", "chokepoint"] == "bering"
    assert pd.isna(nodes.loc["INNSA", "chokepoint"])
    assert (nodes.loc["INNSA", "x"], nodes.loc["INNSA", "y"]) == (72.95, 18.95)
    rail = legs.loc["MINI-RAIL-BND-MOW"]
    assert (rail["gauge_mm"], rail["dual_gauge"], rail["published_km"]) == (1520, True, 4800.0)
    assert rail["file"] == "mini_west.geojson"
    assert legs.loc["MINI-NSR-PKC-BERING", "file"] == "mini_east.geojson"
    assert legs.loc["MINI-NSR-BERING-PWE", "chokepoints"] == ["bering"]
    assert isinstance(legs.loc["MINI-NSR-PKC-BERING", "geometry"], MultiLineString)
    assert isinstance(legs.loc["MINI-SEA-NSA-HORMUZ", "geometry"], LineString)
    assert (legs["length_km"] > 0).all()
    assert legs["length_nm"].to_numpy() == pytest.approx(legs["length_km"].to_numpy() / 1.852)
    assert mini_network.files == ("mini_west.geojson", "mini_east.geojson")


def test_antimeridian_leg_length_is_not_the_long_way_round(mini_network):
    # Petropavlovsk -> Bering Strait is ~2,300 km; measured the wrong way round it would be > 20,000 km
    assert 2000 < mini_network.legs.loc["MINI-NSR-PKC-BERING", "length_km"] < 2600


# -- sources and their names -----------------------------------------------------


@pytest.mark.parametrize("kind", ["path", "str_path", "bytes", "text", "file_object"])
def test_every_source_kind_reads_the_same(mini_paths, kind):
    path = mini_paths[1]
    source = {
        "path": path,
        "str_path": str(path),
        "bytes": path.read_bytes(),
        "text": path.read_text(encoding="utf-8"),
        "file_object": io.BytesIO(path.read_bytes()),
    }[kind]
    nodes, legs = read_geojson(source, name="mini_east.geojson")
    expected_nodes, expected_legs = read_geojson(path)
    pd.testing.assert_frame_equal(nodes, expected_nodes)
    pd.testing.assert_frame_equal(legs, expected_legs)


def test_default_names(mini_paths, problems_of):
    text = mini_paths[1].read_text(encoding="utf-8").replace('"RUPWE"', '"bad id"', 1)
    assert problems_of(read_geojson, text.encode())[0].source == "upload"
    upload = io.BytesIO(text.encode())
    upload.name = "/some/where/mine.geojson"
    assert problems_of(read_geojson, upload)[0].source == "mine.geojson"
    assert problems_of(read_geojson, text, name="given")[0].source == "given"


def test_utf8_bom_is_accepted(mini_paths):
    nodes, _ = read_geojson(b"\xef\xbb\xbf" + mini_paths[1].read_bytes())
    assert "RUPWE" in nodes.index


def test_upload_name_is_made_printable(read_problems):
    problems = read_problems(b"{", name="evil\x1b[2J\nname.geojson")
    assert problems[0].source == "evil?[2J?name.geojson"


def test_unreadable_sources(read_problems):
    assert "no such file" in read_problems("/nonexistent/dir/x.geojson")[0].message
    assert "not a regular file" in read_problems("/")[0].message
    assert "cannot read GeoJSON from" in read_problems(12345)[0].message  # type: ignore[arg-type]


def test_a_path_through_a_file_is_no_such_file(tmp_path, read_problems):
    (tmp_path / "plain.txt").write_text("x")
    (problem,) = read_problems(tmp_path / "plain.txt" / "x.geojson")
    assert problem.message.endswith(": no such file")


def test_not_utf8_says_which_byte(read_problems):
    (problem,) = read_problems(b'{"a": "\xff"}', name="latin.geojson")
    assert str(problem) == "latin.geojson: not UTF-8 text: byte 0xff at offset 7 cannot be decoded"


# -- several files ---------------------------------------------------------------


def test_read_all_reports_problems_of_every_file(validation_file):
    with pytest.raises(ValidationError) as info:
        read_all([validation_file("unknown_mode"), validation_file("unknown_kind"), io.BytesIO(b"{")])
    sources = {p.source for p in info.value.problems}
    assert {"unknown_mode.geojson", "unknown_kind.geojson", "upload 3"} <= sources


def test_read_all_names_must_match_sources(write_fc, builders):
    path = write_fc("a.geojson", builders.node("RUAAA", 30.0, 60.0))
    with pytest.raises(ValueError, match="1 names given for 2 sources"):
        read_all([path] * 2, names=["x"])


# -- limits and hostile input ----------------------------------------------------


def _one_leg_file(builders):
    a = builders.node("RUAAA", 30.0, 60.0)
    b = builders.node("RUBBB", 31.0, 61.0)
    line = builders.leg("L-1", "RUAAA", "RUBBB", [[30.0, 60.0], [31.0, 61.0]])
    return json.dumps(builders.collection(a, b, line))


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
def test_hostile_input_ends_as_validation_error(data, read_problems):
    problems = read_problems(data)
    assert problems
    assert all(len(str(p)) < 1000 for p in problems)


def test_file_size_limit(monkeypatch, builders, tmp_path, read_problems):
    monkeypatch.setattr(cio, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.geojson"
    path.write_text(_one_leg_file(builders))
    problems = read_problems(path)
    assert problems[0].source == "big.geojson"
    assert "larger than the limit" in problems[0].message


def test_feature_count_limit(monkeypatch, builders, read_problems):
    monkeypatch.setattr(cio, "MAX_FEATURES", 2)
    assert "over the limit" in read_problems(_one_leg_file(builders))[0].message


def test_problem_count_is_capped(builders, read_problems):
    features = [builders.node("RUAAA", 1, 2, kind="nope") for _ in range(2000)]
    problems = read_problems(json.dumps(builders.collection(*features)))
    assert len(problems) <= 501
    assert problems[-1].message.endswith("more problems not listed")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_either_load_or_raise_validation_error(data):
    with pytest.raises(ValidationError):
        read_geojson(data)
