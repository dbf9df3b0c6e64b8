"""Reading GeoJSON into frames, checks across files, and the Network bundle."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import LineString, MultiLineString

import corridors.network.loader as ds
from corridors import CorridorsError, ValidationError
from corridors.network import schema
from corridors.network.loader import CORRIDOR_FILES, GEODATA_DIR, Network, get_path, load_network
from corridors.network.read import read_all, read_geojson


def _problems(call, *args, **kw):
    with pytest.raises(ValidationError) as info:
        call(*args, **kw)
    return info.value.problems


def _find(problems, **expected):
    text = expected.pop("text")
    hits = [
        p for p in problems if text in p.message and all(getattr(p, k) == v for k, v in expected.items())
    ]
    assert hits, "\n".join(map(str, problems))
    return hits[0]


# -- one file --------------------------------------------------------------------


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


def test_default_names(mini_paths):
    text = mini_paths[1].read_text(encoding="utf-8").replace('"RUPWE"', '"bad id"', 1)
    assert _problems(read_geojson, text.encode())[0].source == "upload"
    upload = io.BytesIO(text.encode())
    upload.name = "/some/where/mine.geojson"
    assert _problems(read_geojson, upload)[0].source == "mine.geojson"
    assert _problems(read_geojson, text, name="given")[0].source == "given"


def test_utf8_bom_is_accepted(mini_paths):
    nodes, _ = read_geojson(b"\xef\xbb\xbf" + mini_paths[1].read_bytes())
    assert "RUPWE" in nodes.index


# -- across files ----------------------------------------------------------------


@pytest.fixture
def pair(write_fc, builders):
    """Two valid files sharing node RUBBB; returns (write_fc, builders, a_features, b_features)."""
    a = [
        builders.node("RUAAA", 30.0, 60.0, name="Aaa"),
        builders.node("RUBBB", 31.0, 61.0, name="Bbb"),
        builders.leg("L-AB", "RUAAA", "RUBBB", [[30.0, 60.0], [31.0, 61.0]]),
    ]
    b = [
        builders.node("RUBBB", 31.0, 61.0, name="Bbb"),
        builders.node("RUCCC", 32.0, 62.0, name="Ccc"),
        builders.leg("L-BC", "RUBBB", "RUCCC", [[31.0, 61.0], [32.0, 62.0]]),
    ]
    return write_fc, builders, a, b


def test_pair_is_valid(pair):
    write_fc, _, a, b = pair
    nodes, legs = read_all([write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    assert nodes.loc["RUBBB", "files"] == ["a.geojson", "b.geojson"]
    assert list(legs["file"]) == ["a.geojson", "b.geojson"]


def test_duplicate_leg_id_across_files(pair):
    write_fc, _, a, b = pair
    b[2]["properties"]["id"] = "L-AB"
    problems = _problems(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    problem = _find(problems, source="b.geojson", index=2, field="id", text="duplicate leg id 'L-AB'")
    assert "also in a.geojson (feature 2)" in problem.message


def test_node_at_a_different_position_in_two_files(pair):
    write_fc, _, a, b = pair
    b[0]["geometry"]["coordinates"] = [31.0, 61.001]
    b[2]["geometry"]["coordinates"][0] = [31.0, 61.001]
    problems = _problems(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    problem = _find(problems, source="b.geojson", index=0, field="geometry", text="node 'RUBBB' is at [31, 61.001]")
    assert "a.geojson (feature 1)" in problem.message


def test_node_within_position_tolerance_is_the_same_node(pair):
    write_fc, _, a, b = pair
    b[0]["geometry"]["coordinates"] = [31.0 + 5e-7, 61.0]
    read_all([write_fc("a.geojson", *a), write_fc("b.geojson", *b)])


def test_node_with_a_different_name_in_two_files(pair):
    write_fc, _, a, b = pair
    b[0]["properties"]["name"] = "Bbb port"
    problems = _problems(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    _find(problems, source="b.geojson", index=0, field="name", text="has name 'Bbb port' here but 'Bbb'")


def test_leg_to_a_missing_node(pair):
    write_fc, _, a, b = pair
    b[2]["properties"]["to"] = "RUZZZ"
    problems = _problems(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    _find(problems, source="b.geojson", index=2, field="to", text="'to' node 'RUZZZ' is not in any file")


def test_leg_geometry_not_ending_at_its_node(pair):
    write_fc, _, a, b = pair
    b[2]["geometry"]["coordinates"][-1] = [32.0, 62.5]
    problems = _problems(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    problem = _find(problems, source="b.geojson", index=2, field="geometry", text="ends at [32, 62.5]")
    assert "km from its 'to' node 'RUCCC'" in problem.message
    assert len(problems) == 1


def test_leg_end_within_tolerance_is_accepted(pair):
    write_fc, _, a, b = pair
    b[2]["geometry"]["coordinates"][-1] = [32.0 + 5e-5, 62.0 - 5e-5]
    read_all([write_fc("a.geojson", *a), write_fc("b.geojson", *b)])


def test_leg_geometry_backwards(pair):
    write_fc, _, a, b = pair
    b[2]["geometry"]["coordinates"].reverse()
    problems = _problems(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    _find(problems, source="b.geojson", index=2, field="geometry", text="runs backwards")


def test_disconnected_piece_is_reported_with_its_node_ids(pair):
    write_fc, builders, a, b = pair
    island = [
        builders.node("RUXXX", 50.0, 50.0),
        builders.node("RUYYY", 51.0, 50.0),
        builders.leg("L-XY", "RUXXX", "RUYYY", [[50.0, 50.0], [51.0, 50.0]]),
    ]
    files = [write_fc("a.geojson", *a), write_fc("b.geojson", *b), write_fc("island.geojson", *island)]
    problems = _problems(read_all, files)
    problem = _find(problems, source="island.geojson", index=0, text="not connected to the main network (3 nodes)")
    assert "2 node(s): RUXXX, RUYYY" in problem.message
    assert len(problems) == 1


def test_problems_in_several_files_reported_together(pair):
    write_fc, _, a, b = pair
    a[0]["properties"]["kind"] = "port"
    b[2]["properties"]["mode"] = "boat"
    problems = _problems(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    _find(problems, source="a.geojson", index=0, field="kind", text="unknown kind")
    _find(problems, source="b.geojson", index=2, field="mode", text="unknown mode")


def test_read_all_names_must_match_sources(pair):
    write_fc, _, a, _ = pair
    with pytest.raises(ValueError, match="1 names given for 2 sources"):
        read_all([write_fc("a.geojson", *a)] * 2, names=["x"])


# -- Network ---------------------------------------------------------------------


def _extra_leg_file(builders) -> bytes:
    """A file adding Murmansk, linked to Pevek (RUPWE) of the mini network."""
    features = [
        builders.node("RUMMK", 33.05, 68.97, name="Murmansk"),
        builders.leg("MINI-NSR-PWE-MMK", "RUPWE", "RUMMK", [[170.27, 69.7], [100.0, 77.0], [33.05, 68.97]]),
    ]
    return json.dumps(builders.collection(*features)).encode()


def test_with_extra_adds_an_upload(mini_network, builders):
    bigger = mini_network.with_extra(_extra_leg_file(builders), names=["murmansk.geojson"])
    assert bigger is not mini_network
    assert len(bigger.legs) == len(mini_network.legs) + 1
    assert bigger.legs.loc["MINI-NSR-PWE-MMK", "file"] == "murmansk.geojson"
    assert bigger.nodes.loc["RUPWE", "files"] == ["mini_east.geojson"]
    assert bigger.graph.has_edge("RUPWE", "RUMMK", "MINI-NSR-PWE-MMK")
    assert bigger.files[-1] == "murmansk.geojson"


def test_failed_with_extra_leaves_the_original_unchanged(mini_network, builders):
    nodes_before, legs_before = mini_network.nodes.copy(), mini_network.legs.copy()
    edges_before = set(mini_network.graph.edges(keys=True))
    broken = _extra_leg_file(builders).replace(b'"RUPWE"', b'"RUNOPE"')
    broken = broken.replace(b'"sea"', b'"hovercraft"')
    problems = _problems(mini_network.with_extra, broken, names=["upload.geojson"])
    _find(problems, source="upload.geojson", index=1, field="mode", text="unknown mode 'hovercraft'")
    _find(problems, source="upload.geojson", index=1, field="from", text="'RUNOPE' is not in any file")
    pd.testing.assert_frame_equal(mini_network.nodes, nodes_before)
    pd.testing.assert_frame_equal(mini_network.legs, legs_before)
    assert set(mini_network.graph.edges(keys=True)) == edges_before


def test_with_extra_shared_node_keeps_lists_of_the_original(mini_network, builders):
    # the upload re-declares RUPWE: the new network lists both files, the original still one
    features = [
        builders.node("RUPWE", 170.27, 69.7, name="Pevek"),
        builders.node("RUMMK", 33.05, 68.97),
        builders.leg("X-1", "RUPWE", "RUMMK", [[170.27, 69.7], [33.05, 68.97]]),
    ]
    bigger = mini_network.with_extra(json.dumps(builders.collection(*features)).encode())
    assert bigger.nodes.loc["RUPWE", "files"] == ["mini_east.geojson", "upload"]
    assert mini_network.nodes.loc["RUPWE", "files"] == ["mini_east.geojson"]


def test_with_extra_duplicate_leg_names_both_files(mini_network, mini_paths):
    problems = _problems(mini_network.with_extra, mini_paths[1])
    problem = _find(problems, source="mini_east.geojson (2)", index=4, field="id", text="duplicate leg id")
    assert "also in mini_east.geojson" in problem.message


def test_get_path():
    assert get_path("instc") == GEODATA_DIR / "instc.geojson"
    assert get_path("connections.geojson").name == "connections.geojson"
    assert Path(ds.__file__).resolve().parents[1] / "data" / "geodata" == GEODATA_DIR
    with pytest.raises(CorridorsError, match="the bundled files are: instc, chennai_vladivostok"):
        get_path("instcc")


def test_bundled_network_is_cached(monkeypatch, tmp_path, mini_paths):
    # stand-in bundled files: the mini network split over the four bundled names
    west, east = (json.loads(p.read_text()) for p in mini_paths)
    empty_but_connected = {"type": "FeatureCollection", "features": [west["features"][0]]}
    contents = [west, east, empty_but_connected, empty_but_connected]
    for name, content in zip(CORRIDOR_FILES, contents, strict=True):
        (tmp_path / f"{name}.geojson").write_text(json.dumps(content))
    monkeypatch.setattr(ds, "GEODATA_DIR", tmp_path)
    ds._bundled_network.cache_clear()
    try:
        first = load_network()
        assert load_network() is first
        assert isinstance(first, Network)
        assert first.nodes.loc["INNSA", "files"] == ["instc.geojson", "northern_sea_route.geojson", "connections.geojson"]
        assert load_network(list(mini_paths)) is not first
    finally:
        ds._bundled_network.cache_clear()


def test_missing_bundled_file_is_a_validation_error(monkeypatch, tmp_path):
    monkeypatch.setattr(ds, "GEODATA_DIR", tmp_path)
    ds._bundled_network.cache_clear()
    try:
        problems = _problems(load_network)
    finally:
        ds._bundled_network.cache_clear()
    assert [p.source for p in problems] == [f"{name}.geojson" for name in CORRIDOR_FILES]
    assert all("no such file" in p.message for p in problems)


@pytest.mark.skipif(
    not all(get_path(name).exists() for name in CORRIDOR_FILES), reason="bundled geodata not there yet"
)
def test_bundled_files_are_valid():
    network = load_network()
    assert len(network.legs) > 0
    assert set(network.legs["file"]) == {f"{name}.geojson" for name in CORRIDOR_FILES}
