"""corridors.viz.deck: the layers and the compact deck of the map."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from corridors._paths import BASEMAP_PATH
from corridors.viz import deck, geometry, records

EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_whole_network_map_is_small(network):
    nodes = records.node_records(network.nodes)
    legs = records.leg_records(network.legs, node_names=network.nodes["name"].to_dict())

    land = records.basemap_records(BASEMAP_PATH)
    for globe in (False, True):
        spec = deck.network_deck(nodes, legs, view=geometry.fit_view([n["pos"] for n in nodes]), land=land, globe=globe)
        size = deck.deck_json_size(spec)
        assert size < 1_000_000, size
        assert "\n" not in spec.to_json(), "compact JSON"


def test_tooltips_hold_data_as_plain_text():
    nodes = pd.DataFrame(
        {"name": [EVIL], "country": ["XX"], "kind": ["city"], "source": [EVIL], "geometry": [None]}, index=["EV-IL"]
    )
    nodes = gpd.GeoDataFrame(nodes.assign(geometry=[Point(1, 2)]), geometry="geometry")
    rec = records.node_records(nodes)[0]
    assert EVIL in rec["tip"]  # shown as text by the text tooltip (innerText), never parsed
    spec = json.loads(deck.network_deck([rec], [], view={"longitude": 0, "latitude": 0, "zoom": 1}).to_json())
    assert "html" not in deck.TOOLTIP and deck.TOOLTIP["text"] == "{tip}"
    assert spec["layers"][-1]["data"][0]["tip"] == rec["tip"]


def test_route_layers_focus_is_drawn_last_and_wider():
    paths = [[[[0.0, 0.0], [1.0, 1.0]]], [[[0.0, 0.0], [2.0, 2.0]]], [[[0.0, 0.0], [3.0, 3.0]]]]
    out = deck.route_layers(paths, focus=1)
    assert [lyr.id for lyr in out] == ["route-0", "route-2", "route-1"]
    assert out[-1].get_width > out[0].get_width


def test_layer_ids_and_order():
    spec = json.loads(
        deck.network_deck(
            [], [], view={"longitude": 0, "latitude": 0, "zoom": 1}, land=[], routes=[[[[0.0, 0.0], [1.0, 1.0]]]],
            od=[{"pos": [0, 0], "role": "o", "tip": "o"}],
        ).to_json()
    )
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids == ["ocean", "season", "route-0", deck.LEG_LAYER_ID, deck.NODE_LAYER_ID, "od"]
    assert deck.data_url([]).startswith("data:application/json;base64,")
