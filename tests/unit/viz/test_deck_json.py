"""corridors.viz.deck_json: the spliced deck writes the same JSON as the deck built in one piece."""

from __future__ import annotations

import json

import pydeck as pdk

from corridors.viz import deck
from corridors.viz.deck_json import CompactDeck, layers_json

VIEW = {"longitude": 60.0, "latitude": 40.0, "zoom": 3.0, "pitch": 0.0, "bearing": 0.0}
LABELS = [{"pos": [72.95, 18.95], "text": "Jawaharlal Nehru Port", "size": 14, "pr": 1}]


def _records(network):
    from corridors.viz.records import leg_records, node_records

    return node_records(network.nodes), leg_records(network.legs)


def _layers(network) -> list[pdk.Layer]:
    nodes, legs = _records(network)
    return list(deck.network_deck(nodes, legs, view=VIEW).layers)


def test_spliced_equals_one_piece(network):
    nodes, legs = _records(network)
    whole = deck.network_deck(nodes, legs, view=VIEW, labels=LABELS)  # labels on top
    spliced = deck.spliced_deck(layers_json(_layers(network)), view=VIEW, labels=LABELS)
    assert spliced.to_json() == CompactDeck.to_json(whole)  # the same bytes


def test_without_labels_and_on_the_globe(network):
    layers = _layers(network)
    spliced = json.loads(deck.spliced_deck(layers_json(layers), view=VIEW, globe=True).to_json())
    assert [layer["id"] for layer in spliced["layers"]] == [layer.id for layer in layers]
    assert spliced["views"][0]["@@type"] == "_GlobeView"


def test_a_layer_text_with_the_marker_cannot_break_the_splice():
    hostile = pdk.Layer("TextLayer", id="t", data=[{"text": '"layers":[', "pos": [0, 0]}], get_position="pos", get_text="text")
    spliced = deck.spliced_deck(layers_json([hostile]), view=VIEW, labels=LABELS)
    spec = json.loads(spliced.to_json())
    assert [layer["id"] for layer in spec["layers"]] == ["t", "labels"]
    assert spec["layers"][0]["data"][0]["text"] == '"layers":['
