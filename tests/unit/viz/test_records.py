"""corridors.viz.records: small, plain-text records of nodes, legs, land and routes."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from corridors._paths import BASEMAP_PATH
from corridors.viz import records, style

EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_node_tooltips_hold_data_as_plain_text():
    nodes = pd.DataFrame(
        {"name": [EVIL + "\x00\n"], "country": ["XX"], "kind": ["city"], "source": [EVIL]}, index=["EV-IL"]
    )
    nodes = gpd.GeoDataFrame(nodes.assign(geometry=[Point(1, 2)]), geometry="geometry")
    rec = records.node_records(nodes)[0]
    assert EVIL in rec["tip"]  # shown as text by the text tooltip (innerText), never parsed
    assert rec["name"] == EVIL and rec["pos"] == [1.0, 2.0]
    assert records.plain_text(["a\tb", None]) == "a b, "


def test_leg_records_follow_the_styles(network):
    legs = records.leg_records(network.legs, node_names=network.nodes["name"].to_dict())
    assert {r["id"] for r in legs} == set(network.legs.index)
    for rec in legs:
        row = network.legs.loc[rec["id"]]
        assert rec["c"] == list(style.CORRIDOR_COLORS[row["corridor"]]) + [style.STATUS_ALPHA[row["status"]]]
        assert rec["w"] == style.MODE_STYLE[row["mode"]]["width"]
        assert all(abs(b[0] - a[0]) <= 180 for a, b in zip(rec["p"], rec["p"][1:], strict=False))


def test_centred_records_sit_within_half_a_turn(network):
    center = 150.0
    nodes = records.node_records(network.nodes, center=center)
    assert all(center - 180 <= n["pos"][0] <= center + 180 for n in nodes)
    land = records.basemap_records(BASEMAP_PATH, center=center)
    assert len(land) > 100
    assert all(len(ring) >= 4 for poly in land for ring in poly)


def test_route_paths_skip_unknown_legs(network):
    leg_id = network.legs.index[0]
    paths = records.route_paths(network.legs, [leg_id, "NO-SUCH-LEG"])
    assert paths and all(len(p) >= 2 for p in paths)
    assert records.node_label("X", None, None) == "X (X, ??)"
