"""Hardening tests: fuzzing of every input path of the data layer, limits, injection.

How many examples
-----------------
The fuzz tests run a bounded, derandomized number of examples (the
``corridors-ci`` Hypothesis profile, fixed seed, no example database) so the
suite stays fast and gives the same result on every run. For a longer,
randomized run, either

- pass ``--fuzz-long`` when the run names this folder (pytest only reads
  options from a conftest it loads at start-up)::

      ./dev test tests/hardening --fuzz-long

- or set ``CORRIDORS_FUZZ_EXAMPLES`` (works for any pytest command line)::

      CORRIDORS_FUZZ_EXAMPLES=5000 ./dev test tests/hardening

Both switch to the ``corridors-long`` profile (random seed, examples saved to
``.hypothesis/``); ``--fuzz-long`` alone means 2,000 examples per test.
"""

from __future__ import annotations

import contextlib
import os

import fuzz_settings
import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        default=False,
        help="run the hardening fuzz tests with many random examples "
        f"(default {fuzz_settings.LONG_EXAMPLES}; or set {fuzz_settings.ENV_VAR}=N)",
    )


def pytest_configure(config: pytest.Config) -> None:
    long_run = False
    with contextlib.suppress(ValueError):  # the option was not registered (this conftest was not loaded at start-up)
        long_run = bool(config.getoption("--fuzz-long"))
    fuzz_settings.configure(long_run=long_run, env=os.environ.get(fuzz_settings.ENV_VAR))


def pytest_report_header(config: pytest.Config) -> str:
    return f"corridors fuzz: {fuzz_settings.describe()}"


@pytest.fixture(scope="session")
def base_network():
    """The bundled network (the shared, cached one: tests must not change it)."""
    from corridors.network.loader import load_network

    return load_network()
