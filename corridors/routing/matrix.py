"""The transit matrix: the best-route value between every pair of places, in one table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from corridors.model.params import Params
from corridors.model.scenario import Scenario
from corridors.model.view import scenario_view
from corridors.routing.objectives import check_objective
from corridors.routing.results import HOURS_PER_DAY
from corridors.routing.route import resolve_node
from corridors.routing.search import INF, dijkstra

__all__ = ["transit_matrix"]

_MATRIX_KINDS = ("seaport", "river_port", "city")


def transit_matrix(
    network: Any,
    *,
    scenario: Scenario | str | None = None,
    params: Params | None = None,
    nodes: Sequence[str] | None = None,
    optimize: str = "time",
) -> pd.DataFrame:
    """Return the best-route value between every pair of nodes.

    Parameters
    ----------
    network
        A Network or its base graph.
    scenario, params
        As for :func:`corridors.routing.route.route`.
    nodes
        Node ids; by default every seaport, river port and city.
    optimize
        What to minimise and report: ``"time"`` (days), ``"distance"`` (km),
        ``"cost"`` (USD/TEU) or ``"co2"`` (kg CO2e/TEU).

    Returns
    -------
    pandas.DataFrame
        Square, index = origins, columns = destinations; NaN where no route
        exists. ``attrs["unit"]`` names the unit.
    """
    objective = check_objective(optimize)
    view = scenario_view(network, scenario, params)
    exp = view.expanded
    if nodes is None:
        ids = [k for k, v in exp.node_info.items() if v.kind in _MATRIX_KINDS and exp.copies.get(k)]
    else:
        ids = [resolve_node(exp, n) for n in nodes]
    weights = view.weights(objective)
    scale = 1.0 / HOURS_PER_DAY if objective == "time" else 1.0
    values = np.full((len(ids), len(ids)), np.nan)
    for i, source in enumerate(ids):
        dist, _ = dijkstra(exp.adj, weights, dict.fromkeys(exp.copies[source], 0.0), None)
        for j, target in enumerate(ids):
            best = min((dist.get(c, INF) for c in exp.copies[target]), default=INF)
            if best < INF:
                values[i, j] = best * scale
    frame = pd.DataFrame(
        values, index=pd.Index(ids, name="origin"), columns=pd.Index(ids, name="destination")
    )
    frame.attrs["unit"] = {"time": "days", "distance": "km", "cost": "USD/TEU", "co2": "kg CO2e/TEU"}[
        objective
    ]
    frame.attrs["scenario"] = view.scenario.name
    return frame
