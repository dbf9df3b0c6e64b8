"""Route labels: the corridors a route uses, named for a planner ("INSTC western", "Suez + EMC").

:func:`route_label` names each corridor once, in the order travelled. A leg
that several corridors' services share says so in the data (the leg
property ``services``, e.g. the East Asian inter-port lanes: ``corridor =
"emc"``, ``services = ["suez"]``); such a leg takes the name of the corridor
the route is on around it, so the label needs no list of ports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from corridors.network.schema import corridor_name
from corridors.routing.results import LegResult

__all__ = ["route_label", "service_corridors"]

_SUEZ_BRANCHES = {"black-sea": "Black Sea"}
"""Branches of the Suez corridor named in a label after "Suez" ("Suez + Black Sea": via the Turkish straits)."""

_BRANCH_NAMES = {
    "western": "western",
    "trans-caspian": "trans-Caspian",
    "eastern": "eastern",
    "chabahar": "Chabahar",
}


def route_label(
    legs: Iterable[LegResult] | Iterable[tuple[Any, ...]], *, branches: bool = True
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Return the label, corridor keys and branch keys of a sequence of legs.

    Parameters
    ----------
    legs : iterable of LegResult or tuple
        In the order travelled: LegResults, ``(corridor, branch)`` pairs,
        ``(corridor, branch, from_id, to_id)`` or ``(corridor, branch,
        from_id, to_id, services)`` tuples; ``services`` are the other
        corridors whose services share the leg (see :func:`service_corridors`).
    branches : bool
        Name the INSTC branches ("INSTC western"); False gives the route's
        family ("INSTC"), which the alternatives use to show different
        corridors before variants of one.

    Returns
    -------
    tuple
        ``(label, corridors, branches)``, e.g. ``("INSTC western",
        ("instc",), ("instc/sea", "instc/western"))``. The label names each
        corridor once (an INSTC branch instead of plain "INSTC"; feeder
        legs only when nothing else is used; shared INSTC legs such as the
        India-Iran sea leg add no branch name). ``corridors`` and
        ``branches`` list the legs' own corridors (the data's ``corridor``).
    """
    items = [
        (leg.corridor, leg.branch, leg.from_id, leg.to_id) if isinstance(leg, LegResult) else tuple(leg)
        for leg in legs
    ]
    named = service_corridors(items)
    tokens: list[str] = []
    instc: list[str] = []
    corridors: list[str] = []
    branch_keys: list[str] = []
    for item, shown in zip(items, named, strict=True):
        corridor, branch = item[0], item[1]
        if corridor not in corridors:
            corridors.append(corridor)
        key = f"{corridor}/{branch}" if branch else corridor
        if key not in branch_keys:
            branch_keys.append(key)
        token = "INSTC" if shown == "instc" else corridor_name(shown)
        if token not in tokens:
            tokens.append(token)
        if shown == "suez" and branch in _SUEZ_BRANCHES and _SUEZ_BRANCHES[branch] not in tokens:
            tokens.append(_SUEZ_BRANCHES[branch])
        if corridor == "instc" and branch in _BRANCH_NAMES and _BRANCH_NAMES[branch] not in instc:
            instc.append(_BRANCH_NAMES[branch])
    if instc and branches:
        tokens = [f"INSTC {' + '.join(instc)}" if t == "INSTC" else t for t in tokens]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t != corridor_name("feeder")]
    return " + ".join(tokens), tuple(corridors), tuple(branch_keys)


def service_corridors(items: Sequence[tuple[Any, ...]]) -> list[str]:
    """The corridor each leg counts for in a label.

    A leg with ``services`` (item 5: the other corridors whose services sail
    it) counts for the corridor the route is on next to it: the nearest leg
    before it, else after it, that is neither shared nor a feeder, provided
    every shared leg of the stretch lists that corridor. A stretch with no
    named corridor around it is a main line in its own right: its ``feeder``
    legs count for the corridor of another leg of the stretch, else for the
    first of their ``services`` (Singapore-Hong Kong is "EMC",
    Astrakhan-Moscow by rail "INSTC", not "feeder"). Otherwise (and for
    every other leg) a leg counts for its own corridor. So Shanghai-Rotterdam
    through the East Asian hubs is "Suez", Chennai-Vladivostok through the
    same lanes stays "EMC", and Rotterdam-Vladivostok is "Suez + EMC".

    Parameters
    ----------
    items : sequence of tuple
        ``(corridor, branch, ...)`` per leg; a fifth item, when present, is
        the leg's ``services``.

    Returns
    -------
    list of str
        One corridor key per leg.
    """
    own = [str(item[0]) for item in items]
    shared = [frozenset(item[4] or ()) if len(item) >= 5 else frozenset() for item in items]  # noqa: PLR2004
    named = list(own)
    i = 0
    while i < len(items):
        if not shared[i]:
            i += 1
            continue
        j = i
        while j < len(items) and (shared[j] or own[j] == "feeder"):
            j += 1
        stretch = [k for k in range(i, j) if shared[k]]
        before = next((own[k] for k in range(i - 1, -1, -1) if own[k] != "feeder" and not shared[k]), None)
        after = next((own[k] for k in range(j, len(items)) if own[k] != "feeder" and not shared[k]), None)
        for candidate in (before, after):
            if candidate is not None and all(candidate == own[k] or candidate in shared[k] for k in stretch):
                for k in stretch:
                    named[k] = candidate
                break
        else:
            if before is None and after is None:
                _name_lone_stretch(named, own, [tuple(items[k][4] or ()) for k in stretch], stretch)
        i = j
    return named


def _name_lone_stretch(named: list[str], own: list[str], services: list[tuple[str, ...]], stretch: list[int]) -> None:
    """Name the feeder legs of a shared stretch that is the whole route (no named corridor around it).

    Such a stretch is a main line in its own right (Singapore-Hong Kong, Astrakhan-Moscow), not a
    feeder: its feeder legs take the corridor of another leg of the stretch when it has one, else the
    first corridor in the data's ``services`` of its first leg that every shared leg lists.
    ``named`` is changed in place.
    """
    mains = [own[k] for k in stretch if own[k] != "feeder"]
    for candidate in [*mains, *services[0]]:
        if all(candidate == own[k] or candidate in shared for k, shared in zip(stretch, services, strict=True) if shared):
            for k in stretch:
                if own[k] == "feeder":
                    named[k] = candidate
            return
