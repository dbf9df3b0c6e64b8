"""The checks across files (corridors.network.registry): duplicate ids, node conflicts, leg ends, connectivity."""

from __future__ import annotations

import pytest

from corridors.network.read import read_all
from corridors.network.registry import Registry


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


def test_duplicate_leg_id_across_files(pair, problems_of, find):
    write_fc, _, a, b = pair
    b[2]["properties"]["id"] = "L-AB"
    problems = problems_of(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    problem = find(problems, source="b.geojson", index=2, field="id", text="duplicate leg id 'L-AB'")
    assert "also in a.geojson (feature 2)" in problem.message


def test_node_at_a_different_position_in_two_files(pair, problems_of, find):
    write_fc, _, a, b = pair
    b[0]["geometry"]["coordinates"] = [31.0, 61.001]
    b[2]["geometry"]["coordinates"][0] = [31.0, 61.001]
    problems = problems_of(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    problem = find(problems, source="b.geojson", index=0, field="geometry", text="node 'RUBBB' is at [31, 61.001]")
    assert "a.geojson (feature 1)" in problem.message


def test_node_within_position_tolerance_is_the_same_node(pair):
    write_fc, _, a, b = pair
    b[0]["geometry"]["coordinates"] = [31.0 + 5e-7, 61.0]
    read_all([write_fc("a.geojson", *a), write_fc("b.geojson", *b)])


def test_node_with_a_different_name_in_two_files(pair, problems_of, find):
    write_fc, _, a, b = pair
    b[0]["properties"]["name"] = "Bbb port"
    problems = problems_of(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    find(problems, source="b.geojson", index=0, field="name", text="has name 'Bbb port' here but 'Bbb'")


def test_leg_to_a_missing_node(pair, problems_of, find):
    write_fc, _, a, b = pair
    b[2]["properties"]["to"] = "RUZZZ"
    problems = problems_of(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    find(problems, source="b.geojson", index=2, field="to", text="'to' node 'RUZZZ' is not in any file")


def test_leg_geometry_not_ending_at_its_node(pair, problems_of, find):
    write_fc, _, a, b = pair
    b[2]["geometry"]["coordinates"][-1] = [32.0, 62.5]
    problems = problems_of(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    problem = find(problems, source="b.geojson", index=2, field="geometry", text="ends at [32, 62.5]")
    assert "km from its 'to' node 'RUCCC'" in problem.message
    assert len(problems) == 1


def test_leg_end_within_tolerance_is_accepted(pair):
    write_fc, _, a, b = pair
    b[2]["geometry"]["coordinates"][-1] = [32.0 + 5e-5, 62.0 - 5e-5]
    read_all([write_fc("a.geojson", *a), write_fc("b.geojson", *b)])


def test_leg_geometry_backwards(pair, problems_of, find):
    write_fc, _, a, b = pair
    b[2]["geometry"]["coordinates"].reverse()
    problems = problems_of(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    find(problems, source="b.geojson", index=2, field="geometry", text="runs backwards")


def test_disconnected_piece_is_reported_with_its_node_ids(pair, problems_of, find):
    write_fc, builders, a, b = pair
    island = [
        builders.node("RUXXX", 50.0, 50.0),
        builders.node("RUYYY", 51.0, 50.0),
        builders.leg("L-XY", "RUXXX", "RUYYY", [[50.0, 50.0], [51.0, 50.0]]),
    ]
    files = [write_fc("a.geojson", *a), write_fc("b.geojson", *b), write_fc("island.geojson", *island)]
    problems = problems_of(read_all, files)
    problem = find(problems, source="island.geojson", index=0, text="not connected to the main network (3 nodes)")
    assert "2 node(s): RUXXX, RUYYY" in problem.message
    assert len(problems) == 1


def test_problems_in_several_files_reported_together(pair, problems_of, find):
    write_fc, _, a, b = pair
    a[0]["properties"]["kind"] = "port"
    b[2]["properties"]["mode"] = "boat"
    problems = problems_of(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b)])
    find(problems, source="a.geojson", index=0, field="kind", text="unknown kind")
    find(problems, source="b.geojson", index=2, field="mode", text="unknown mode")


def test_unique_names_get_a_number():
    registry = Registry()
    assert [registry.unique_name("a") for _ in range(3)] == ["a", "a (2)", "a (3)"]


def test_a_base_network_is_not_modified(mini_network):
    nodes, legs = mini_network.nodes, mini_network.legs
    registry = Registry.from_base((nodes, legs))
    registry.nodes["RUVVO"]["files"].append("other.geojson")
    assert nodes.loc["RUVVO", "files"] == ["mini_west.geojson", "mini_east.geojson"]
    assert registry.names == {"mini_west.geojson", "mini_east.geojson"}


def test_a_disconnected_piece_comes_in_the_same_report_as_other_problems(pair, problems_of, find):
    write_fc, builders, a, b = pair
    island = [
        builders.node("RUXXX", 50.0, 50.0, kind="harbour"),
        builders.node("RUYYY", 51.0, 50.0),
        builders.leg("L-XY", "RUXXX", "RUYYY", [[50.0, 50.0], [51.0, 50.0]], published_km=1e308),
    ]
    files = [write_fc("a.geojson", *a), write_fc("b.geojson", *b), write_fc("island.geojson", *island)]
    problems = problems_of(read_all, files)
    find(problems, field="kind", text="unknown kind 'harbour'")
    find(problems, field="published_km", text="a published distance must be 0.5 to 3 times it")
    find(problems, source="island.geojson", text="not connected to the main network (3 nodes)")


def test_a_leg_left_out_for_its_id_still_has_its_ends_checked(pair, problems_of, find):
    write_fc, builders, a, b = pair
    stray = builders.leg("L-AB", "RUBBB", "RUCCC", [[31.0, 61.0], [40.0, 62.0]])  # id used in a.geojson
    problems = problems_of(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b, stray)])
    find(problems, field="id", text="duplicate leg id 'L-AB'")
    find(problems, field="geometry", text="from its 'to' node 'RUCCC'")
    assert not [p for p in problems if "not connected" in p.message]  # the network's shape is unknown


def test_a_node_twin_in_case_across_files_is_reported_under_the_later_file(pair, problems_of, find):
    write_fc, builders, a, b = pair
    twin = [builders.node("ruaaa", 30.0, 60.0, name="Aaa"), builders.leg("L-T", "ruaaa", "RUBBB", [[30.0, 60.0], [31.0, 61.0]])]
    problems = problems_of(read_all, [write_fc("a.geojson", *a), write_fc("b.geojson", *b), write_fc("t.geojson", *twin)])
    find(problems, source="t.geojson", index=0, field="id", text="differs from node 'RUAAA' only in case")
    find(problems, source="t.geojson", index=0, field="name", text="same name 'Aaa' and country as node 'RUAAA'")
