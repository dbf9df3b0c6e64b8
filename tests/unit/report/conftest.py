"""Fixtures for the tests of corridors.report: the hand-checked toy network of the engine tests.

The toy network and its round-number parameters live in ``tests/engine/conftest.py``
(package ``engine``); they are imported from there, not copied.
"""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[2]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from engine.conftest import toy, toy_params  # noqa: E402  (fixtures shared with the engine tests)

__all__ = ["toy", "toy_params"]
