"""A node far outside the country it names (corridors.network.placement)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
import shapely
from pyproj import Geod

from corridors.network import placement
from corridors.network.convert import gdf_records
from corridors.network.loader import load_network
from corridors.network.read import read_all, read_geojson

SWAPPED = "are lon and lat swapped? swapped it would be in India"


def _node(node_id: str, lon: float, lat: float, country: str = "IN", kind: str = "seaport") -> dict:
    return {"country": country, "kind": kind, "geometry": shapely.Point(lon, lat)}


def _problems(**nodes: dict) -> list[tuple[str, str, str]]:
    return placement.placement_problems(nodes, nodes)


def test_nhava_sheva_with_lon_and_lat_swapped_is_reported_with_every_other_problem(write_fc, builders, problems_of):
    swapped = builders.node("INNSA", 18.95, 72.95, name="Nhava Sheva", country="IN")  # the Barents Sea
    vvo = builders.node("RUVVO", 131.88, 43.11, name="Vladivostok")
    nowhere = builders.leg("L-1", "RUVVO", "NOWHERE", [[131.88, 43.11], [132.0, 43.0]], mode="rail", gauge_mm=1520)
    problems = problems_of(read_all, [write_fc("swapped.geojson", swapped, vvo, nowhere)], land=True)
    (problem,) = [p for p in problems if p.feature_id == "INNSA"]
    assert (problem.source, problem.index, problem.field) == ("swapped.geojson", 0, "geometry")
    assert "node 'INNSA' lies about 5,2" in problem.message and "km outside India (country 'IN')" in problem.message
    assert SWAPPED in problem.message
    assert any("'to' node 'NOWHERE' is not in any file" in p.message for p in problems)  # the same report


def test_nhava_sheva_where_it_is_passes(write_fc, builders):
    nodes, _ = read_all([write_fc("right.geojson", builders.node("INNSA", 72.95, 18.95, country="IN"))], land=True)
    assert list(nodes.index) == ["INNSA"]


def test_a_swapped_node_uploaded_onto_the_bundled_network_is_refused():
    upload = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "id": "IN-SWAP",
                    "name": "Swapped",
                    "country": "IN",
                    "kind": "seaport",
                    "source": "test",
                },
                "geometry": {"type": "Point", "coordinates": [18.95, 72.95]},
            }
        ],
    }
    with pytest.raises(ValueError, match=re.escape(SWAPPED)):
        load_network().with_extra(json.dumps(upload).encode(), names=["mine.geojson"])


def test_a_schematic_file_read_alone_is_not_checked(write_fc, builders):
    nodes, _ = read_geojson(write_fc("schematic.geojson", builders.node("INNSA", 18.95, 72.95, country="IN")))
    assert list(nodes.index) == ["INNSA"]


def test_a_node_in_the_wrong_country_gets_no_swap_hint():
    ((node_id, message, field),) = _problems(MOSCOW=_node("MOSCOW", 37.62, 55.75, country="FR"))
    assert (node_id, field) == ("MOSCOW", "geometry")
    assert "outside France (country 'FR'), more than the 150 km allowed" in message and "swapped" not in message


def test_the_distance_is_geodesic_within_one_percent():
    """Against a brute force: the WGS84 distance to every point of the outline densified to 2 km."""
    india = placement._country(str(placement.BASEMAP_PATH), "IN")
    outline = shapely.get_coordinates(shapely.segmentize(shapely.boundary(india.whole), 0.02))
    for lon, lat in [(18.95, 72.95), (37.62, 55.75), (-150.0, 62.0), (60.0, 10.0)]:
        _, _, metres = Geod(ellps="WGS84").inv(np.full(len(outline), lon), np.full(len(outline), lat), *outline.T)
        got = placement._distances_km(india, np.array([lon]), np.array([lat]))[0]
        assert got == pytest.approx(metres.min() / 1000, rel=0.01)


def test_the_tolerance_and_the_antimeridian():
    assert _problems(CHUKOTKA=_node("CHUKOTKA", -175.0, 66.0, country="RU")) == []  # Russia east of 180°
    ((_, message, _),) = _problems(ALASKA=_node("ALASKA", -150.0, 62.0, country="RU"))
    assert "outside Russia" in message
    # Mumbai is on the coast: 100 km out to sea is within the tolerance, 300 km is not
    assert _problems(OFF=_node("OFF", 71.9, 18.95)) == []
    assert len(_problems(FAR=_node("FAR", 69.9, 18.95))) == 1


def test_sea_nodes_and_countries_not_in_the_basemap_are_not_checked():
    assert (
        _problems(
            WP=_node("WP", 0.0, 0.0, kind="sea_waypoint"),
            ST=_node("ST", 0.0, 0.0, kind="strait"),
            XX=_node("XX", 0.0, 0.0, country="XX"),
            SG=_node("SG", 0.0, 0.0, country="SG"),  # Singapore: too small for the 1:110m outlines
        )
        == []
    )


def test_a_country_without_a_code_in_the_basemap_is_found_by_name(tmp_path):
    france = placement._countries(str(placement.BASEMAP_PATH))[0]["FRA"][1]
    feature = {
        "type": "Feature",
        "properties": {"name": "France", "iso_a3": "-99"},
        "geometry": json.loads(shapely.to_geojson(france)),
    }
    path = tmp_path / "basemap.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    nodes = {"PARIS": _node("PARIS", 2.35, 48.86, country="FR"), "BERLIN": _node("BERLIN", 13.4, 52.52, country="FR")}
    assert [p[0] for p in placement.placement_problems(nodes, nodes, path)] == ["BERLIN"]


@pytest.mark.parametrize("text", [None, "{not json", '{"type": "FeatureCollection"}'])
def test_a_missing_or_unreadable_basemap_skips_the_check(tmp_path, text):
    path = tmp_path / "basemap.geojson"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    nodes = {"INNSA": _node("INNSA", 18.95, 72.95)}
    assert placement.placement_problems(nodes, nodes, path) == []


def test_every_bundled_node_lies_in_its_country():
    nodes = {row["id"]: row for row in gdf_records(load_network().nodes)}
    assert placement.placement_problems(nodes, nodes) == []
    # and with room to spare: the farthest bundled node is about 50 km out (Khorgos, on the border)
    worst = max(
        placement._distances_km(country, np.array([row["geometry"].x]), np.array([row["geometry"].y]))[0]
        for row in nodes.values()
        if row["kind"] not in placement.AT_SEA_KINDS
        and (country := placement._country(str(placement.BASEMAP_PATH), row["country"])) is not None
    )
    assert 10 < worst < placement.TOLERANCE_KM / 2
