"""Tests of corridors.model.expanded: the transfer-expanded graph and scenario views."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from corridors.model.expanded import (
    ExpandedNode,
    expanded_graph,
    layer_mode,
    leg_layers,
    scenario_view,
    transfer_kind,
)
from corridors.model.scenario import Scenario
from corridors.routing.route import route


def _edge_kinds_between(exp, a, b):
    ia, ib = exp.nodes.index(a), exp.nodes.index(b)
    return [exp.edges[e] for v, e in exp.adj[ia] if v == ib]


def test_layers_and_transfer_kinds() -> None:
    assert leg_layers("rail", 1435) == ("rail1435",)
    assert leg_layers("rail", 1520, dual_gauge=True) == ("rail1435", "rail1520")
    assert leg_layers("sea") == ("sea",)
    assert leg_layers("sea", sea_service="both") == ("sea", "feeder")
    assert leg_layers("sea", sea_service="feeder") == ("feeder",)
    assert layer_mode("rail1520") == "rail"
    assert layer_mode("feeder") == "sea"
    assert transfer_kind("sea", "feeder") == "transshipment"
    assert transfer_kind("feeder", "rail1520") == "port"
    assert transfer_kind("sea", "rail1435") == "port"
    assert transfer_kind("road", "ferry") == "ferry_port"
    assert transfer_kind("rail1435", "rail1520") == "gauge"
    assert transfer_kind("rail1520", "road") == "intermodal"
    assert transfer_kind("sea", "sea") is None


def test_port_has_mode_copies_joined_by_a_transfer(toy) -> None:
    exp = expanded_graph(toy)
    copies = {exp.nodes[i] for i in exp.copies["IRBND"]}
    # The toy has NSR legs, which the defaults make feeder-only ([sea_service]
    # feeder_corridors = ["nsr"]), so sea legs usable by either kind of ship
    # (the INSTC sea legs here) are also in the "feeder" layer.
    assert copies == {
        ExpandedNode("IRBND", "sea"),
        ExpandedNode("IRBND", "feeder"),
        ExpandedNode("IRBND", "rail1435"),
        ExpandedNode("IRBND", "road"),
    }
    (edge,) = _edge_kinds_between(exp, ExpandedNode("IRBND", "sea"), ExpandedNode("IRBND", "rail1435"))
    assert edge.kind == "transfer" and edge.charges == ("port",)
    (hub,) = _edge_kinds_between(exp, ExpandedNode("IRBND", "sea"), ExpandedNode("IRBND", "feeder"))
    assert hub.kind == "transfer" and hub.charges == ("transshipment",)  # a seaport can be a hub


def test_border_node_has_a_copy_per_leg_and_pass_edges(toy) -> None:
    exp = expanded_graph(toy)
    road_in = ExpandedNode("AZ-ASTARA", "road", "INSTC-W-RASHT-ASTARA-ROAD")
    rail_in = ExpandedNode("AZ-ASTARA", "rail1435", "INSTC-W-RASHT-ASTARA-RAIL")
    rail_out = ExpandedNode("AZ-ASTARA", "rail1520", "INSTC-W-ASTARA-BAKU-RAIL")
    assert {road_in, rail_in, rail_out} == {exp.nodes[i] for i in exp.copies["AZ-ASTARA"]}
    (through_gauge,) = _edge_kinds_between(exp, rail_in, rail_out)
    assert through_gauge.kind == "pass" and through_gauge.charges == ("gauge", "border_rail")
    (through_road,) = _edge_kinds_between(exp, road_in, rail_out)
    assert through_road.charges == ("intermodal", "border_road")
    samur = [exp.nodes[i] for i in exp.copies["AZ-SAMUR"]]
    assert len(samur) == 2 and all(n.leg_id for n in samur)


def test_strait_nodes_charge_their_canal_once(toy) -> None:
    exp = expanded_graph(toy)
    passes = [e for e in exp.edges if e.kind == "pass" and e.node_id == "SEA-SUEZ"]
    assert passes and all(e.charges == ("chokepoint:suez",) for e in passes)
    # a leg ending at the strait node does not charge the canal again
    leg_edges = [exp.edges[e] for e in exp.leg_edges["SUEZ-BAB-SUEZ"]]
    assert all(not e.charges for e in leg_edges)


def test_expanded_graph_is_built_once_per_network(toy) -> None:
    assert expanded_graph(toy) is expanded_graph(toy)
    assert expanded_graph(toy.graph) is expanded_graph(toy)
    assert nx.is_frozen(expanded_graph(toy).graph)


def test_views_are_cached_by_content(toy, toy_params) -> None:
    a = scenario_view(toy, Scenario(name="x", month=3), toy_params)
    b = scenario_view(toy, Scenario(name="x", month=3), toy_params)
    assert a is b
    assert scenario_view(toy, Scenario(name="x", month=4), toy_params) is not a
    assert not a.km.flags.writeable


def test_weight_function_hides_closed_edges(toy, toy_params) -> None:
    view = scenario_view(toy, "red-sea-closed", toy_params)
    exp = view.expanded
    weight = view.weight_function("time")
    (eid,) = exp.leg_edges["SUEZ-BAB-SUEZ"]
    edge = exp.edges[eid]
    u, v = exp.nodes[edge.u], exp.nodes[edge.v]
    assert weight(u, v, exp.graph[u][v]) is None
    assert view.weights("time")[eid] == math.inf
    assert {c.text for c in view.causes} >= {"Suez closed", "Bab-el-Mandeb closed"}


def _snapshot(graph: nx.MultiGraph):
    nodes = sorted((n, sorted((k, repr(v)) for k, v in d.items())) for n, d in graph.nodes(data=True))
    edges = sorted(
        (u, v, k, sorted((a, b.wkb_hex if a == "geometry" else repr(b)) for a, b in d.items()))
        for u, v, k, d in graph.edges(keys=True, data=True)
    )
    return nodes, edges, dict(graph.graph)


def test_scenarios_never_change_the_network(toy, toy_params) -> None:
    before = _snapshot(toy.graph)
    baseline = route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=3)
    for name in (
        "red-sea-closed",
        "hormuz-closed",
        "rasht-astara-built",
        "nsr-winter-no-ice-class",
        "slow-steaming",
    ):
        route(toy, "INNSA", "RUMOW", scenario=name, params=toy_params, alternatives=2)
    route(
        toy,
        "RULED",
        "RUVVO",
        scenario=Scenario(name="shut", closed_nodes=["RUMOW"], closed_legs=["NSR-RULED-KARA"]),
        params=toy_params,
    )
    assert _snapshot(toy.graph) == before
    assert nx.is_frozen(toy.graph)
    again = route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=3)
    assert again == baseline
    assert [r.totals for r in again.routes] == [r.totals for r in baseline.routes]


@pytest.mark.parametrize("optimize", ["time", "distance", "cost", "co2"])
@pytest.mark.parametrize(
    ("origin", "destination", "scenario"),
    [
        ("INNSA", "RUMOW", None),
        ("INNSA", "RUMOW", "rasht-astara-built"),
        ("INNSA", "RULED", "red-sea-closed"),
        ("RULED", "RUVVO", "nsr-summer"),
        ("RUASF", "IRBND", "nsr-winter-arc7"),
        ("AZBAK", "SGSIN", "hormuz-closed"),
    ],
)
def test_routes_agree_with_networkx(toy, toy_params, origin, destination, scenario, optimize) -> None:
    view = scenario_view(toy, scenario, toy_params)
    exp = view.expanded
    sources = [exp.nodes[i] for i in exp.copies[origin]]
    dist = nx.multi_source_dijkstra_path_length(exp.graph, sources, weight=view.weight_function(optimize))
    expected = min(dist.get(exp.nodes[i], math.inf) for i in exp.copies[destination])
    found = route(toy, origin, destination, scenario=scenario, params=toy_params, optimize=optimize)
    assert found.best.objective == pytest.approx(expected, rel=1e-12)
