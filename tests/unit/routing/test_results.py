"""Tests of corridors.routing.results: a route's figures, totals and Monte Carlo percentiles."""

from __future__ import annotations

from engine.conftest import approx

from corridors.routing.results import HOURS_PER_DAY, RouteSet
from corridors.routing.route import route


def test_monte_carlo_is_reproducible(toy, toy_params) -> None:
    a = route(toy, "INNSA", "RUMOW", params=toy_params).best
    b = route(toy, "INNSA", "RUMOW", params=toy_params).best
    assert a.totals.p50_days == b.totals.p50_days and a.totals.p90_days == b.totals.p90_days
    low = a.moving_h + sum(d.low_h for d in a.dwell_items)
    high = a.moving_h + sum(d.high_h for d in a.dwell_items)
    assert low / 24 <= a.totals.p50_days <= a.totals.p90_days <= high / 24
    assert len(a.transit_samples(samples=100)) == 100


def test_totals_add_up_the_legs(toy, toy_params) -> None:
    best = route(toy, "INNSA", "RUMOW", params=toy_params).best
    totals = best.totals
    assert totals is best.totals  # computed once
    assert totals.distance_km == approx(sum(leg.distance_km for leg in best.legs))
    assert totals.transit_h == approx(best.moving_h + best.dwell_h)
    assert totals.transit_days == approx(totals.transit_h / HOURS_PER_DAY)
    assert totals.cost_usd == approx(sum(leg.leg_cost_usd + leg.handling_cost_usd for leg in best.legs))
    assert best.dwell_items == tuple(item for leg in best.legs for item in leg.dwell)
    for leg in best.legs:
        assert leg.dwell_h == approx(sum(d.likely_h for d in leg.dwell))


def test_route_set_is_a_sequence_of_routes(toy, toy_params) -> None:
    found = route(toy, "INNSA", "RUMOW", params=toy_params, alternatives=2)
    assert found.feasible and len(found) == 2 and list(found) == list(found.routes)
    assert found.best is found.routes[0]
    empty = RouteSet("A", "B", "a", "b", "baseline", "time", (), (), "no route")
    assert not empty.feasible and empty.best is None and len(empty) == 0 and empty.notes == ()
