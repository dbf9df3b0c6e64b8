"""Tests of corridors.model.expanded: the transfer-expanded graph and its cache."""

from __future__ import annotations

import dataclasses
import random

import networkx as nx
import pytest

from corridors._errors import ValidationError
from corridors.model.expanded import ExpandedNode, expanded_graph
from corridors.model.scenario import Scenario
from corridors.model.view import scenario_view


def _edge_kinds_between(exp, a, b):
    ia, ib = exp.nodes.index(a), exp.nodes.index(b)
    return [exp.edges[e] for v, e in exp.adj[ia] if v == ib]


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


def _sea_service(params, **changes):
    return params.with_overrides({f"sea_service.{k}": v for k, v in changes.items()})


def test_the_cache_keeps_only_the_structures_built_and_a_few_of_them(toy, toy_params) -> None:
    """Regression: every [sea_service] asked for was a new cache entry, kept for the life of the server.

    200 scenarios, each naming a different random list of feeder legs that the
    network does not have (so each is refused), built the same graph and
    must add nothing to the cache.
    """
    from corridors.model import expanded as module

    rng = random.Random(8)
    usual = expanded_graph(toy, params=toy_params)
    for n in range(200):
        legs = [f"NOT-IN-THE-GRAPH-{n}-{rng.randrange(10**9)}" for _ in range(rng.randrange(1, 12))]
        scenario = Scenario(name=f"feeder-{n}", sea_service={"feeder_legs": [*toy_params.sea_service.feeder_legs, *legs]})
        with pytest.raises(ValidationError, match="unknown leg id"):
            scenario_view(toy, scenario, toy_params)
        assert expanded_graph(toy, params=scenario.apply(toy_params)) is usual  # the same structure, the same object
    built = module._EXPANDED[toy.graph]
    assert list(built.by_structure) == [usual.sea_service]
    assert not any("NOT-IN-THE-GRAPH" in repr(key) for key in built.by_structure)


def test_the_cache_is_bounded_per_graph(toy, toy_params) -> None:
    from corridors.model import expanded as module

    sea_legs = [k for _, _, k, d in toy.graph.edges(keys=True, data=True) if d["mode"] == "sea"]
    graphs = []
    for leg in sea_legs:  # one feeder-only leg each: a different structure each
        params = _sea_service(toy_params, feeder_legs=[leg], feeder_corridors=[])
        graphs.append(expanded_graph(toy, params=params))
        assert graphs[-1].sea_service == (("cape", "suez"), (leg,))
        assert expanded_graph(toy, params=params) is graphs[-1]  # equivalent structure: the same object
    assert len({id(g) for g in graphs}) == len(sea_legs) > module._PER_GRAPH
    assert len(module._EXPANDED[toy.graph].by_structure) <= module._PER_GRAPH


def test_an_expanded_graph_caches_nothing_on_itself(toy, toy_params) -> None:
    exp = expanded_graph(toy, params=toy_params)
    scenario_view(toy, "red-sea-closed", toy_params).weights("time")
    assert set(vars(exp)) == {f.name for f in dataclasses.fields(exp)}
