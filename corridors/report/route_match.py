"""The model's route a published figure is about: the first of the alternatives meeting a route condition.

A published figure (a calibration benchmark, a headline claim) is about one
route between two places, not about whichever route the model finds fastest:
"Mumbai-Moscow via Suez, 16,000 km" must be set beside the model's Suez route,
never beside its INSTC one. :class:`RouteCondition` says which route (a label,
texts the label contains, chokepoints its legs pass); :func:`find_route` routes
the trip (with the routing options that steer it, such as ``via``) and returns
the first alternative meeting the condition, or None and the reason in words.

>>> from corridors.network.loader import load_network
>>> net = load_network()
>>> found, reason = find_route(net, "INNSA", "RUMOW", RouteCondition(label_contains=("Suez",)), scenario="baseline")
>>> reason is None and "Suez" in found.label
True
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from corridors._text import one_line
from corridors.model.base_info import base_graph, read_legs
from corridors.model.params import Params
from corridors.model.scenario import Scenario
from corridors.network import schema
from corridors.routing.results import Route
from corridors.routing.route import MAX_ALTERNATIVES, route

__all__ = ["ALTERNATIVES", "RouteCondition", "find_route", "leg_chokepoints"]

ALTERNATIVES = 6
"""Routes searched for a trip with a route condition (the first one meeting it is used)."""


@dataclass(frozen=True)
class RouteCondition:
    """Which of the model's routes a figure is about.

    Attributes
    ----------
    label
        The route's label, exactly (None: any label).
    label_contains
        Texts the label must contain (case-sensitive, as labels are written: "Suez", "INSTC").
    chokepoints
        Chokepoint keys (:data:`corridors.network.schema.CHOKEPOINTS`) the route's legs must pass.
    """

    label: str | None = None
    label_contains: tuple[str, ...] = ()
    chokepoints: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        """Whether the condition picks a route (an empty one takes the model's best)."""
        return self.label is not None or bool(self.label_contains) or bool(self.chokepoints)

    @property
    def words(self) -> str:
        """The condition in words ("" when any route will do)."""
        parts = [f"label {self.label!r}"] if self.label is not None else []
        parts.extend(f"label containing {text!r}" for text in self.label_contains)
        parts.extend(f"passing {schema.chokepoint_name(c)}" for c in self.chokepoints)
        return ", ".join(parts)

    def matches(self, candidate: Route, chokepoints: Mapping[str, Collection[str]]) -> bool:
        """Whether `candidate` meets the condition.

        Parameters
        ----------
        candidate
            One of the model's routes.
        chokepoints
            Leg id to the chokepoints it passes (:func:`leg_chokepoints`).

        Returns
        -------
        bool
        """
        if self.label not in (None, candidate.label) or any(t not in candidate.label for t in self.label_contains):
            return False
        passed = set().union(*(chokepoints.get(leg.leg_id, ()) for leg in candidate.legs))
        return all(key in passed for key in self.chokepoints)


def leg_chokepoints(network: Any) -> dict[str, frozenset[str]]:
    """Leg id to the chokepoints the leg passes, for :meth:`RouteCondition.matches`.

    Parameters
    ----------
    network
        A :class:`~corridors.network.loader.Network`.

    Returns
    -------
    dict of str to frozenset of str
    """
    return {leg_id: frozenset(info.chokepoints) for leg_id, info in read_legs(base_graph(network)).items()}


def find_route(
    network: Any,
    origin: str,
    destination: str,
    condition: RouteCondition,
    *,
    scenario: Scenario | str | None = None,
    params: Params | None = None,
    chokepoints: Mapping[str, Collection[str]] | None = None,
    alternatives: int = ALTERNATIVES,
    via: Sequence[str] = (),
    avoid: Sequence[str] = (),
    avoid_chokepoints: Sequence[str] = (),
    avoid_corridors: Sequence[str] = (),
    avoid_modes: Sequence[str] = (),
    terminals: bool = True,
) -> tuple[Route | None, str | None]:
    """The model's route for a trip meeting `condition`, or None and the reason.

    Parameters
    ----------
    network
        A :class:`~corridors.network.loader.Network`.
    origin, destination
        Node ids (or anything :func:`~corridors.routing.route.route` accepts).
    condition
        The route the figure is about; an empty condition takes the model's best route.
    scenario, params
        Passed to :func:`~corridors.routing.route.route`.
    chokepoints
        :func:`leg_chokepoints` of `network` (computed when None; pass it when matching many trips).
    alternatives
        Routes searched when the condition is not empty (capped at the router's maximum).
    via, avoid, avoid_chokepoints, avoid_corridors, avoid_modes, terminals
        Routing options passed to :func:`~corridors.routing.route.route` (``via`` steers the search
        to a route the alternatives would otherwise rank too low to reach).

    Returns
    -------
    tuple of (Route or None, str or None)
        The route and None, or None and why there is none ("no route: ...", "none of the model's
        routes ... has ...").

    Raises
    ------
    CorridorsError
        As :func:`~corridors.routing.route.route` (unknown node, a scenario naming unknown ids).
    """
    found = route(
        network,
        origin,
        destination,
        scenario=scenario,
        params=params,
        alternatives=min(alternatives, MAX_ALTERNATIVES) if condition else 1,
        via=via,
        avoid=avoid,
        avoid_chokepoints=avoid_chokepoints,
        avoid_corridors=avoid_corridors,
        avoid_modes=avoid_modes,
        terminals=terminals,
    )
    if not found.routes:
        return None, f"no route: {one_line(found.infeasible_reason or 'infeasible')}"
    if chokepoints is None and condition.chokepoints:
        chokepoints = leg_chokepoints(network)
    for candidate in found.routes:
        if condition.matches(candidate, chokepoints or {}):
            return candidate, None
    labels = ", ".join(repr(r.label) for r in found.routes)
    return None, f"none of the model's {len(found.routes)} routes ({labels}) has {condition.words}"
