"""Geodesic lengths and antimeridian cuts, checked against hand-computed values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString, Point

from corridors.network.geodesy import (
    KM_PER_NM,
    cut_antimeridian,
    great_circle_km,
    is_antimeridian_cut,
    join_antimeridian,
    length_km,
    length_nm,
)


def test_one_degree_of_meridian_at_the_equator():
    # WGS84 meridian arc from 0° to 1°: 110.574 km
    assert length_km(LineString([(0, 0), (0, 1)])) == pytest.approx(110.574, abs=0.001)


def test_one_degree_of_equator():
    # a * pi / 180 with a = 6378.137 km
    assert great_circle_km(0, 0, 1, 0) == pytest.approx(111.3195, abs=0.0001)


def test_nautical_miles():
    line = LineString([(0, 0), (0, 1)])
    assert length_nm(line) == pytest.approx(length_km(line) / 1.852)
    assert KM_PER_NM == 1.852


def test_multilinestring_is_the_sum_of_its_parts():
    a, b = LineString([(0, 0), (0, 1)]), LineString([(10, 0), (10, 2)])
    assert length_km(MultiLineString([a, b])) == pytest.approx(length_km(a) + length_km(b))


def test_segment_over_the_antimeridian_is_short():
    assert length_km(LineString([(179, 0), (-179, 0)])) == pytest.approx(2 * 111.3195, abs=0.001)


def test_length_rejects_points():
    with pytest.raises(TypeError):
        length_km(Point(0, 0))


def test_cut_eastward_crossing():
    line = LineString([(170, 60), (-170, 62)])
    cut = cut_antimeridian(line)
    assert isinstance(cut, MultiLineString)
    first, second = (list(part.coords) for part in cut.geoms)
    assert first[0] == (170, 60) and first[-1][0] == 180
    assert second[0][0] == -180 and second[-1] == (-170, 62)
    assert first[-1][1] == second[0][1]
    assert 60 < first[-1][1] < 62.5  # the geodesic bulges north of the straight lon/lat segment
    assert is_antimeridian_cut(cut)


def test_cut_westward_crossing_and_several_crossings():
    line = LineString([(-175, 65), (175, 66), (-178, 67)])
    cut = cut_antimeridian(line)
    parts = [list(part.coords) for part in cut.geoms]
    assert len(parts) == 3
    assert parts[0][-1][0] == -180 and parts[1][0][0] == 180
    assert parts[1][-1][0] == 180 and parts[2][0][0] == -180
    assert is_antimeridian_cut(cut)


def test_cut_length_equals_uncut_length():
    line = LineString([(158.65, 53.05), (172, 60), (-170, 65.5), (-169, 65.8)])
    cut = cut_antimeridian(line)
    assert isinstance(cut, MultiLineString)
    assert length_km(cut) == pytest.approx(length_km(line), rel=1e-9)
    # and both equal the sum of the vertex-to-vertex great circles
    coords = list(line.coords)
    hops = sum(great_circle_km(*a, *b) for a, b in zip(coords, coords[1:], strict=False))
    assert length_km(line) == pytest.approx(hops, rel=1e-12)


def test_cut_keeps_input_coordinates_exactly():
    cut = cut_antimeridian(LineString([(-169, 65.8), (-179, 67), (175, 69), (170.27, 69.7)]))
    coords = [c for part in cut.geoms for c in part.coords]
    assert (170.27, 69.7) in coords and (-179, 67) in coords


def test_line_not_crossing_is_returned_unchanged():
    line = LineString([(10, 10), (20, 20)])
    assert cut_antimeridian(line) is line


def test_unwrapped_input_is_cut_into_range():
    cut = cut_antimeridian(LineString([(170, 60), (190, 61), (200, 62)]))
    assert [round(c[0], 6) for c in cut.geoms[1].coords] == [-180, -170, -160]


def test_vertex_on_the_antimeridian_becomes_the_cut():
    cut = cut_antimeridian(LineString([(179, 60), (180, 61), (-179, 62)]))
    assert [list(p.coords) for p in cut.geoms] == [[(179, 60), (180, 61)], [(-180, 61), (-179, 62)]]


@pytest.mark.parametrize(
    "geometry",
    [
        LineString([(179, 0), (180, 1)]),
        MultiLineString([[(170, 0), (180, 1)]]),  # one part only
        MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3)]]),  # not at ±180
        MultiLineString([[(170, 0), (180, 1)], [(180, 1), (170, 2)]]),  # same side, not opposite
        MultiLineString([[(170, 0), (180, 1)], [(-180, 1.5), (-170, 2)]]),  # latitudes differ
        MultiLineString([[(170, 0), (180, 1)], [(-180, 1), (170, 2)]]),  # a part jumps back across
    ],
)
def test_not_an_antimeridian_cut(geometry):
    assert not is_antimeridian_cut(geometry)


def test_join_undoes_the_cut():
    line = LineString([(170, 60), (-175, 61), (-170, 62)])
    joined = join_antimeridian(cut_antimeridian(line))
    assert joined.coords[0] == (170, 60)
    assert joined.coords[-1] == pytest.approx((190, 62))
    assert len(joined.coords) == 4  # the cut point stays, once
    assert length_km(joined) == pytest.approx(length_km(line), rel=1e-9)


lons = st.floats(min_value=-179.9, max_value=179.9)
lats = st.floats(min_value=-80, max_value=80)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(lons, lats), min_size=2, max_size=6))
def test_any_line_cut_keeps_its_length(points):
    steps = [abs(b[0] - a[0]) for a, b in zip(points, points[1:], strict=False)]
    if any(abs(s - 180) < 1e-3 for s in steps):  # exactly half-way round is ambiguous
        return
    line = LineString(points)
    cut = cut_antimeridian(line)
    assert length_km(cut) == pytest.approx(length_km(line), rel=1e-7, abs=1e-6)
    if isinstance(cut, MultiLineString):
        assert is_antimeridian_cut(cut)
        for part in cut.geoms:
            assert all(-180 <= x <= 180 for x, _ in part.coords)
