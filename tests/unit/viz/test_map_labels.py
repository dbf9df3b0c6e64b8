"""Place labels and declutter priorities: the route and the main hubs, Vladivostok before its neighbours."""

from __future__ import annotations

from corridors.viz.deck import network_deck
from corridors.viz.labels import declutter, label_records, node_priority, prioritised_nodes, short_name
from corridors.viz.records import node_records
from corridors.viz.style import MAIN_HUBS


def _facts(network):
    kinds = network.nodes["kind"].astype(str).to_dict()
    degrees = {}
    for _, row in network.legs.iterrows():
        for end in (row["from"], row["to"]):
            degrees[end] = degrees.get(end, 0) + 1
    return kinds, degrees


def test_short_names():
    assert short_name("Baku (Port of Baku, Alat)") == "Baku"
    assert short_name("Kolkata (Syama Prasad Mookerjee Port)") == "Kolkata"
    assert short_name("Moscow") == "Moscow"


def test_vladivostok_outranks_ussuriysk_and_vostochny(network):
    kinds, degrees = _facts(network)
    pr = {n: node_priority(n, kinds[n], degree=degrees.get(n, 0)) for n in ("RUVVO", "RU-USSURIYSK", "RUVYP", "RUNJK")}
    assert pr["RUVVO"] > max(pr["RU-USSURIYSK"], pr["RUVYP"], pr["RUNJK"])
    # a waypoint is the first to go
    assert node_priority("SEA-LAPTEV", kinds["SEA-LAPTEV"]) < pr["RUVYP"]


def test_labels_are_the_route_and_the_hubs_ends_first(network):
    kinds, degrees = _facts(network)
    nodes = node_records(network.nodes)
    route = ("INNSA", "IRBND", "IR-GARMSAR", "IRTHR", "RUASF", "RUMOW")
    labels = label_records(nodes, kinds, degrees, route=route, ends=("INNSA", "RUMOW"))
    ids = [r["id"] for r in labels]
    assert set(ids[:2]) == {"INNSA", "RUMOW"} and {r["size"] for r in labels[:2]} == {15}
    assert set(route) <= set(ids)
    assert ids.index("IR-GARMSAR") < ids.index("RUVVO"), "the route's places before the other hubs"
    assert set(ids) == set(route) | (set(MAIN_HUBS) & set(network.nodes.index)), "no minor node labelled"
    assert [r["pr"] for r in labels] == sorted((r["pr"] for r in labels), reverse=True)
    assert next(r for r in labels if r["id"] == "INNSA")["text"] == "Jawaharlal Nehru Port"
    no_route = label_records(nodes, kinds, degrees)
    assert "IR-GARMSAR" not in {r["id"] for r in no_route} and "RUVVO" in {r["id"] for r in no_route}


def test_nodes_and_labels_are_decluttered_on_the_deck(network):
    kinds, degrees = _facts(network)
    nodes = prioritised_nodes(node_records(network.nodes), kinds, degrees, route=("RUVVO",), ends=("RUVVO",))
    assert next(n for n in nodes if n["id"] == "RUVVO")["pr"] == 1000
    deck = network_deck(nodes, [], view={"longitude": 60, "latitude": 40, "zoom": 2},
                        labels=label_records(nodes, kinds, degrees, ends=("RUVVO",)))  # fmt: skip
    spec = {layer.id: layer for layer in deck.layers}
    assert spec["nodes"].extensions == [{"@@type": "CollisionFilterExtension"}]
    assert spec["nodes"].get_collision_priority == "@@=pr"
    assert [layer.id for layer in deck.layers][-1] == "labels", "labels on top"
    plain = network_deck(node_records(network.nodes), [], view={"longitude": 60, "latitude": 40, "zoom": 2})
    assert not getattr({layer.id: layer for layer in plain.layers}["nodes"], "extensions", None)


def test_declutter_keeps_vladivostok_and_more_labels_when_zoomed_in(network):
    kinds, degrees = _facts(network)
    nodes = node_records(network.nodes)
    route = ("RULED", "RUMOW", "RUYEK", "RUOVB", "RUIKT", "RU-USSURIYSK", "RUVVO")
    labels = label_records(nodes, kinds, degrees, route=route, ends=("RULED", "RUVVO"))
    far = declutter(labels, {"longitude": 80, "latitude": 55, "zoom": 1.5})
    near = declutter(labels, {"longitude": 132, "latitude": 43.5, "zoom": 7})
    far_ids, near_ids = {r["id"] for r in far}, {r["id"] for r in near}
    assert "RUVVO" in far_ids and "RU-USSURIYSK" not in far_ids, "Vladivostok, not Ussuriysk over it"
    assert {"RUVVO", "RU-USSURIYSK"} <= near_ids, "zoomed in, both"
    assert len(far) < len(labels)
    assert "NLRTM" not in near_ids, "far outside the panel"
