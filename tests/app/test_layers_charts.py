"""corridors.viz.deck and corridors.viz.charts (no streamlit)."""

from __future__ import annotations

import json
import sys

import pandas as pd
import pytest
from shapely.geometry import LineString, MultiLineString

from corridors._paths import BASEMAP_PATH
from corridors.viz import charts
from corridors.viz import deck as layers

EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_modules_do_not_import_streamlit():
    import ast

    for name in ("corridors.viz.deck", "corridors.viz.charts"):
        tree = ast.parse(open(sys.modules[name].__file__, encoding="utf-8").read())
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(m.split(".")[0] == "streamlit" for m in imported), name


def test_split_antimeridian_cuts_a_jump():
    parts = layers.split_antimeridian([[170.0, 60.0], [-170.0, 62.0]])
    assert len(parts) == 2
    assert parts[0][-1][0] == 180.0 and parts[1][0][0] == -180.0
    assert parts[0][-1][1] == pytest.approx(61.0) == parts[1][0][1]


def test_multilinestring_parts_become_separate_paths():
    geom = MultiLineString([[(170.0, 60.0), (180.0, 61.0)], [(-180.0, 61.0), (-170.0, 62.0)]])
    paths = layers.geometry_paths(geom)
    assert len(paths) == 2
    for path in paths:
        assert all(abs(b[0] - a[0]) <= 180 for a, b in zip(path, path[1:], strict=False))


def test_paths_are_rounded_and_simplified():
    line = LineString([(10.123456789, 20.987654321), (10.5, 21.0), (11.0, 21.0)])
    path = layers.geometry_paths(line, precision=4)[0]
    assert path[0] == [10.1235, 20.9877]


def test_fit_view_centres_a_network_across_the_antimeridian():
    view = layers.fit_view([(30.0, 60.0), (170.0, 70.0), (-170.0, 65.0)])
    assert 60 < view["longitude"] < 140
    view = layers.fit_view([(170.0, 60.0), (-170.0, 60.0)])
    assert abs(abs(view["longitude"]) - 180.0) < 1e-6
    assert view["zoom"] > 3


def test_whole_network_map_is_small(network):
    nodes = layers.node_records(network.nodes)
    legs = layers.leg_records(network.legs, node_names=network.nodes["name"].to_dict())

    land = layers.basemap_records(BASEMAP_PATH)
    for globe in (False, True):
        deck = layers.network_deck(nodes, legs, view=layers.fit_view([n["pos"] for n in nodes]), land=land, globe=globe)
        size = layers.deck_json_size(deck)
        assert size < 1_000_000, size
        assert "\n" not in deck.to_json(), "compact JSON"


def test_tooltips_hold_data_as_plain_text():
    nodes = pd.DataFrame(
        {"name": [EVIL], "country": ["XX"], "kind": ["city"], "source": [EVIL], "geometry": [None]}, index=["EV-IL"]
    )
    import geopandas as gpd
    from shapely.geometry import Point

    nodes = gpd.GeoDataFrame(nodes.assign(geometry=[Point(1, 2)]), geometry="geometry")
    rec = layers.node_records(nodes)[0]
    assert EVIL in rec["tip"]  # shown as text by the text tooltip (innerText), never parsed
    deck = layers.network_deck([rec], [], view={"longitude": 0, "latitude": 0, "zoom": 1})
    spec = json.loads(deck.to_json())
    assert "html" not in layers.TOOLTIP and layers.TOOLTIP["text"] == "{tip}"
    assert spec["layers"][-1]["data"][0]["tip"] == rec["tip"]


def test_legends_escape_everything():
    html = layers.routes_legend_html([EVIL])
    assert "<img" not in html and "<script>" not in html and "&lt;img" in html
    legend = layers.legend_html([EVIL])
    assert "<img" not in legend and "&lt;script&gt;" in legend


def test_route_layers_focus_is_drawn_last_and_wider():
    paths = [[[[0.0, 0.0], [1.0, 1.0]]], [[[0.0, 0.0], [2.0, 2.0]]], [[[0.0, 0.0], [3.0, 3.0]]]]
    out = layers.route_layers(paths, focus=1)
    assert [lyr.id for lyr in out] == ["route-0", "route-2", "route-1"]
    assert out[-1].get_width > out[0].get_width


def _events():
    return pd.DataFrame(
        {
            "node_id": ["A", "B", "B", "C"],
            "node_name": ["A", "B", "B", "C"],
            "event": ["start", "move", "dwell", "move"],
            "mode": ["", "sea", "sea", "rail"],
            "distance_km": [0.0, 1852.0, 1852.0, 2852.0],
            "time_h": [0.0, 48.0, 96.0, 120.0],
            "cost_usd": [0.0, 1.0, 2.0, 3.0],
            "co2e_kg": [0.0, 1.0, 1.0, 2.0],
        }
    )


def test_timeline_dwell_is_a_vertical_step():
    points = charts.timeline_frame({"1. X": _events()}, units="km")
    dwell = points[points["phase"] == "dwell"].iloc[0]
    before = points.iloc[dwell.name - 1]
    assert dwell["distance"] == before["distance"] and dwell["days"] > before["days"]
    assert points["days"].iloc[-1] == pytest.approx(5.0)
    nm = charts.timeline_frame({"1. X": _events()}, units="nm")
    assert nm["distance"].iloc[1] == pytest.approx(1000.0)
    chart = charts.time_distance_chart(points).to_dict()
    assert chart["layer"][0]["mark"]["type"] == "line"


def test_time_split_adds_up():
    legs = pd.DataFrame(
        {"alternative": ["a", "a", "b"], "mode": ["sea", "rail", "road"], "moving_h": [24.0, 48.0, 12.0], "dwell_h": [24.0, 0.0, 12.0]}
    )
    split = charts.time_split_frame(legs)
    assert split.groupby("alternative")["days"].sum().to_dict() == {"a": pytest.approx(4.0), "b": pytest.approx(1.0)}
    spec = charts.time_split_chart(split).to_dict()
    assert spec["mark"]["type"] == "bar"
