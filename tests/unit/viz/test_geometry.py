"""corridors.viz.geometry: antimeridian cuts, rounding, centring, the fitting view."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, MultiLineString

from corridors.viz import geometry


def test_split_antimeridian_cuts_a_jump():
    parts = geometry.split_antimeridian([[170.0, 60.0], [-170.0, 62.0]])
    assert len(parts) == 2
    assert parts[0][-1][0] == 180.0 and parts[1][0][0] == -180.0
    assert parts[0][-1][1] == pytest.approx(61.0) == parts[1][0][1]


def test_multilinestring_parts_become_separate_paths():
    geom = MultiLineString([[(170.0, 60.0), (180.0, 61.0)], [(-180.0, 61.0), (-170.0, 62.0)]])
    paths = geometry.geometry_paths(geom)
    assert len(paths) == 2
    for path in paths:
        assert all(abs(b[0] - a[0]) <= 180 for a, b in zip(path, path[1:], strict=False))


def test_paths_are_rounded_and_simplified():
    line = LineString([(10.123456789, 20.987654321), (10.5, 21.0), (11.0, 21.0)])
    path = geometry.geometry_paths(line, precision=4)[0]
    assert path[0] == [10.1235, 20.9877]


def test_round_coords_drops_repeated_points():
    assert geometry.round_coords([(1.00001, 2.0), (1.00002, 2.0), (3.0, 4.0)], 3) == [[1.0, 2.0], [3.0, 4.0]]


def test_wrap_lon_and_centre_path_move_by_whole_turns():
    assert geometry.wrap_lon(-170.0, 150.0) == pytest.approx(190.0)
    assert geometry.wrap_lon(10.0, 0.0) == pytest.approx(10.0)
    path = [[-175.0, 60.0], [-170.0, 61.0]]
    assert geometry.centre_path(path, 150.0) == [[185.0, 60.0], [190.0, 61.0]]
    assert geometry.centre_path(path, None) is path
    assert geometry.centre_path(path, -170.0) is path


def test_fit_view_centres_a_network_across_the_antimeridian():
    view = geometry.fit_view([(30.0, 60.0), (170.0, 70.0), (-170.0, 65.0)])
    assert 60 < view["longitude"] < 140
    view = geometry.fit_view([(170.0, 60.0), (-170.0, 60.0)])
    assert abs(abs(view["longitude"]) - 180.0) < 1e-6
    assert view["zoom"] > 3
