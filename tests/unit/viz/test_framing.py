"""Framing the map on a route: flat bounds, the globe centre (NSR from the pole), the globe's scale."""

from __future__ import annotations

import math

import pytest

from corridors.routing.route import route
from corridors.viz.framing import MAP_HEIGHT, MAP_WIDTH, globe_radius_px, globe_view, globe_zoom, route_view
from corridors.viz.records import route_paths


def _paths(network, origin, destination, scenario=None, corridor=None):
    found = route(network, origin, destination, scenario=scenario, alternatives=5)
    chosen = next(r for r in found.routes if corridor is None or any(leg.corridor == corridor for leg in r.legs))
    return route_paths(network.legs, [leg.leg_id for leg in chosen.legs], center=90.5), chosen


def _project(lon, lat, view):
    scale = 512.0 * 2 ** view["zoom"]
    merc = lambda phi: math.log(math.tan(math.pi / 4 + math.radians(phi) / 2))  # noqa: E731
    return ((lon - view["longitude"]) / 360.0 * scale, (merc(lat) - merc(view["latitude"])) / (2 * math.pi) * scale)


def test_flat_view_fits_the_route_bounds(network):
    paths, _ = _paths(network, "INNSA", "RUMOW")
    view = route_view(paths, center=90.5)
    pts = [p for path in paths for p in path]
    xs, ys = zip(*(_project(x, y, view) for x, y in pts), strict=True)
    assert max(abs(x) for x in xs) <= MAP_WIDTH / 2 and max(abs(y) for y in ys) <= MAP_HEIGHT / 2, "the whole route in the panel"
    assert max(xs) - min(xs) > 0.5 * MAP_WIDTH or max(ys) - min(ys) > 0.5 * MAP_HEIGHT, "and filling it"
    assert view["zoom"] > 2.5, "closer than the whole network"
    assert 50 < view["longitude"] < 75 and 25 < view["latitude"] < 50
    assert route_view([]) is None


def test_flat_view_stays_on_the_maps_side_of_the_antimeridian():
    view = route_view([[[178.0, 65.0], [190.0, 66.0]]], center=90.5)
    assert 178 <= view["longitude"] <= 190


def test_globe_looks_at_an_nsr_route_from_the_north(network):
    paths, found = _paths(network, "RULED", "RUVVO", "nsr-summer", corridor="nsr")
    assert sum(leg.corridor == "nsr" for leg in found.legs) >= 3, "an NSR route"
    view = route_view(paths, globe=True)
    assert view["latitude"] > 65, view
    assert 60 < view["longitude"] < 140
    suez, _ = _paths(network, "INNSA", "NLRTM")
    assert route_view(suez, globe=True)["latitude"] < 45


def test_globe_zoom_uses_the_panel_width():
    view = globe_view([[40, 70], [100, 70], [170, 68]])
    radius = globe_radius_px(view["zoom"], view["latitude"])
    assert radius * 2 > MAP_HEIGHT, "zoomed in past the whole hemisphere: the route fills the width"
    whole = globe_view([[0, 0], [180, 0], [90, 89], [-90, -89]])
    assert globe_radius_px(whole["zoom"], whole["latitude"]) * 2 <= MAP_HEIGHT


@pytest.mark.parametrize("lat", [0.0, 40.0, 75.0, 89.0])
def test_globe_zoom_inverts_the_radius(lat):
    assert globe_radius_px(globe_zoom(300.0, lat), lat) == pytest.approx(300.0)
