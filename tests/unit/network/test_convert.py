"""graph_from_gdfs / graph_to_gdfs: layout of the base graph and lossless round trip."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from shapely.geometry import Point

from corridors import ValidationError
from corridors.network import schema
from corridors.network.convert import graph_from_gdfs, graph_to_gdfs, legs_to_gdf, nodes_to_gdf


def test_round_trip_preserves_everything(mini_network):
    nodes, legs = graph_to_gdfs(mini_network.graph)
    pd.testing.assert_frame_equal(nodes, mini_network.nodes)
    pd.testing.assert_frame_equal(legs, mini_network.legs)
    assert nodes.crs == legs.crs == "EPSG:4326"


def test_round_trip_through_a_second_graph(mini_network):
    graph = graph_from_gdfs(*graph_to_gdfs(mini_network.graph))
    assert nx.utils.graphs_equal(graph, mini_network.graph)


def test_graph_layout(mini_network):
    graph = mini_network.graph
    assert isinstance(graph, nx.MultiGraph) and not graph.is_directed()
    assert nx.is_frozen(graph)
    assert graph.graph == {"crs": "EPSG:4326", "name": "corridors"}
    assert graph.number_of_nodes() == 8 and graph.number_of_edges() == 7

    node = graph.nodes["SEA-BERING"]
    assert (node["x"], node["y"]) == (-169.0, 65.8)
    assert node["chokepoint"] == "bering"
    assert graph.nodes["INNSA"]["chokepoint"] is None
    assert set(schema.NODE_COLUMNS) <= set(node)

    edge = graph.edges["RUMOW", "IRBND", "MINI-RAIL-BND-MOW"]  # usable both ways
    assert (edge["from"], edge["to"]) == ("IRBND", "RUMOW")
    assert edge["gauge_mm"] == 1520 and type(edge["gauge_mm"]) is int
    assert edge["dual_gauge"] is True
    assert edge["season"] is None and edge["published_nm"] is None
    assert edge["length_km"] == pytest.approx(mini_network.legs.loc["MINI-RAIL-BND-MOW", "length_km"])
    assert edge["geometry"].geom_type == "LineString"
    assert set(schema.LEG_COLUMNS) | {"geometry"} == set(edge)


def test_graph_is_frozen(mini_network):
    with pytest.raises(nx.NetworkXError):
        mini_network.graph.add_edge("INNSA", "RUMOW", key="X")


def test_lengths_are_computed_when_missing(mini_network):
    legs = mini_network.legs.drop(columns=["length_km", "length_nm"])
    graph = graph_from_gdfs(mini_network.nodes, legs)
    edge = graph.edges["RUPKC", "SEA-BERING", "MINI-NSR-PKC-BERING"]
    expected = mini_network.legs.loc["MINI-NSR-PKC-BERING"]
    assert edge["length_km"] == pytest.approx(expected["length_km"])
    assert edge["length_nm"] == pytest.approx(expected["length_nm"])


def test_positions_come_from_geometry_when_x_y_are_missing(mini_network):
    graph = graph_from_gdfs(mini_network.nodes.drop(columns=["x", "y"]), mini_network.legs)
    assert (graph.nodes["RUVVO"]["x"], graph.nodes["RUVVO"]["y"]) == (131.89, 43.11)


def test_extra_columns_survive_the_round_trip(mini_network):
    nodes = mini_network.nodes.copy()
    legs = mini_network.legs.copy()
    nodes["port_calls"] = range(len(nodes))
    legs["comment"] = ["n"] * len(legs)
    back_nodes, back_legs = graph_to_gdfs(graph_from_gdfs(nodes, legs))
    pd.testing.assert_series_equal(back_nodes["port_calls"], nodes["port_calls"])
    pd.testing.assert_series_equal(back_legs["comment"], legs["comment"])
    assert list(back_legs.columns)[-2:] == ["comment", "geometry"]


def test_leg_to_unknown_node_is_rejected(mini_network):
    nodes = mini_network.nodes.drop(index="RUPWE")
    with pytest.raises(ValidationError, match="leg 'MINI-NSR-BERING-PWE' names missing node 'RUPWE'"):
        graph_from_gdfs(nodes, mini_network.legs)


def test_duplicate_ids_are_rejected(mini_network):
    nodes = pd.concat([mini_network.nodes, mini_network.nodes.iloc[:1]])
    with pytest.raises(ValidationError, match="duplicate id 'INNSA'"):
        graph_from_gdfs(nodes, mini_network.legs)


def test_builders_fill_defaults():
    nodes = nodes_to_gdf([{"id": "A", "name": "a", "geometry": Point(1, 2)}])
    assert (nodes.loc["A", "x"], nodes.loc["A", "y"]) == (1.0, 2.0)
    assert nodes.loc["A", "corridors"] == [] and nodes.loc["A", "files"] == []
    legs = legs_to_gdf([])
    assert list(legs.columns) == [*schema.LEG_COLUMNS, "geometry"] and legs.empty


def test_empty_graph_round_trip():
    graph = graph_from_gdfs(nodes_to_gdf([]), legs_to_gdf([]))
    nodes, legs = graph_to_gdfs(graph)
    assert nodes.empty and legs.empty
    assert list(nodes.columns) == [*schema.NODE_COLUMNS, "geometry"]
