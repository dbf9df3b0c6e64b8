"""Fixtures for the model unit tests: the engine tests' hand-checked toy network.

The toy network and its round-number parameters have one home,
``tests/engine/conftest.py`` (the ``engine`` test package); its ``toy`` and
``toy_params`` fixtures are re-exported here (as for the routing unit tests).
"""

from __future__ import annotations

import sys
from pathlib import Path

_TESTS = str(Path(__file__).resolve().parents[2])
if _TESTS not in sys.path:  # the folder pytest's rootdir import mode puts there for the ``engine`` package
    sys.path.insert(0, _TESTS)

from engine.conftest import toy, toy_params  # noqa: E402

__all__ = ["toy", "toy_params"]
