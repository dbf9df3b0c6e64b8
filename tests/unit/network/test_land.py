"""Where a line runs over land (corridors.network.land), against the bundled 1:110m outlines."""

from __future__ import annotations

from shapely.geometry import LineString, MultiLineString

from corridors.network.land import land_crossings

NHAVA_SHEVA = (72.95, 18.95)
MOSCOW = (37.64, 55.73)


def test_a_line_across_eurasia_crosses_thousands_of_km_of_land():
    crossings = land_crossings(LineString([NHAVA_SHEVA, MOSCOW]))
    assert crossings[0].km > 1000
    assert sum(c.km for c in crossings) > 3000
    assert crossings == sorted(crossings, key=lambda c: -c.km)


def test_a_line_over_open_sea_crosses_nothing():
    # Arabian Sea, Mumbai offshore to the Gulf of Oman
    assert land_crossings(LineString([(70.0, 18.0), (60.0, 23.0)])) == []


def test_pieces_split_by_a_land_border_are_one_crossing():
    # France -> Germany -> Poland: eroded countries leave gaps at the borders
    crossings = land_crossings(LineString([(2.0, 49.0), (20.0, 52.0)]))
    assert len(crossings) == 1
    assert 1200 < crossings[0].km < 1400


def test_a_crossing_that_reaches_the_lines_end_says_so():
    (crossing,) = land_crossings(LineString([(47.8, 45.1), (48.03, 46.35)]))  # north Caspian up to Astrakhan
    assert crossing.at_end and not crossing.at_start


def test_each_part_of_an_antimeridian_cut_is_checked():
    # Chukotka, across the cut at 180 degrees
    cut = MultiLineString([[(176.0, 66.0), (180.0, 66.5)], [(-180.0, 66.5), (-176.0, 67.0)]])
    assert land_crossings(cut)


def test_an_unreadable_outline_file_skips_the_check(tmp_path):
    broken = tmp_path / "land.geojson"
    broken.write_text("{not json", encoding="utf-8")
    assert land_crossings(LineString([NHAVA_SHEVA, MOSCOW]), broken) == []
