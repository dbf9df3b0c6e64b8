"""The Network bundle and the loader (corridors.network.loader): uploads, node lookup, the shared cached network."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from pathlib import Path

import pandas as pd
import pytest

import corridors.network.loader as ds
from corridors import CorridorsError, UnknownNodeError
from corridors.network.loader import CORRIDOR_FILES, GEODATA_DIR, Network, get_path, load_network


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


def test_failed_with_extra_leaves_the_original_unchanged(mini_network, builders, problems_of, find):
    nodes_before, legs_before = mini_network.nodes.copy(), mini_network.legs.copy()
    edges_before = set(mini_network.graph.edges(keys=True))
    broken = _extra_leg_file(builders).replace(b'"RUPWE"', b'"RUNOPE"')
    broken = broken.replace(b'"sea"', b'"hovercraft"')
    problems = problems_of(mini_network.with_extra, broken, names=["upload.geojson"])
    find(problems, source="upload.geojson", index=1, field="mode", text="unknown mode 'hovercraft'")
    find(problems, source="upload.geojson", index=1, field="from", text="'RUNOPE' is not in any file")
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


def test_with_extra_duplicate_leg_names_both_files(mini_network, mini_paths, problems_of, find):
    problems = problems_of(mini_network.with_extra, mini_paths[1])
    problem = find(problems, source="mini_east.geojson (2)", index=4, field="id", text="duplicate leg id")
    assert "also in mini_east.geojson" in problem.message


# -- a shared network is read-only ----------------------------------------------------------------


def test_changing_the_frames_a_caller_got_does_not_reach_the_next_caller(mini_paths):
    first = load_network(list(mini_paths))
    nodes, legs = first.nodes, first.legs
    nodes_before, legs_before = nodes.copy(), legs.copy()
    nodes.loc["RUVVO", "name"] = "changed"
    nodes.loc["RUVVO", "geometry"] = None
    nodes["extra"] = 1
    del nodes["kind"]
    legs.loc[:, "length_km"] = -1.0
    legs.iloc[0, legs.columns.get_loc("mode")] = "air"
    legs.columns = [f"c{i}" for i in range(len(legs.columns) - 1)] + ["geometry"]
    legs.index = legs.index[::-1]
    pd.testing.assert_frame_equal(first.nodes, nodes_before)
    pd.testing.assert_frame_equal(first.legs, legs_before)


def test_the_cached_network_hands_each_caller_unchanged_frames(monkeypatch, tmp_path, mini_paths):
    # the app shares load_network()'s network between users: one user's change must not reach another
    west, east = (json.loads(p.read_text()) for p in mini_paths)
    empty_but_connected = {"type": "FeatureCollection", "features": [west["features"][0]]}
    contents = [west, east] + [empty_but_connected] * (len(CORRIDOR_FILES) - 2)
    for name, content in zip(CORRIDOR_FILES, contents, strict=True):
        (tmp_path / f"{name}.geojson").write_text(json.dumps(content))
    monkeypatch.setattr(ds, "GEODATA_DIR", tmp_path)
    ds._bundled_network.cache_clear()
    try:
        mine = load_network().legs
        lengths = mine["length_km"].tolist()
        mine["length_km"] *= 2
        mine.loc[mine.index[0], "status"] = "planned"
        theirs = load_network().legs
    finally:
        ds._bundled_network.cache_clear()
    assert theirs is not mine
    assert theirs["length_km"].tolist() == lengths
    assert theirs.iloc[0]["status"] != "planned"


def test_changing_the_frames_given_to_a_network_does_not_reach_it(mini_network):
    nodes, legs = mini_network.nodes, mini_network.legs
    network = Network.from_gdfs(nodes, legs)
    nodes.loc["RUVVO", "name"] = "changed"
    assert network.nodes.loc["RUVVO", "name"] == "Vladivostok"


def test_a_network_cannot_be_reassigned(mini_network):
    with pytest.raises(FrozenInstanceError):
        mini_network.nodes = mini_network.nodes  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        mini_network.graph = None  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del mini_network.legs
    assert repr(mini_network) == "Network(8 nodes, 7 legs)"


# -- node lookup -----------------------------------------------------------------


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


def test_substring_suggestions_come_first(mini_network):
    assert mini_network.node_id("Petropavlovsk") == "RUPKC"  # whole words of one node's name
    with pytest.raises(UnknownNodeError) as info:
        mini_network.node_id("Petr")  # part of a word: only suggested
    assert info.value.suggestions[0] == "RUPKC"


# -- the bundled files -----------------------------------------------------------


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
    contents = [west, east] + [empty_but_connected] * (len(CORRIDOR_FILES) - 2)
    for name, content in zip(CORRIDOR_FILES, contents, strict=True):
        (tmp_path / f"{name}.geojson").write_text(json.dumps(content))
    monkeypatch.setattr(ds, "GEODATA_DIR", tmp_path)
    ds._bundled_network.cache_clear()
    try:
        first = load_network()
        assert load_network() is first
        assert isinstance(first, Network)
        assert first.nodes.loc["INNSA", "files"] == ["instc.geojson"] + [f"{n}.geojson" for n in CORRIDOR_FILES[2:]]
        assert load_network(list(mini_paths)) is not first
    finally:
        ds._bundled_network.cache_clear()


def test_missing_bundled_file_is_a_validation_error(monkeypatch, tmp_path, problems_of):
    monkeypatch.setattr(ds, "GEODATA_DIR", tmp_path)
    ds._bundled_network.cache_clear()
    try:
        problems = problems_of(load_network)
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
