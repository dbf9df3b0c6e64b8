"""Tests of corridors.routing.search: Dijkstra, blocked edges and staged searches."""

from __future__ import annotations

import math

from corridors.model.view import scenario_view
from corridors.routing.search import INF, dijkstra, masked, search

# 0 -e0-> 1 -e1-> 3 ; 0 -e2-> 2 -e3-> 3 ; 3 -e4-> 4
ADJ = [[(1, 0), (2, 2)], [(3, 1)], [(3, 3)], [(4, 4)], []]
WEIGHTS = [1.0, 1.0, 0.5, 2.0, 1.0]


def test_dijkstra_settles_the_cheapest_distances() -> None:
    dist, pred = dijkstra(ADJ, WEIGHTS, {0: 0.0}, None)
    assert dist == {0: 0.0, 1: 1.0, 2: 0.5, 3: 2.0, 4: 3.0}
    assert pred[3] == (1, 1) and pred[4] == (3, 4)


def test_dijkstra_stops_at_a_target_and_avoids_banned_nodes() -> None:
    dist, _ = dijkstra(ADJ, WEIGHTS, {0: 0.0}, frozenset({2}))
    assert 2 in dist and 4 not in dist
    dist, pred = dijkstra(ADJ, WEIGHTS, {0: 0.0}, None, banned={1})
    assert 1 not in dist and dist[3] == 2.5 and pred[3] == (2, 3)


def test_masked_blocks_edges_without_touching_the_weights() -> None:
    assert masked(WEIGHTS, []) is WEIGHTS
    blocked = masked(WEIGHTS, [1])
    assert blocked[1] == INF and WEIGHTS[1] == 1.0
    dist, _ = dijkstra(ADJ, blocked, {0: 0.0}, None)
    assert dist[3] == 2.5


def test_search_through_stages_on_the_toy_network(toy, toy_params) -> None:
    view = scenario_view(toy, None, toy_params)
    exp = view.expanded
    weights = view.weights("time")
    direct = search(exp, weights, exp.copies["INNSA"], [exp.copies["RUMOW"]])
    assert direct is not None
    cost, nodes, eids = direct
    assert len(nodes) == len(eids) + 1
    assert math.isclose(cost, sum(weights[e] for e in eids))
    assert exp.nodes[nodes[0]].node_id == "INNSA" and exp.nodes[nodes[-1]].node_id == "RUMOW"
    via = search(exp, weights, exp.copies["INNSA"], [exp.copies["RULED"], exp.copies["RUMOW"]])
    assert via is not None and via[0] >= cost
    assert "RULED" in {exp.nodes[n].node_id for n in via[1]}
    shut = masked(weights, range(len(weights)))
    assert search(exp, shut, exp.copies["INNSA"], [exp.copies["RUMOW"]]) is None
