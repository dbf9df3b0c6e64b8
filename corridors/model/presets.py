"""The bundled preset scenarios, and finding a scenario from what a caller gives.

:func:`presets` reads ``corridors/data/scenarios/*.toml`` once.
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
from corridors._text import describe, suggest
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
    found = {}
    for path in sorted(PRESETS_DIR.glob("*.toml")):
        scenario = Scenario.from_toml(path)
        found[scenario.name] = scenario
    order = sorted(found, key=lambda n: (n != "baseline", n))
    return tuple((n, found[n]) for n in order)


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
