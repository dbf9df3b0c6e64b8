"""Tests of corridors.viz.labels on the globe: no label shows through the planet (issue 11: labels on the globe view)."""

from __future__ import annotations

from corridors.viz.labels import declutter, label_records
from corridors.viz.records import node_records


def _label(node_id: str, lon: float, lat: float, pr: int) -> dict:
    return {"id": node_id, "pos": [lon, lat], "text": node_id, "pr": pr, "size": 12}


def test_globe_drops_the_labels_on_the_far_side():
    view = {"longitude": 60.0, "latitude": 40.0, "zoom": 0.3}
    labels = [_label("near", 62.0, 41.0, 900), _label("antipode", -120.0, -40.0, 800), _label("limb", 150.0, -10.0, 700)]
    kept = {r["id"] for r in declutter(labels, view, globe=True)}
    assert kept == {"near"}, kept
    # the flat map has no far side: every label in the panel is kept
    assert {r["id"] for r in declutter(labels, {**view, "zoom": 0.0}, globe=False)} >= {"near", "antipode"}


def test_globe_keeps_the_labels_of_a_route_seen_from_its_centre(network):
    kinds = network.nodes["kind"].astype(str).to_dict()
    route = ("INNSA", "IRBND", "IRTHR", "RUASF", "RUMOW")
    labels = label_records(node_records(network.nodes), kinds, {}, route=route, ends=("INNSA", "RUMOW"))
    kept = {r["id"] for r in declutter(labels, {"longitude": 55.0, "latitude": 38.0, "zoom": 2.9}, globe=True)}
    assert {"INNSA", "RUMOW", "IRBND"} <= kept
    assert "RUVVO" not in declutter(labels, {"longitude": -100.0, "latitude": 40.0, "zoom": 0.5}, globe=True)
