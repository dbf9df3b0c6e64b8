"""Merging a user's overrides into the parameter tables, and pydantic errors as problems.

Overrides come as nested mappings following the layout of
:class:`~corridors.model.params.Params` or as dotted keys (``"speed.sea"``).
:func:`nest_overrides` turns them into one nested mapping; :func:`merge_overrides`
merges that into a plain dump of the parameters, recording each problem
(unknown key, wrong kind of value) instead of stopping at the first, and
giving every changed figure the override's source. Pydantic then validates
the result; :func:`pydantic_problems` words its errors for people.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pydantic

from corridors._errors import Problem
from corridors._text import listed, short
from corridors.model.param_models import NODE_DWELL_MODES, NODE_DWELL_TAGS

__all__ = ["OVERRIDE_SOURCE", "collect_figures", "merge_overrides", "nest_overrides", "pydantic_problems"]

OVERRIDE_SOURCE = "override"
"""Source recorded on a figure changed without a source of its own."""

# Mappings whose keys a user may add (everything else has a fixed set of keys).
_OPEN_MAPPINGS = {
    ("dwell_node",),
    ("chokepoint_dwell",),
    ("cost", "chokepoint_fee"),
    ("port_calls", "spacing_km"),
}
# Open mappings whose new entries may be a plain number: (unit of the figure it makes).
_NUMBER_ENTRIES = {("cost", "chokepoint_fee"): "USD/TEU", ("port_calls", "spacing_km"): "km"}


def pydantic_problems(err: pydantic.ValidationError, source: str) -> list[Problem]:
    """Turn a pydantic error into :class:`~corridors._errors.Problem` rows.

    Parameters
    ----------
    err
        The pydantic error (it already holds every problem).
    source
        Where the data came from.

    Returns
    -------
    list of Problem
    """
    problems = []
    for item in err.errors(include_url=False):
        loc = list(item["loc"])
        if len(loc) > 2 and loc[0] == "dwell_node" and loc[2] in NODE_DWELL_TAGS:  # noqa: PLR2004
            del loc[2]  # the union member's tag is not a key the user wrote
        field = ".".join(str(part) for part in loc) or None
        message = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        elif "input" in item and item["type"] != "missing":
            message = f"{message} (got {short(item['input'])})"
        problems.append(Problem(source=source, index=None, field=field, message=message))
    return problems


def nest_overrides(overrides: Mapping[str, Any], source: str) -> tuple[dict[str, Any], list[Problem]]:
    """Return `overrides` as one nested mapping (dotted keys split), and the problems found."""
    nested: dict[str, Any] = {}
    problems: list[Problem] = []
    if not isinstance(overrides, Mapping):
        problems.append(
            Problem(source, None, None, f"overrides must be a mapping, got {type(overrides).__name__}")
        )
        return nested, problems
    for key, value in overrides.items():
        parts = str(key).split(".")
        target = nested
        for part in parts[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                problems.append(Problem(source, None, str(key), "conflicts with another override"))
                break
        else:
            last = parts[-1]
            if isinstance(value, Mapping) and isinstance(target.get(last), dict):
                target[last].update(value)
            else:
                target[last] = dict(value) if isinstance(value, Mapping) else value
    return nested, problems


def merge_overrides(
    base: dict[str, Any], new: Mapping[str, Any], path: tuple[str, ...], source: str, problems: list[Problem]
) -> None:
    """Merge nested overrides `new` into `base` (a plain dump of the parameters) in place.

    Parameters
    ----------
    base
        The tables at `path` (changed in place).
    new
        The overrides for those tables (from :func:`nest_overrides`).
    path
        Where `base` is in the parameters (``()`` at the top).
    source
        Source recorded on changed figures.
    problems
        Each unknown key or wrong kind of value is appended here.
    """
    for key, value in new.items():
        here = (*path, key)
        field = ".".join(here)
        if path == ("dwell_node",) and key in base and isinstance(value, Mapping):
            value = _node_dwell_value(base, key, value)
        if key not in base:
            if path in _OPEN_MAPPINGS:
                if isinstance(value, Mapping):
                    base[key] = _with_source(dict(value), source, nested=path == ("dwell_node",))
                elif path in _NUMBER_ENTRIES and _is_number(value):
                    base[key] = {"value": value, "unit": _NUMBER_ENTRIES[path], "source": source}
                else:
                    base[key] = value
            elif len(path) == 2 and path[0] == "dwell_node":  # noqa: PLR2004
                message = f"unknown mode {key!r}; known: {', '.join(NODE_DWELL_MODES)}"
                problems.append(Problem(source, None, field, message))
            else:
                known = ", ".join(map(str, base)) or "none"
                problems.append(Problem(source, None, field, f"unknown key (known here: {known})"))
            continue
        current = base[key]
        if isinstance(current, dict) and _is_leaf(current):
            if isinstance(value, Mapping):
                unknown = [k for k in value if k not in current]
                if unknown:
                    problems.append(Problem(source, None, field, f"unknown fields {listed(unknown)}"))
                    continue
                for name, item in value.items():
                    inner = current.get(name)
                    if isinstance(inner, dict) and isinstance(item, Mapping):  # e.g. a service level's departure_wait
                        current[name] = {**inner, **item, "source": item.get("source", source)}
                    else:
                        current[name] = item
                if "source" not in value:
                    current["source"] = source
            elif "value" in current and _is_number(value):
                current["value"] = value
                current["source"] = source
                for bound in ("low", "high"):  # a plain number replaces a ranged figure's range too
                    if bound in current:
                        current[bound] = None
            else:
                problems.append(
                    Problem(source, None, field, f"expected a number or a table, got {short(value)}")
                )
        elif isinstance(current, dict):
            if isinstance(value, Mapping):
                merge_overrides(current, value, here, source, problems)
            else:
                problems.append(Problem(source, None, field, f"expected a table, got {short(value)}"))
        elif current is None and isinstance(value, Mapping):
            base[key] = _with_source(dict(value), source)  # an optional table set for the first time
        else:
            base[key] = value
            if key != "source" and "source" in base and "source" not in new and path not in _OPEN_MAPPINGS:
                base["source"] = source  # a table's own setting changed (e.g. sea_service.feeder_legs)


def _node_dwell_value(base: dict[str, Any], key: str, value: Mapping[str, Any]) -> Mapping[str, Any]:
    """Reconcile a ``dwell_node`` override with the entry it changes.

    A single range given for a node with per-mode ranges replaces them all
    (it is the range for every mode); per-mode ranges given for a node with
    a single range keep that range as ``any`` (every other mode).
    """
    current = base[key]
    if not isinstance(current, dict):
        return value
    is_range = any(k in value for k in ("low", "likely", "high"))
    current_is_range = _is_leaf(current)
    if is_range and not current_is_range:
        del base[key]
    elif not is_range and current_is_range:
        base[key] = {**dict.fromkeys(NODE_DWELL_MODES), "any": current}
    return value


def _with_source(value: dict[str, Any], source: str, *, nested: bool = False) -> dict[str, Any]:
    if nested and not any(k in value for k in ("low", "likely", "high", "source")):
        # a per-mode table (dwell_node): each range gets the source
        return {k: _with_source(dict(v), source) if isinstance(v, Mapping) else v for k, v in value.items()}
    value.setdefault("source", source)
    return value


def _is_leaf(value: dict[str, Any]) -> bool:
    return "source" in value and ("value" in value or "likely" in value or "independent" in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def collect_figures(data: Any, path: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    """Append a row per figure or dwell range in `data` (a plain dump) to `rows`."""
    if not isinstance(data, dict):
        return
    if "source" in data and ("value" in data or "likely" in data):
        row: dict[str, Any] = {"parameter": ".".join(path)}
        for field in ("value", "low", "likely", "high"):
            if field in data:
                row[field] = data[field]
        row["unit"] = data.get("unit", "h")
        row["source"] = data["source"]
        rows.append(row)
        return
    for key, value in data.items():
        collect_figures(value, (*path, str(key)), rows)
