"""Helpers for the tests of corridors.network: the problems a call raises, and finding one of them.

The mini network and the feature builders (``mini_network``, ``builders``,
``write_fc``, ``validation_file``) come from ``tests/unit/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from corridors import ValidationError
from corridors._errors import Problem
from corridors.network.read import read_geojson


@pytest.fixture
def problems_of() -> Callable[..., list[Problem]]:
    """``problems_of(call, *args, **kw)``: the problems of the ValidationError `call` raises."""

    def _problems(call: Callable[..., Any], *args: Any, **kw: Any) -> list[Problem]:
        with pytest.raises(ValidationError) as info:
            call(*args, **kw)
        return info.value.problems

    return _problems


@pytest.fixture
def read_problems(problems_of) -> Callable[..., list[Problem]]:
    """``read_problems(source, **kw)``: the problems :func:`read_geojson` raises for `source`."""
    return lambda source, **kw: problems_of(read_geojson, source, **kw)


@pytest.fixture
def find() -> Callable[..., Problem]:
    """``find(problems, text=..., index=..., field=..., source=...)``: the first problem that matches.

    `text` must be in the message; every other keyword must equal the problem's attribute.
    """

    def _find(problems: list[Problem], **expected: Any) -> Problem:
        text = expected.pop("text")
        hits = [
            p for p in problems if text in p.message and all(getattr(p, k) == v for k, v in expected.items())
        ]
        assert hits, "\n".join(map(str, problems))
        return hits[0]

    return _find


@pytest.fixture
def check_broken_file(validation_file, read_problems, find) -> Callable[[str, int | None, str | None, str], None]:
    """``check_broken_file(stem, index, field, text)``: reading tests/fixtures/validation/<stem>.geojson
    reports `text` at feature `index`, field `field`, and the report names the file, feature and field."""

    def _check(stem: str, index: int | None, field: str | None, text: str) -> None:
        problem = find(read_problems(validation_file(stem)), index=index, field=field, text=text)
        assert problem.source == f"{stem}.geojson"
        line = str(problem)
        assert line.startswith(f"{stem}.geojson: ")
        if index is not None:
            assert f"feature {index}" in line
        if field is not None:
            assert f"field '{field}'" in line

    return _check
