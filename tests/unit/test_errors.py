"""Problems and the error classes (corridors._errors): one line per problem, capped reports."""

from __future__ import annotations

import pytest

from corridors import CorridorsError, ValidationError
from corridors._errors import Collector, Problem


def test_problem_str_matches_contract():
    problem = Problem("instc.geojson", 12, "mode", "unknown mode 'train'", "INSTC-QZV-RSH")
    assert str(problem) == "instc.geojson: feature 12 (id 'INSTC-QZV-RSH'): field 'mode': unknown mode 'train'"
    assert str(Problem("a.geojson", None, None, "not valid JSON")) == "a.geojson: not valid JSON"


def test_validation_error_is_one_line_per_problem_and_a_value_error():
    err = ValidationError([Problem("a", 1, "x", "bad\nthing"), Problem("b", None, None, "worse")])
    assert str(err).splitlines() == ["a: feature 1: field 'x': bad thing", "b: worse"]
    assert isinstance(err, ValueError)
    assert isinstance(err, CorridorsError)
    assert str(ValidationError("plain message")) == "plain message"


def test_collector_caps_the_report_and_counts_the_rest():
    collector = Collector("big.geojson", limit=3)
    for i in range(10):
        collector.add("bad", index=i)
    report = collector.report()
    assert len(report) == 4
    assert report[-1].message == "7 more problems not listed"
    with pytest.raises(ValidationError):
        collector.raise_if_any()
    Collector("fine").raise_if_any()  # nothing recorded: no error
