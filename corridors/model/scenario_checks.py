"""Checks of a scenario's fields that pydantic cannot express: vocabularies, ids, overrides.

Used by :class:`corridors.model.scenario.Scenario` when it is built; every
problem is reported at once (capped at :data:`~corridors._errors.MAX_PROBLEMS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from corridors._errors import MAX_PROBLEMS, Problem, ValidationError
from corridors._text import describe, suggest
from corridors.model.params import default_params
from corridors.network import schema

__all__ = ["ID_LISTS", "OVERRIDE_SECTIONS", "capped", "override_problems", "top_field", "vocabulary_problems"]

OVERRIDE_SECTIONS = (
    "speed",
    "speed_factor",
    "moving_spread",
    "rail_services",
    "dwell",
    "dwell_node",
    "chokepoint_dwell",
    "port_calls",
    "sea_service",
    "cost",
    "emissions",
)
"""Scenario tables that override :class:`~corridors.model.params.Params` fields."""

ID_LISTS = ("closed_nodes", "closed_legs", "open_legs")
"""Scenario fields that list network ids."""


def vocabulary_problems(data: Mapping[str, Any], source: str) -> list[Problem]:
    """Unknown chokepoints, corridors and modes, and malformed ids, in a scenario's raw fields."""
    problems = []
    for field, vocabulary in (
        ("closed_chokepoints", schema.CHOKEPOINTS),
        ("closed_corridors", schema.CORRIDORS),
        ("closed_modes", schema.MODES),
    ):
        values = data.get(field) or ()
        if isinstance(values, str) or not isinstance(values, Iterable):
            continue  # pydantic reports the type
        for index, value in enumerate(values):
            if not isinstance(value, str | int | float | bool):
                continue  # pydantic reports the type
            if value not in vocabulary:
                hint = suggest(str(value)[:200], vocabulary, None) if len(problems) < MAX_PROBLEMS else ""
                what = field.removeprefix("closed_")[:-1]
                message = f"unknown {what} {describe(value)}{hint}; known: {', '.join(vocabulary)}"
                problems.append(Problem(source, None, f"{field}[{index}]", message))
    for field in ID_LISTS:
        values = data.get(field) or ()
        if isinstance(values, list | tuple):
            for index, value in enumerate(values):
                if not isinstance(value, str) or not schema.ID_PATTERN.fullmatch(value):
                    problems.append(Problem(source, None, f"{field}[{index}]", f"not a valid id: {describe(value)}"))
    return problems


def override_problems(data: Mapping[str, Any], source: str) -> list[Problem]:
    """Problems of the override tables, checked against the defaults."""
    overrides = {k: data[k] for k in OVERRIDE_SECTIONS if isinstance(data.get(k), Mapping) and data[k]}
    if not overrides:
        return []
    try:
        default_params().with_overrides(overrides, source=source)
    except ValidationError as err:
        return list(err.problems)
    return []



def capped(problems: list[Problem], source: str) -> list[Problem]:
    """At most MAX_PROBLEMS problems, then one line counting the rest (as the GeoJSON reader does)."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    return [*problems[:MAX_PROBLEMS], Problem(source, None, None, f"{more} more problems not listed")]


def top_field(problem: Problem) -> str | None:
    """The top-level field a problem is about (``dwell`` for ``dwell.port.low``)."""
    if problem.field is None:
        return None
    return re.split(r"[.\[]", problem.field, maxsplit=1)[0]
