"""Checks on a feature's geometry (corridors.network.geometry): positions, lines, antimeridian cuts, budgets.

(Named ``test_network_geometry`` because ``tests/unit/viz/test_geometry.py`` exists and
test basenames must be unique across the tests tree.)
"""

from __future__ import annotations

import json

import pytest
from shapely.geometry import LineString, MultiLineString, Point

from corridors._errors import Collector
from corridors.network.geometry import line, point
from corridors.network.properties import Budget, Feature

# one broken file per problem: (stem, feature index, field, text in the message)
BROKEN_FILES = [
    ("swapped_lat_lon", 1, "geometry", "looks like [lat, lon] order"),
    ("out_of_range", 1, "geometry", "out of range"),
    ("nan_coordinate", 0, "geometry", "NaN"),
    ("multilinestring_not_cut", 2, "geometry", "only allowed for a leg cut at the antimeridian"),
    ("uncut_antimeridian", 2, "geometry", "crosses the antimeridian between positions 2 and 3"),
]


@pytest.mark.parametrize(("stem", "index", "field", "text"), BROKEN_FILES, ids=[b[0] for b in BROKEN_FILES])
def test_broken_file_names_file_feature_and_field(check_broken_file, stem, index, field, text):
    check_broken_file(stem, index, field, text)


def test_huge_number_coordinate_is_a_problem(builders, read_problems, find):
    doc = builders.collection(builders.node("RUAAA", 30.0, 60.0))
    text = json.dumps(doc).replace("30.0", "1e400")
    find(read_problems(text), index=0, field="geometry", text="expected a finite number")


# -- the checks on their own -------------------------------------------------------------------


def _check(check, geometry, **limits):
    out = Collector("g.geojson")
    budget = Budget(**{"max_positions": 100, "max_vertices": 10, "max_parts": 3, **limits})
    result = check(Feature(0, {"properties": {"id": "G"}}, out, budget), geometry, budget)
    return result, [p.message for p in out.report()], budget


def test_a_point_uses_one_position():
    result, problems, budget = _check(point, {"type": "Point", "coordinates": [30, 60, 5]})
    assert result == Point(30, 60) and not problems and budget.used == 1


def test_a_line_uses_its_positions():
    result, problems, budget = _check(line, {"type": "LineString", "coordinates": [[30, 60], [31, 61]]})
    assert result == LineString([(30, 60), (31, 61)]) and not problems and budget.used == 2


def test_an_antimeridian_cut_is_a_multilinestring():
    cut = [[[170, 60], [180, 61]], [[-180, 61], [-170, 62]]]
    result, problems, _ = _check(line, {"type": "MultiLineString", "coordinates": cut})
    assert isinstance(result, MultiLineString) and not problems


def test_too_many_vertices_are_counted_not_read():
    coords = [[0, i / 100] for i in range(11)]
    result, problems, budget = _check(line, {"type": "LineString", "coordinates": coords})
    assert result is None and budget.used == 11
    assert problems == ["11 positions, over the limit of 10 per geometry: simplify the line"]


def test_too_many_parts():
    parts = [[[0, 0], [1, 1]]] * 4
    result, problems, _ = _check(line, {"type": "MultiLineString", "coordinates": parts})
    assert result is None and "a MultiLineString of 4 lines, over the limit of 3" in problems[0]


def test_an_exhausted_budget_stops_reading():
    result, problems, budget = _check(line, {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, max_positions=1)
    assert result is None and not problems and budget.exhausted


def test_at_most_three_position_problems_then_a_count():
    coords = [[0, 0], *[[200, 0]] * 5]
    result, problems, _ = _check(line, {"type": "LineString", "coordinates": coords})
    assert result is None
    assert len(problems) == 4 and problems[-1] == "2 more positions with problems"


def test_a_zero_length_line_is_a_problem():
    _, problems, _ = _check(line, {"type": "LineString", "coordinates": [[1, 1], [1, 1]]})
    assert problems == ["all positions are the same point: the line has zero length"]


def test_a_line_needs_two_positions():
    _, problems, _ = _check(line, {"type": "LineString", "coordinates": [[1, 1]]})
    assert problems == ["a line needs an array of at least 2 positions, got 1 position(s)"]
