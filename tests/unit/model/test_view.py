"""Tests of corridors.model.view: scenario views, their weights and their cache."""

from __future__ import annotations

import dataclasses
import functools
import math

import networkx as nx
import numpy as np
import pytest

from corridors.model.objectives import OBJECTIVES
from corridors.model.scenario import Scenario
from corridors.model.view import scenario_view
from corridors.routing.route import route as route_door_to_door

# quay to quay: these tests check the search and the per-leg figures, not the terminal rows at
# the ends (tests/unit/routing/test_endpoints.py checks those)
route = functools.partial(route_door_to_door, terminals=False)


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


def test_the_view_cache_is_bounded_and_keyed_by_content(toy, toy_params) -> None:
    from corridors.model import view as module  # its private cache, to measure it

    first = scenario_view(toy, Scenario(name="first", month=1), toy_params)
    for n in range(3 * module._VIEW_CACHE_SIZE):
        scenario_view(toy, Scenario(name=f"s-{n}", speed_factor={"sea": 0.5 + n / 1000}), toy_params)
        assert len(module._VIEWS) <= module._VIEW_CACHE_SIZE
    again = Scenario(name="first", month=1)
    assert scenario_view(toy, again, toy_params) is scenario_view(toy, again, toy_params)
    assert scenario_view(toy, again, toy_params).closed.tolist() == first.closed.tolist()


def test_a_view_caches_nothing_on_itself(toy, toy_params) -> None:
    view = scenario_view(toy, "red-sea-closed", toy_params)
    for optimize in OBJECTIVES:
        assert view.weights(optimize) is view.weights(optimize)
        assert view.weights(optimize) == np.where(view.closed, np.inf, view.objective(optimize)).tolist()
    assert set(vars(view)) == {f.name for f in dataclasses.fields(view)}
    assert not view.closed.flags.writeable and not view.time_h.flags.writeable
