"""Invariants of the engine on the real network and on random networks.

- a route is never shorter than the great-circle distance between its ends;
- closing something never makes the best route faster;
- a scenario or an upload never changes the base graph or another query's result;
- results are the same for the same seed.

Random networks are small, valid GeoJSON networks drawn by hypothesis: nodes
scattered over Eurasia, legs drawn straight between them with random modes.
"""

from __future__ import annotations

import hashlib
import json
import os

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridors.model.scenario import Scenario
from corridors.network.geodesy import great_circle_km
from corridors.network.loader import load_network
from corridors.routing.route import route

EXAMPLES = int(os.environ.get("CORRIDORS_FUZZ_EXAMPLES", "40"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CHOKEPOINTS = ["suez", "bab-el-mandeb", "hormuz", "malacca", "cape-of-good-hope", "bering", "kara-gates", "gibraltar"]


@pytest.fixture(scope="module")
def net():
    return load_network()


def _graph_digest(graph: nx.MultiGraph) -> str:
    h = hashlib.sha256()
    for n, data in sorted(graph.nodes(data=True)):
        h.update(repr((n, sorted((k, repr(v)) for k, v in data.items()))).encode())
    for u, v, k, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        h.update(repr((u, v, k, sorted((a, repr(b)) for a, b in data.items()))).encode())
    return h.hexdigest()


def _places(net):
    kinds = {"seaport", "river_port", "city", "rail_terminal"}
    return sorted(net.nodes.index[net.nodes["kind"].isin(kinds)])


def _best_hours(rs):
    """The minimised expected hours (the time objective): closures can only raise it."""
    assert rs.feasible is False or rs.best.optimize == "time"
    return rs.best.objective if rs.feasible else float("inf")


@st.composite
def _pair_and_closures(draw, places):
    a = draw(st.sampled_from(places))
    b = draw(st.sampled_from([p for p in places if p != a]))
    closed = draw(st.lists(st.sampled_from(CHOKEPOINTS), max_size=3, unique=True))
    return a, b, closed


def test_real_network_invariants(net):
    places = _places(net)
    before = _graph_digest(net.graph)

    @SETTINGS
    @given(_pair_and_closures(places))
    def check(case):
        a, b, closed = case
        base = route(net, a, b)
        if not base.feasible:  # e.g. Arctic ports off-season: an answer, with its reason
            assert base.infeasible_reason
            return
        gc = great_circle_km(*net.nodes.loc[a, ["x", "y"]], *net.nodes.loc[b, ["x", "y"]])
        assert base.best.totals.distance_km >= gc * 0.999
        scenario = Scenario(name="closures", closed_chokepoints=tuple(closed))
        closed_rs = route(net, a, b, scenario=scenario)
        assert _best_hours(closed_rs) >= _best_hours(base) - 1e-6
        if not closed_rs.feasible:
            assert closed_rs.infeasible_reason
        # the same query again gives the same answer: nothing leaked
        again = route(net, a, b)
        assert again.best.label == base.best.label
        assert again.best.totals == base.best.totals

    check()
    assert _graph_digest(net.graph) == before


def test_same_seed_same_percentiles(net):
    rs = route(net, "INNSA", "RUMOW", alternatives=2)
    first = [r.totals for r in rs.routes]
    second = [r.totals for r in route(net, "INNSA", "RUMOW", alternatives=2).routes]
    assert first == second
    samples_a = rs.best.transit_samples(samples=2000, seed=7)
    samples_b = rs.best.transit_samples(samples=2000, seed=7)
    assert (samples_a == samples_b).all()


def test_upload_does_not_change_base_network(net, tmp_path):
    before = _graph_digest(net.graph)
    base_best = route(net, "INNSA", "RUMOW").best
    base_route = base_best.totals
    rasht = net.nodes.loc["IR-RASHT"]
    astara = net.nodes.loc["IR-ASTARA"]
    shortcut = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"id": "IR-RASHT", **{k: rasht[k] for k in ("name", "country", "kind", "source")}},
             "geometry": {"type": "Point", "coordinates": [rasht.x, rasht.y]}},
            {"type": "Feature", "properties": {"id": "IR-ASTARA", **{k: astara[k] for k in ("name", "country", "kind", "source")}},
             "geometry": {"type": "Point", "coordinates": [astara.x, astara.y]}},
            {"type": "Feature",
             "properties": {"id": "USER-RASHT-ASTARA", "from": "IR-RASHT", "to": "IR-ASTARA", "mode": "rail",
                            "corridor": "instc", "branch": "western", "status": "operational", "gauge_mm": 1435,
                            "chokepoints": [], "source": "user upload (test)"},
             "geometry": {"type": "LineString", "coordinates": [[rasht.x, rasht.y], [astara.x, astara.y]]}},
        ],
    }
    extended = net.with_extra(json.dumps(shortcut).encode())
    assert "USER-RASHT-ASTARA" in extended.legs.index
    faster = route(extended, "INNSA", "RUMOW").best
    assert faster.objective <= base_best.objective  # an extra leg can only shorten the expected time
    # the base network and its answers are untouched
    assert "USER-RASHT-ASTARA" not in net.legs.index
    assert _graph_digest(net.graph) == before
    assert route(net, "INNSA", "RUMOW").best.totals == base_route


# ------------------------------------------------------------ random networks --
_MODES = ["sea", "rail", "road", "ferry"]


@st.composite
def random_network(draw):
    n = draw(st.integers(min_value=3, max_value=9))
    nodes = []
    for i in range(n):
        # distinct places: one 10-degree band of longitude each
        lon = 20 + 10 * i + draw(st.floats(min_value=0, max_value=8, allow_nan=False))
        lat = draw(st.floats(min_value=5, max_value=65, allow_nan=False))
        nodes.append((f"N{i}", round(lon, 3), round(lat, 3)))
    # a spanning chain keeps it connected, plus random extra legs
    pairs = [(i, i + 1) for i in range(n - 1)]
    extra = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=2 * n))
    pairs += [(a, b) for a, b in extra if a != b]
    feats = [
        {"type": "Feature",
         "properties": {"id": nid, "name": f"Place {nid}", "country": "XX", "kind": "seaport", "source": "test"},
         "geometry": {"type": "Point", "coordinates": [lon, lat]}}
        for nid, lon, lat in nodes
    ]
    for k, (a, b) in enumerate(pairs):
        mode = draw(st.sampled_from(_MODES))
        props = {"id": f"L{k}", "from": nodes[a][0], "to": nodes[b][0], "mode": mode, "corridor": "feeder",
                 "status": "operational", "chokepoints": draw(st.lists(st.sampled_from(CHOKEPOINTS[:3]), max_size=1)),
                 "source": "test"}
        if mode == "rail":
            props["gauge_mm"] = draw(st.sampled_from([1435, 1520]))
        feats.append({"type": "Feature", "properties": props,
                      "geometry": {"type": "LineString", "coordinates": [list(nodes[a][1:]), list(nodes[b][1:])]}})
    return {"type": "FeatureCollection", "features": feats}, [nid for nid, *_ in nodes]


@SETTINGS
@given(random_network(), st.data())
def test_random_network_invariants(tmp_path_factory, case, data):
    doc, ids = case
    path = tmp_path_factory.mktemp("net") / "random.geojson"
    path.write_text(json.dumps(doc))
    net = load_network([path])
    before = _graph_digest(net.graph)
    a = data.draw(st.sampled_from(ids))
    b = data.draw(st.sampled_from([i for i in ids if i != a]))
    base = route(net, a, b)
    assert base.feasible  # the chain keeps every pair connected
    gc = great_circle_km(*net.nodes.loc[a, ["x", "y"]], *net.nodes.loc[b, ["x", "y"]])
    assert base.best.totals.distance_km >= gc * 0.999
    closed = data.draw(st.lists(st.sampled_from(CHOKEPOINTS[:3]), max_size=2, unique=True))
    closed_rs = route(net, a, b, scenario=Scenario(name="closures", closed_chokepoints=tuple(closed)))
    assert _best_hours(closed_rs) >= _best_hours(base) - 1e-6
    if not closed_rs.feasible:
        assert closed_rs.infeasible_reason
    assert _graph_digest(net.graph) == before
