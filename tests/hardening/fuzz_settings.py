"""Hypothesis settings for the hardening tests (see conftest.py for the switches).

``corridors-ci``: derandomized (fixed seed), no example database, a bounded
number of examples per test, no deadline (the first call of a test can load
the network). ``corridors-long``: random, with the example database, many
examples. The profiles are registered here but never loaded globally, so the
other test folders keep their own settings; tests use :func:`fuzz`.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

ENV_VAR = "CORRIDORS_FUZZ_EXAMPLES"
CI_EXAMPLES = 150
LONG_EXAMPLES = 2_000

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much, HealthCheck.large_base_example]

settings.register_profile(
    "corridors-ci",
    max_examples=CI_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=_HEALTH,
)
settings.register_profile(
    "corridors-long",
    max_examples=LONG_EXAMPLES,
    deadline=None,
    derandomize=False,
    print_blob=True,
    suppress_health_check=_HEALTH,
)

_state = {"profile": "corridors-ci", "examples": CI_EXAMPLES}


def configure(*, long_run: bool, env: str | None) -> None:
    """Choose the profile: ``--fuzz-long`` or ``CORRIDORS_FUZZ_EXAMPLES=N`` make it long."""
    examples = None
    if env:
        try:
            examples = max(1, int(env))
        except ValueError:
            msg = f"{ENV_VAR} must be a whole number of examples, got {env!r}"
            raise SystemExit(msg) from None
    if long_run or examples is not None:
        _state["profile"] = "corridors-long"
        _state["examples"] = examples or LONG_EXAMPLES
    else:
        _state["profile"] = "corridors-ci"
        _state["examples"] = CI_EXAMPLES


def is_long() -> bool:
    return _state["profile"] == "corridors-long"


def describe() -> str:
    return f"profile {_state['profile']}, {_state['examples']} examples per test"


def fuzz(share: float = 1.0, **overrides: object) -> settings:
    """Settings for one fuzz test: `share` of the profile's examples (at least 10)."""
    examples = max(10, round(_state["examples"] * share))
    return settings(settings.get_profile(_state["profile"]), max_examples=examples, **overrides)
