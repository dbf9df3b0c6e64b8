"""Reference routes: the named alternatives a planner compares, each with its figures or why it is missing.

Besides the K best routes (:func:`~corridors.routing.route.route`), a
planner compares the same few named ways between India, Russia, Europe and
East Asia: the INSTC branches, Suez, the Cape, the Black Sea route, Suez +
Trans-Siberian, the Northern Sea Route and the Eastern Maritime Corridor.
:func:`reference_routes` gives one :class:`ReferenceRoute` per family of
:data:`FAMILIES`: its best route (with the difference to the overall best),
or the reason there is none (the scenario's closures, a season, or no such
route between these places).

A family is data: the legs it may use (``corridor`` or ``corridor/branch``
keys; feeder legs and the lanes whose ``services`` name one of its
corridors are always open to it) and the keys its route must use. Each
family is one search on the scenario's view with every other leg blocked,
so a call is one view, one endpoint resolution and about a dozen searches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from corridors.model.expanded import ExpandedGraph
from corridors.model.params import Params, default_params
from corridors.model.presets import load_scenario
from corridors.model.scenario import Scenario
from corridors.model.view import Cause, ScenarioView, scenario_view, view_of
from corridors.network.schema import chokepoint_name, corridor_name
from corridors.routing.build import build_route
from corridors.routing.endpoints import Endpoint, best_path, resolve_endpoint, with_ends
from corridors.routing.objectives import check_objective
from corridors.routing.results import Route
from corridors.routing.search import masked

__all__ = ["FAMILIES", "Family", "ReferenceRoute", "reference_routes"]


@dataclass(frozen=True)
class Family:
    """A named kind of route: the legs it may use and the keys its route must use.

    Attributes
    ----------
    name : str
        What a planner calls it (``"Suez + Trans-Siberian"``).
    uses : tuple of str
        ``corridor`` (legs of that corridor without a branch) or
        ``corridor/branch`` keys the route may use besides feeder legs.
    requires : tuple of str
        Keys (as in :attr:`~corridors.routing.results.Route.branches`)
        the route must use, every one.
    """

    name: str
    uses: tuple[str, ...]
    requires: tuple[str, ...]


_INSTC_GATES = ("instc/sea", "instc/chabahar", "instc/common")

FAMILIES: tuple[Family, ...] = (
    Family("INSTC western", (*_INSTC_GATES, "instc/western", "transsib"), ("instc/western",)),
    Family("INSTC eastern", (*_INSTC_GATES, "instc/eastern", "transsib"), ("instc/eastern",)),
    Family("INSTC trans-Caspian", (*_INSTC_GATES, "instc/trans-caspian", "transsib"), ("instc/trans-caspian",)),
    Family("Suez", ("suez",), ("suez",)),
    Family("Cape", ("cape", "transsib"), ("cape",)),
    Family("Black Sea (Suez + Turkish straits)", ("suez", "suez/black-sea", "transsib"), ("suez/black-sea",)),
    Family("Suez + Trans-Siberian", ("suez", "transsib"), ("suez", "transsib")),
    Family("NSR", ("nsr", "emc"), ("nsr",)),
    Family("EMC", ("emc", "transsib"), ("emc",)),
)
"""The named alternatives, in the order shown (defined once: the CLI, the app and the tests read it)."""

_KEY_NAMES = {"suez/black-sea": "the Turkish straits (Black Sea)", "instc/trans-caspian": "the INSTC trans-Caspian branch"}
"""Names of keys in a reason, where the generic ``the <corridor> <branch> branch`` reads badly."""

_BLAME_ORDER = {"status": 0, "season": 2, "mode": 3, "corridor": 3, "leg": 4, "node": 4, "chokepoint": 5}
_CALENDAR_ROUNDS = 4


@dataclass(frozen=True)
class ReferenceRoute:
    """One named alternative: its best route, or why there is none.

    Attributes
    ----------
    name : str
        The family's name.
    status : str
        ``"best"`` (it is the overall best route), ``"open"`` (a route, not
        the best), ``"closed"`` (the scenario's closures block it), ``"out
        of season"`` (only a season blocks it) or ``"no route"`` (no such
        route between these places).
    route : Route or None
        The family's best route (None unless ``best`` or ``open``).
    reason : str
        One line: how far it is from the best, what closes it, or why it
        does not apply.
    delta_days, delta_cost_usd, delta_co2e_kg : float or None
        P50 difference to the overall best route (None without a route).
    """

    name: str
    status: str
    route: Route | None
    reason: str
    delta_days: float | None = None
    delta_cost_usd: float | None = None
    delta_co2e_kg: float | None = None

    @property
    def summary(self) -> str:
        """``"Cape: Cape, 47.8 d P50, USD 4,190/TEU (+19.9 d, +USD 512/TEU vs the best)"`` or the reason."""
        if self.route is None:
            return f"{self.name}: {self.status}: {self.reason}"
        t = self.route.totals
        return (
            f"{self.name}: {self.route.label}, {t.p50_days:.1f} d P50 (P10 {t.p10_days:.1f} - P90 {t.p90_days:.1f}), "
            f"USD {t.cost_usd:,.0f}/TEU, {t.co2e_kg:,.0f} kg CO2e/TEU ({self.reason})"
        )


def reference_routes(
    network: Any,
    origin: str,
    destination: str,
    *,
    scenario: Scenario | str | None = None,
    params: Params | None = None,
    optimize: str = "time",
    terminals: bool = True,
) -> tuple[ReferenceRoute, ...]:
    """Return the best route of each named family of :data:`FAMILIES`, or why it has none.

    Parameters
    ----------
    network
        A Network or its base graph.
    origin, destination
        As for :func:`corridors.routing.route.route` (node ids or names, or places).
    scenario, params, optimize, terminals
        As for :func:`corridors.routing.route.route`.

    Returns
    -------
    tuple of ReferenceRoute
        One per family, in the order of :data:`FAMILIES`.

    Raises
    ------
    UnknownNodeError, ValidationError
        As for :func:`corridors.routing.route.route`.
    """
    objective = check_objective(optimize)
    scenario = load_scenario(scenario)
    view = scenario_view(network, scenario, params)
    exp = view.expanded
    start = resolve_endpoint(network, exp, origin, "origin", view.params, terminals=terminals)
    end = resolve_endpoint(network, exp, destination, "destination", view.params, terminals=terminals)
    search = _Searcher(view, scenario, default_params() if params is None else params, start, end, objective)
    best = search.route(())
    found = []
    for family in FAMILIES:
        blocked = _blocked_edges(exp, family)
        built = search.route(blocked)
        found.append(_reference(family, built, best, search, blocked))
    return tuple(found)


class _Searcher:
    """One scenario view and two ends: the best route with some edges blocked (route()'s calendar rounds)."""

    def __init__(
        self, view: ScenarioView, scenario: Scenario, base: Params, start: Endpoint, end: Endpoint, objective: str
    ) -> None:
        self.view, self.scenario, self.base = view, scenario, base
        self.start, self.end, self.objective = start, end, objective
        self.weights = view.weights(objective)

    def month_view(self, month: int) -> ScenarioView:
        return view_of(self.view.expanded, self.scenario.at_month(month), self.base)

    def route(self, blocked: Sequence[int]) -> Route | str | None:
        """The best route; a text when seasonal legs close every path on the calendar; None when none."""
        banned = list(blocked)
        dropped: list[str] = []
        for _round in range(_CALENDAR_ROUNDS):
            picked = best_path(self.view.expanded, masked(self.weights, banned), self.start, self.end, [], self.objective)
            if picked is None:
                return "; ".join(dropped) or None
            (total, nodes, eids), first, last = picked
            ends_weight = first.weight(self.objective) + last.weight(self.objective)
            built, closed, why = build_route(
                self.view, total - ends_weight, nodes, eids, self.objective,
                departure=self.scenario.departure, month_view=self.month_view, start_h=first.weight("time"),
            )  # fmt: skip
            if not closed:
                return with_ends(built, self.view, self.start, first, self.end, last, ends_weight)
            banned.extend(closed)
            dropped.append(f"{built.label}: {why}")
        return "; ".join(dropped)


def _blocked_edges(exp: ExpandedGraph, family: Family) -> list[int]:
    """Leg edges the family may not use (feeder legs and lanes its corridors' services sail stay open)."""
    uses = set(family.uses)
    blocked = []
    for eid, edge in enumerate(exp.edges):
        if edge.leg_id is None:
            continue
        leg = exp.legs[edge.leg_id]
        key = f"{leg.corridor}/{leg.branch}" if leg.branch else leg.corridor
        if leg.corridor == "feeder" or key in uses or any(s in uses for s in leg.services):
            continue
        blocked.append(eid)
    return blocked


def _reference(
    family: Family, built: Route | str | None, best: Route | str | None, search: _Searcher, blocked: list[int]
) -> ReferenceRoute:
    if isinstance(built, Route):
        missing = [k for k in family.requires if k not in built.branches]
        if missing:
            names = " and ".join(_key_name(k) for k in missing)
            return ReferenceRoute(
                family.name, "no route", None,
                f"does not apply to this pair: on these corridors the best route is {built.label}, without {names}",
            )  # fmt: skip
        if not isinstance(best, Route) or built.label == best.label:
            return ReferenceRoute(family.name, "best", built, "the best route", 0.0, 0.0, 0.0)
        a, b = built.totals, best.totals
        days, cost, co2 = a.p50_days - b.p50_days, a.cost_usd - b.cost_usd, a.co2e_kg - b.co2e_kg
        reason = f"{_signed(days, ' d')}, {_signed(cost, '', 'USD ')}/TEU, {_signed(co2, ' kg CO2e')} vs the best ({best.label})"
        return ReferenceRoute(family.name, "open", built, reason, days, cost, co2)
    if isinstance(built, str):
        return ReferenceRoute(family.name, "out of season", None, f"closed on the calendar: {built}")
    status, reason = _blockers(search, blocked)
    return ReferenceRoute(family.name, status, None, reason)


def _blockers(search: _Searcher, blocked: list[int]) -> tuple[str, str]:
    """Status and reason of a family without a route: the fewest scenario closures whose lifting opens one."""
    view = search.view
    exp = view.expanded
    always_closed = set(blocked)
    causes = view.causes
    sources = [i for a in search.start.access for i in exp.copies[a.node_id]]
    targets = {i for a in search.end.access for i in exp.copies[a.node_id]}

    def connected(lifted: set[int]) -> bool:
        seen, stack = set(sources), list(sources)
        while stack:
            u = stack.pop()
            if u in targets:
                return True
            for v, e in exp.adj[u]:
                if v not in seen and e not in always_closed and all(c in lifted for c in view.edge_causes[e]):
                    seen.add(v)
                    stack.append(v)
        return False

    lifted = set(range(len(causes)))
    if not connected(lifted):
        return "no route", "no such route between these places in the network"
    for index in sorted(lifted, key=lambda i: (_BLAME_ORDER.get(causes[i].kind, 9), i)):
        if connected(lifted - {index}):
            lifted.discard(index)
    kept = [causes[i] for i in sorted(lifted)]
    if kept and all(c.kind == "season" for c in kept):
        others = [c.text.split(":", 1)[0] for c in kept[1:]]
        return "out of season", kept[0].text + (f"; also {_and(others)}" if others else "")
    return "closed", _join(kept) or "every route of this kind is blocked"


def _join(causes: Sequence[Cause]) -> str:
    chokepoints = [chokepoint_name(c.key) for c in causes if c.kind == "chokepoint"]
    parts = [f"{_and(chokepoints)} closed"] if chokepoints else []
    parts.extend(c.text for c in causes if c.kind != "chokepoint")
    return _and(parts)


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _key_name(key: str) -> str:
    """``"the Trans-Siberian"``, ``"the INSTC western branch"``, ``"the Turkish straits"``."""
    if key in _KEY_NAMES:
        return _KEY_NAMES[key]
    corridor, _, branch = key.partition("/")
    return f"the {corridor_name(corridor)} {branch.replace('-', ' ')} branch" if branch else corridor_name(corridor)


def _signed(value: float, unit: str, prefix: str = "") -> str:
    sign = "+" if value >= 0 else "-"
    digits = f"{abs(value):,.1f}" if unit == " d" else f"{abs(value):,.0f}"
    return f"{sign}{prefix}{digits}{unit}"
