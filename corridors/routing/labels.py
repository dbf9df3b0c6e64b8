"""Route labels: the corridors a route uses, named for a planner ("INSTC western", "Suez + EMC").

:func:`route_label` names each corridor once, in the order travelled. The
port sets of its EMC rule (see the function's notes) are data, read once
from ``corridors/data/route_labels.toml`` (:data:`LABELS_PATH`) when this
module is imported.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from corridors._errors import Problem, ValidationError
from corridors._paths import DATA_DIR
from corridors._text import short
from corridors.network.schema import corridor_name
from corridors.routing.results import LegResult

__all__ = [
    "EMC_HUB_CHAIN",
    "INDIA_EAST_COAST",
    "LABELS_PATH",
    "LABEL_SETS",
    "RUSSIAN_FAR_EAST_PORTS",
    "load_label_sets",
    "route_label",
]

LABELS_PATH = DATA_DIR / "route_labels.toml"
"""The port sets of the label policy (bundled data)."""

LABEL_SETS = ("emc_hub_chain", "india_east_coast", "russian_far_east_ports")
"""The keys :data:`LABELS_PATH` must have, each a list of node ids."""

_BRANCH_NAMES = {
    "western": "western",
    "trans-caspian": "trans-Caspian",
    "eastern": "eastern",
    "chabahar": "Chabahar",
}


def load_label_sets(path: Path = LABELS_PATH) -> dict[str, frozenset[str]]:
    """Read and check the label policy's port sets.

    Parameters
    ----------
    path : pathlib.Path
        A TOML file with exactly the keys of :data:`LABEL_SETS`, each a list
        of node id strings.

    Returns
    -------
    dict of str to frozenset of str
        Key -> node ids.

    Raises
    ------
    ValidationError
        For a file that is not TOML, an unknown or missing key, or a value
        that is not a list of strings (every problem is reported).
    """
    source = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise ValidationError([Problem(source, None, None, f"cannot read the label sets: {err}")]) from None
    return _checked(data, source)


def _checked(data: Mapping[str, Any], source: str) -> dict[str, frozenset[str]]:
    problems = [
        Problem(source, None, key, f"unknown key; known: {', '.join(LABEL_SETS)}")
        for key in data
        if key not in LABEL_SETS
    ]
    problems += [Problem(source, None, key, "missing") for key in LABEL_SETS if key not in data]
    for key in LABEL_SETS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            problems.append(Problem(source, None, key, f"must be a list of node ids, got {short(value)}"))
    if problems:
        raise ValidationError(problems)
    return {key: frozenset(data[key]) for key in LABEL_SETS}


_SETS = load_label_sets()

EMC_HUB_CHAIN: frozenset[str] = _SETS["emc_hub_chain"]
"""East Asian hubs (and the Strait of Malacca) whose inter-port sea legs are tagged ``emc`` in the data.

Asia-Europe services sail these legs too, so a route that uses only them is not
called "EMC" (see :func:`route_label`)."""

INDIA_EAST_COAST: frozenset[str] = _SETS["india_east_coast"]
"""UN/LOCODEs of Indian east-coast ports (Chennai, Ennore, Kattupalli, Visakhapatnam,
Paradip, Kolkata, Haldia, Tuticorin): the Indian end of the Chennai-Vladivostok corridor."""

RUSSIAN_FAR_EAST_PORTS: frozenset[str] = _SETS["russian_far_east_ports"]
"""Vladivostok, Nakhodka, Vostochny: the Russian end of the Chennai-Vladivostok corridor."""


def route_label(
    legs: Iterable[LegResult] | Iterable[tuple[str, str | None]] | Iterable[tuple[str, str | None, str, str]],
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Return the label, corridor keys and branch keys of a sequence of legs.

    Parameters
    ----------
    legs
        LegResults, (corridor, branch) pairs, or (corridor, branch, from_id,
        to_id) tuples, in the order travelled.

    Returns
    -------
    tuple
        ``(label, corridors, branches)``, e.g. ``("INSTC western",
        ("instc",), ("instc/sea", "instc/western"))``. The label names each
        corridor once (an INSTC branch instead of plain "INSTC"; feeder
        legs only when nothing else is used; shared INSTC legs such as the
        India-Iran sea leg add no branch name).

    Notes
    -----
    The East Asian inter-port sea legs (between the hubs of
    :data:`EMC_HUB_CHAIN`) are tagged ``emc`` in the data, but Asia-Europe
    services sail them too. So "EMC" is left out of the label (when other
    corridors remain) if the node ids are known (LegResults or 4-tuples)
    and (1) every ``emc`` leg used joins two of those hubs, (2) the route
    neither starts nor ends at an Indian east-coast port
    (:data:`INDIA_EAST_COAST`), and (3) it reaches no Russian Far East port
    (:data:`RUSSIAN_FAR_EAST_PORTS`) by an ``emc`` leg. Shanghai-Rotterdam
    is then "Suez" (or "Cape", "NSR"), while Chennai-Vladivostok stays
    "EMC" and Shanghai-Vladivostok-Moscow "EMC + Trans-Siberian". The
    corridor keys still list ``emc``.
    """
    items = [
        (leg.corridor, leg.branch, leg.from_id, leg.to_id) if isinstance(leg, LegResult) else tuple(leg)
        for leg in legs
    ]
    pairs = [(item[0], item[1]) for item in items]
    tokens: list[str] = []
    instc: list[str] = []
    corridors: list[str] = []
    branches: list[str] = []
    for corridor, branch in pairs:
        if corridor not in corridors:
            corridors.append(corridor)
        key = f"{corridor}/{branch}" if branch else corridor
        if key not in branches:
            branches.append(key)
        token = "INSTC" if corridor == "instc" else corridor_name(corridor)
        if token not in tokens:
            tokens.append(token)
        if corridor == "instc" and branch in _BRANCH_NAMES and _BRANCH_NAMES[branch] not in instc:
            instc.append(_BRANCH_NAMES[branch])
    if instc:
        tokens = [f"INSTC {' + '.join(instc)}" if t == "INSTC" else t for t in tokens]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t != corridor_name("feeder")]
    if len(tokens) > 1 and _emc_only_east_asian_hubs(items):
        tokens = [t for t in tokens if t != corridor_name("emc")]
    return " + ".join(tokens), tuple(corridors), tuple(branches)


def _emc_only_east_asian_hubs(items: Sequence[tuple[Any, ...]]) -> bool:
    """Whether the route's ``emc`` legs are only the East Asian hub chain (see :func:`route_label`)."""
    full = [item for item in items if len(item) >= 4]  # noqa: PLR2004 (corridor, branch, from, to)
    if not full or len(full) != len(items):
        return False  # node ids unknown: keep the data's corridor name
    emc = [item for item in full if item[0] == "emc"]
    if not emc:
        return False
    if full[0][2] in INDIA_EAST_COAST or full[-1][3] in INDIA_EAST_COAST:
        return False
    if any(item[2] in RUSSIAN_FAR_EAST_PORTS or item[3] in RUSSIAN_FAR_EAST_PORTS for item in emc):
        return False
    return all(item[2] in EMC_HUB_CHAIN and item[3] in EMC_HUB_CHAIN for item in emc)
