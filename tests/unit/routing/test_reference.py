"""Reference routes on the bundled network: each named alternative with its figures, or why it is missing."""

from __future__ import annotations

import time

import pytest

from corridors.network.loader import load_network
from corridors.routing.reference import FAMILIES, reference_routes
from corridors.routing.route import route


@pytest.fixture(scope="module")
def net():
    return load_network()


def _by_name(refs):
    return {r.name: r for r in refs}


def test_one_entry_per_family_in_order(net):
    refs = reference_routes(net, "INNSA", "RULED")
    assert [r.name for r in refs] == [f.name for f in FAMILIES]
    assert len({f.name for f in FAMILIES}) == len(FAMILIES)
    for ref in refs:
        assert ref.status in {"best", "open", "closed", "out of season", "no route"}
        assert (ref.route is not None) == (ref.status in {"best", "open"}), ref
        assert ref.reason, ref
        if ref.route is not None:  # the route uses what its family requires
            family = next(f for f in FAMILIES if f.name == ref.name)
            assert set(family.requires) <= set(ref.route.branches), (ref.name, ref.route.branches)


def test_chennai_vladivostok_lists_suez_trans_siberian_with_figures(net):
    """The issue's first example: the K best (here K = 3) leave Suez + Trans-Siberian out; the references do not."""
    k3 = [r.label for r in route(net, "INMAA", "RUVVO", alternatives=3).routes]
    assert "Suez + Trans-Siberian" not in k3
    refs = _by_name(reference_routes(net, "INMAA", "RUVVO"))
    suez_ts = refs["Suez + Trans-Siberian"]
    assert suez_ts.status == "open"
    assert suez_ts.route.label == "Suez + Trans-Siberian"
    assert "SEA-SUEZ" in suez_ts.route.node_ids and "RUIKT" in suez_ts.route.node_ids
    t = suez_ts.route.totals
    assert 50 < t.p50_days < 70 and t.p10_days < t.p50_days < t.p90_days
    assert t.cost_usd > 0 and t.co2e_kg > 0
    # slower than the best (EMC) by the difference of their P50s, and it says so
    best = refs["EMC"]
    assert best.status == "best" and best.route.label == "EMC"
    assert suez_ts.delta_days == pytest.approx(t.p50_days - best.route.totals.p50_days)
    assert suez_ts.delta_days > 20
    assert f"+{suez_ts.delta_days:.1f} d" in suez_ts.reason and "vs the best (EMC)" in suez_ts.reason
    # the Black Sea route and the Cape with their figures too; NSR does not apply to this pair
    assert refs["Black Sea (Suez + Turkish straits)"].route.label == "Suez + Black Sea + Trans-Siberian"
    assert refs["Cape"].route.label == "Cape + Trans-Siberian"
    assert refs["NSR"].status == "no route" and "does not apply" in refs["NSR"].reason


def test_nhava_sheva_st_petersburg_red_sea_closed(net):
    """The issue's second example: Suez shown as closed with the reason, the Cape with its figures."""
    base = _by_name(reference_routes(net, "INNSA", "RULED"))
    closed = _by_name(reference_routes(net, "INNSA", "RULED", scenario="red-sea-closed"))
    assert base["Suez"].status == "open" and base["Suez"].route.label == "Suez"
    suez = closed["Suez"]
    assert suez.status == "closed" and suez.route is None
    assert suez.reason == "Suez and Bab-el-Mandeb closed"
    assert closed["Black Sea (Suez + Turkish straits)"].status == "closed"
    cape = closed["Cape"]
    assert cape.status == "open" and cape.route.label == "Cape"
    assert 40 < cape.route.totals.p50_days < 55
    assert cape.delta_days > 15
    # the INSTC branches are unchanged by the closure
    assert closed["INSTC western"].status == "best"
    assert closed["INSTC western"].route.totals.p50_days == pytest.approx(base["INSTC western"].route.totals.p50_days)


def test_nsr_out_of_season_then_open_in_summer(net):
    year_round = _by_name(reference_routes(net, "NLRTM", "CNSHA"))
    assert year_round["NSR"].status == "out of season"
    assert "non-ice-class ships: closed" in year_round["NSR"].reason
    summer = _by_name(reference_routes(net, "NLRTM", "CNSHA", scenario="nsr-summer"))
    assert summer["NSR"].status == "open" and "NSR" in summer["NSR"].route.label
    # no INSTC between Rotterdam and Shanghai
    assert summer["INSTC western"].status == "no route"
    assert summer["INSTC western"].reason == "no such route between these places in the network"


def test_other_objective_and_quay_to_quay(net):
    by_cost = _by_name(reference_routes(net, "INNSA", "RULED", optimize="cost"))
    best = [r for r in by_cost.values() if r.status == "best"]
    assert len(best) == 1 and best[0].route.optimize == "cost"
    assert all(r.delta_cost_usd >= -1e-6 for r in by_cost.values() if r.route is not None)
    quay = _by_name(reference_routes(net, "INNSA", "RULED", terminals=False))
    door = _by_name(reference_routes(net, "INNSA", "RULED"))
    assert quay["Suez"].route.totals.p50_days < door["Suez"].route.totals.p50_days


def test_fast_enough(net):
    """One view and ten bounded searches: about 30 ms of search; the rest is each route's Monte Carlo
    (about 75 ms a route, 0.5 s in all on an idle machine). The bound leaves room for a loaded test machine."""
    reference_routes(net, "INNSA", "RUMOW")  # warm the expanded graph
    start = time.perf_counter()
    reference_routes(net, "INMAA", "RUVVO", scenario="red-sea-closed")
    assert time.perf_counter() - start < 6.0
