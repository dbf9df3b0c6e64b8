"""The data files bundled with the package, checked: each missing or corrupt one named with its problem.

The corridor GeoJSON files have their own report (:func:`corridors.load_network`).
The others are read by their own modules (``defaults.toml`` by
:mod:`corridors.model.params`, ``ice.toml`` by :mod:`corridors.model.ice_table`,
the presets by :mod:`corridors.model.presets`, ``claims.toml`` and
``calibration.toml`` by :mod:`corridors.report`, the gazetteer by
:mod:`corridors.network.places`). :func:`bundled_problems` loads each one
through its own loader and turns whatever goes wrong (a
:class:`~corridors.ValidationError`, a file that cannot be read, bytes that
are not UTF-8, anything else) into problems naming the file as it is inside
``corridors/data/`` (``defaults.toml``, ``scenarios/baseline.toml``), never
the folder it is installed in. The command line calls it when a command
fails unexpectedly; the app before any page runs.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import Any

from corridors._errors import Problem, ValidationError
from corridors._paths import DATA_DIR
from corridors._text import hide_paths, one_line

__all__ = ["BUNDLED_FILES", "bundled_problems", "check_bundled"]

_HINT = "restore it (or reinstall the corridors package)"


def _defaults() -> Any:
    from corridors.model.params import default_params  # noqa: PLC0415

    return default_params()


def _ice() -> Any:
    from corridors.model.ice_table import ice_table  # noqa: PLC0415

    return ice_table()


def _presets() -> Any:
    from corridors.model.presets import presets  # noqa: PLC0415

    return presets()


def _claims() -> Any:
    from corridors.report.claims import load_claims  # noqa: PLC0415

    return load_claims()


def _calibration() -> Any:
    from corridors.report.calibration import calibration_table  # noqa: PLC0415

    return calibration_table()


def _gazetteer() -> Any:
    from corridors.network.places import load_gazetteer  # noqa: PLC0415

    return load_gazetteer()


#: Each bundled file (its name inside ``corridors/data/``) and the function that loads it (cached by its module).
BUNDLED_FILES: tuple[tuple[str, Callable[[], Any]], ...] = (
    ("defaults.toml", _defaults),
    ("ice.toml", _ice),
    ("scenarios", _presets),
    ("claims.toml", _claims),
    ("calibration.toml", _calibration),
    ("gazetteer.csv.gz", _gazetteer),
)


def bundled_problems() -> list[Problem]:
    """Load every bundled data file; return the problems of those that fail (empty: all good).

    Returns
    -------
    list of Problem
        Each names the file inside ``corridors/data/`` and what is wrong; a
        file that depends on a broken one (the presets on ``defaults.toml``)
        is not reported again.
    """
    problems: list[Problem] = []
    seen: set[str] = set()  # an error met again is a broken file a later one depends on (e.g. ice.toml)
    for name, load in BUNDLED_FILES:
        found = _problems_of(name, load, seen)
        if name == "scenarios" and any(p.source == "defaults.toml" for p in problems):
            continue  # the presets were checked against the broken defaults: nothing new
        problems.extend(p for p in found if p not in problems)
    return problems


def check_bundled() -> None:
    """Raise when a bundled data file is missing or corrupt.

    Raises
    ------
    ValidationError
        Every problem of :func:`bundled_problems`.
    """
    if problems := bundled_problems():
        raise ValidationError(problems)


def _problems_of(name: str, load: Callable[[], Any], seen: set[str]) -> list[Problem]:
    try:
        load()
    except Exception as err:  # noqa: BLE001 - sorted below
        signature = f"{type(err).__name__}: {err}"
        if signature in seen:
            return []
        seen.add(signature)
        return _problems_in(err, name)
    return []


def _problems_in(err: Exception, name: str) -> list[Problem]:
    try:
        raise err
    except ValidationError as err:
        return [_clean(p, name) for p in err.problems]
    except FileNotFoundError as err:
        return [Problem(_where(err, name), None, None, f"cannot read the file: no such file; {_HINT}")]
    except OSError as err:
        reason = err.strerror or one_line(err) or type(err).__name__
        return [Problem(_where(err, name), None, None, f"cannot read the file: {reason}; {_HINT}")]
    except UnicodeDecodeError as err:
        message = f"not UTF-8 text (invalid byte at position {err.start:,}); {_HINT}"
        return [Problem(name, None, None, message)]
    except (EOFError, zlib.error) as err:  # a truncated or corrupt gzip file
        return [Problem(name, None, None, f"corrupt compressed file ({one_line(err)[:200]}); {_HINT}")]
    except Exception as err:  # noqa: BLE001 - a file its loader did not expect: still named
        detail = hide_paths(f"{type(err).__name__}: {one_line(err)}", [DATA_DIR])[:300]
        return [Problem(name, None, None, f"cannot be loaded ({detail}); {_HINT}")]


def _where(err: OSError, name: str) -> str:
    """The file an OSError is about, inside ``corridors/data/`` (else `name`)."""
    from pathlib import Path  # noqa: PLC0415

    if isinstance(err.filename, str):
        try:
            return Path(err.filename).resolve().relative_to(DATA_DIR).as_posix()
        except (ValueError, OSError, RuntimeError):
            pass
    return name


def _clean(problem: Problem, name: str) -> Problem:
    """`problem` without the server's folder (a "cannot read '/srv/.../x.toml'" keeps the file's name)."""
    source = problem.source or name
    return Problem(source, problem.index, problem.field, hide_paths(problem.message, [DATA_DIR]), problem.feature_id)
