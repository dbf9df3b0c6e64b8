"""Tests of corridors.routing.matrix: the transit matrix agrees with single routes."""

from __future__ import annotations

import pytest
from engine.conftest import approx

from corridors.routing.matrix import transit_matrix
from corridors.routing.route import route


def test_transit_matrix_matches_routes(toy, toy_params) -> None:
    matrix = transit_matrix(toy, params=toy_params)
    assert matrix.attrs["unit"] == "days"
    assert {"INNSA", "RUMOW", "RULED", "IRBND", "SGSIN"} <= set(matrix.index)
    # the shortest expected (PERT-mean) time quay to quay, in days: the route's time objective
    best = route(toy, "INNSA", "RUMOW", params=toy_params, terminals=False).best
    assert best.objective == approx(211.8)
    assert matrix.loc["INNSA", "RUMOW"] == approx(211.8 / 24)
    assert matrix.loc["RUMOW", "INNSA"] == approx(211.8 / 24)
    # close to the route's P50 headline (the mean of the skewed dwells sits a little above the median)
    assert matrix.loc["INNSA", "RUMOW"] == pytest.approx(best.totals.p50_days, rel=0.01)
    assert matrix.loc["INNSA", "INNSA"] == 0
    km = transit_matrix(toy, params=toy_params, nodes=["INNSA", "RULED"], optimize="distance")
    assert km.loc["INNSA", "RULED"] == pytest.approx(
        route(toy, "INNSA", "RULED", params=toy_params, optimize="distance").best.objective
    )
