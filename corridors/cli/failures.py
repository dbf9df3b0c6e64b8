"""How a ``corridors`` command fails: a message on standard error and an exit status, never a traceback.

- :class:`Parser`: argparse, with its usage errors on standard error only.
- :func:`report`: a :class:`~corridors.ValidationError` as ``error: N problems found:`` and one line each.
- :func:`unexpected`: anything else. A data file bundled with the package
  that is missing or corrupt is found (:mod:`corridors.cli.datafiles`) and
  named (status 1); otherwise the error in one line (status 2).
"""

from __future__ import annotations

import argparse
import os
from typing import NoReturn

from corridors import _text
from corridors._errors import ValidationError
from corridors._paths import DATA_DIR
from corridors.cli import streams
from corridors.cli.common import EXIT_ERROR, EXIT_INVALID, bundled_name

__all__ = ["Parser", "report", "unexpected"]


class Parser(argparse.ArgumentParser):
    """argparse with its usage errors on standard error only (argparse falls back to stdout when it is closed)."""

    def error(self, message: str) -> NoReturn:
        streams.write_error(f"{self.format_usage()}{self.prog}: error: {message}")
        raise SystemExit(EXIT_ERROR)


def report(err: ValidationError) -> None:
    """Write `err` as ``error: N problems found:`` and one line per problem (a bundled file by its name in ``data/``)."""
    count = len(err.problems)
    text = str(err).replace(f"{DATA_DIR}{os.sep}", "")  # a bundled file by its name inside corridors/data/
    streams.write_error(f"error: {count} problem{'s' if count != 1 else ''} found:\n{text}")


def unexpected(err: Exception) -> int:
    """A data file of the package missing or corrupt (status 1, each named), else the error in one line (status 2)."""
    from corridors.cli.datafiles import bundled_problems  # noqa: PLC0415

    try:
        problems = bundled_problems()
    except Exception:  # noqa: BLE001 - the check itself failed: report the first error
        problems = []
    if problems:
        report(ValidationError(problems))
        return EXIT_INVALID
    if isinstance(err, OSError):
        name = err.filename if isinstance(err.filename, str) else None
        bundled = bundled_name(name) if name else None
        shown = f" {bundled or _text.hide_paths(repr(name))}" if name else ""
        streams.write_error(f"error: cannot read{shown}: {err.strerror or _text.one_line(err)}")
        return EXIT_INVALID if bundled else EXIT_ERROR
    detail = _text.hide_paths(f"{type(err).__name__}: {_text.one_line(err)}")[:500]
    streams.write_error(f"error: unexpected error ({detail}); please report it")
    return EXIT_ERROR
