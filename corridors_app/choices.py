"""The choices the pages offer: optimisation objectives with their labels, units, limits.

The objective names are the library's (:data:`corridors.routing.objectives.OBJECTIVES`);
this module holds the one dict of their display labels, used by every page.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

from corridors.routing.objectives import OBJECTIVES

__all__ = ["MAX_K", "MAX_ROUTES", "NODE_HINT", "OPTIMIZE", "UNITS", "node_checks", "objective_check"]

_LABELS = {"time": "fastest (time)", "cost": "cheapest (cost)", "co2": "lowest CO2e", "distance": "shortest (distance)"}

#: Objective name → label in the "Optimise for" radio (in the order shown; every library objective).
OPTIMIZE = {name: _LABELS.get(name, name) for name in sorted(OBJECTIVES, key=[*_LABELS, *OBJECTIVES].index)}

#: Distance units offered (``distance_<unit>`` columns of the library's tables).
UNITS = ["km", "nm"]

#: Route explorer: the slider's maximum (the engine allows ``corridors.routing.route.MAX_ALTERNATIVES``).
MAX_K = 5

#: Scenario comparison: routes per scenario.
MAX_ROUTES = 3

#: What an origin or destination picker offers (for the URL warning).
NODE_HINT = "a port, terminal or city; not a sea waypoint"

Check = tuple[Callable[[Any], bool], str]


def node_checks(options: Container[str]) -> dict[str, Check]:
    """URL checks for the origin and destination pickers (:func:`corridors_app.url.restore_from_query`).

    Parameters
    ----------
    options : container of str
        The node ids the pickers offer.

    Returns
    -------
    dict
        ``{"origin": (check, hint), "destination": (check, hint)}``.
    """
    return {key: (lambda v: v in options, NODE_HINT) for key in ("origin", "destination")}


def objective_check() -> dict[str, Check]:
    """URL check for the "Optimise for" radio."""
    return {"optimize": (lambda v: v in OPTIMIZE, ", ".join(OPTIMIZE))}
