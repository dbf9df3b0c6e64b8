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
    assert matrix.loc["INNSA", "RUMOW"] == approx(205.8 / 24)
    assert matrix.loc["RUMOW", "INNSA"] == approx(205.8 / 24)
    assert matrix.loc["INNSA", "INNSA"] == 0
    km = transit_matrix(toy, params=toy_params, nodes=["INNSA", "RULED"], optimize="distance")
    assert km.loc["INNSA", "RULED"] == pytest.approx(
        route(toy, "INNSA", "RULED", params=toy_params, optimize="distance").best.objective
    )
