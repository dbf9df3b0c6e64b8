"""The bundled preset scenarios, and finding a scenario from what a caller gives.

:func:`presets` reads ``corridors/data/scenarios/*.toml`` once (after the
defaults they are checked against); a broken preset, a missing
``baseline.toml`` or a broken ``defaults.toml`` is a
:class:`~corridors.ValidationError` naming the file (``scenarios/<file>``,
never the server's folder).
:func:`load_scenario` turns a preset name, TOML text, bytes, a table or (from
the command line only) a file into a :class:`~corridors.model.scenario.Scenario`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from corridors._errors import Problem, ValidationError
from corridors._paths import PRESETS_DIR
from corridors._text import describe, hide_paths, suggest
from corridors.model.params import default_params
from corridors.model.scenario import Scenario
from corridors.model.scenario_toml import type_name

__all__ = ["PRESETS_DIR", "load_scenario", "presets"]


def presets() -> dict[str, Scenario]:
    """Return the bundled preset scenarios, by name (``baseline`` first).

    Returns
    -------
    dict of str to Scenario
        A new dict each call; the scenarios are immutable and shared.
    """
    return dict(_load_presets())


@functools.lru_cache(maxsize=1)
def _load_presets() -> tuple[tuple[str, Scenario], ...]:
    # the defaults first: a preset is checked against them, and a broken
    # defaults.toml must be reported as itself, not as every preset's problem
    default_params()
    try:
        paths = sorted(PRESETS_DIR.glob("*.toml"))
    except OSError as err:  # the folder unreadable
        raise ValidationError([Problem(_PRESETS_NAME, None, None, f"cannot read the folder: {err.strerror}")]) from None
    found: dict[str, Scenario] = {}
    problems: list[Problem] = []
    for path in paths:
        try:
            scenario = Scenario.from_toml(path)
        except ValidationError as err:  # every broken preset, each named scenarios/<file> (never the folder)
            problems.extend(_in_presets(problem, path.name) for problem in err.problems)
            continue
        found[scenario.name] = scenario
    if "baseline" not in found and not problems:
        message = "cannot read the file: no such file (the baseline preset is required)"
        problems.append(Problem(f"{_PRESETS_NAME}/baseline.toml", None, None, message))
    if problems:
        raise ValidationError(problems)
    order = sorted(found, key=lambda n: (n != "baseline", n))
    return tuple((n, found[n]) for n in order)


_PRESETS_NAME = PRESETS_DIR.name  # "scenarios": problems name a preset as scenarios/<file>


def _in_presets(problem: Problem, name: str) -> Problem:
    """`problem` of the preset file `name`, with its source ``scenarios/<name>`` and no folder of the server."""
    source = problem.source
    if source in ("", name) or source.endswith(("/" + name, "\\" + name)):
        source = f"{_PRESETS_NAME}/{name}"
    elif source.startswith(name):  # "name: claim 2"-like sources
        source = f"{_PRESETS_NAME}/{source}"
    message = hide_paths(problem.message, [PRESETS_DIR])
    return Problem(source, problem.index, problem.field, message, problem.feature_id)


def load_scenario(
    name_or_path: Scenario | str | Path | Mapping[str, Any] | bytes | None, *, allow_path: bool = False
) -> Scenario:
    """Return a scenario given a preset name, TOML text, a table or (from the command line) a file.

    Parameters
    ----------
    name_or_path
        A :class:`Scenario` (returned as is); None (the ``baseline``
        preset); a preset name (``"red-sea-closed"``); TOML text (a string
        with a newline or ``=``) or UTF-8 bytes; a mapping (as for
        :meth:`Scenario.from_dict`); or a :class:`~pathlib.Path` of a
        ``.toml`` file.
    allow_path
        Also read a string that is neither a preset name nor TOML text as
        the path of a file. Off by default: a name that comes from a user
        (the app, a URL) resolves only to the bundled presets and never
        reads a file; the command line's ``--scenario FILE`` sets it.

    Returns
    -------
    Scenario

    Raises
    ------
    ValidationError
        For an unknown name (with the closest presets), an unreadable or
        invalid file or text, or a value of another type.
    """
    if isinstance(name_or_path, Scenario):
        return name_or_path
    known = presets()
    if name_or_path is None:
        return known["baseline"]
    if isinstance(name_or_path, Path):  # a Path object: the caller means a file
        return Scenario.from_toml(name_or_path)
    if isinstance(name_or_path, bytes | bytearray | memoryview):
        return Scenario.from_toml(name_or_path)
    if isinstance(name_or_path, Mapping):
        return Scenario.from_dict(name_or_path)
    if not isinstance(name_or_path, str):
        message = (
            "a scenario must be a preset name, TOML text, a table or a Scenario, "
            f"got {type_name(name_or_path)}"
        )
        raise ValidationError([Problem("scenario", None, None, message)])
    if name_or_path in known:
        return known[name_or_path]
    if "\n" in name_or_path or "=" in name_or_path:
        return Scenario.from_toml(name_or_path)
    if allow_path and os.path.lexists(name_or_path):  # lexists: False (not an error) for a NUL or a long name
        return Scenario.from_toml(Path(name_or_path))
    hint = suggest(name_or_path[:200], known, None)
    what = "preset scenario or file" if allow_path else "preset scenario"
    message = f"no {what} named {describe(name_or_path)}{hint}; presets: {', '.join(known)}"
    if not allow_path and _looks_like_a_path(name_or_path):
        message += " (a file path is not accepted here: give the scenario's TOML text)"
    raise ValidationError([Problem("scenario", None, None, message)])



def _looks_like_a_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.startswith("~") or text.strip().lower().endswith(".toml")
