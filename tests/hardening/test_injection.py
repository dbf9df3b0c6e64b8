"""Injection at the data layer: HTML/JS and other payloads in names are data, kept exactly as given.

A name like ``<img src=x onerror=alert(1)>`` is not an error: it loads as
text and survives ``graph_from_gdfs`` / ``graph_to_gdfs`` unchanged. Nothing
here escapes it (escaping is the app's job, tested with the app); nothing
evaluates it either. Ids are restricted to ``[A-Za-z0-9][A-Za-z0-9_.:-]*``,
so a payload can never be an id.
"""

from __future__ import annotations

import json

import geojson_strategies as gs
import pytest
from fuzz_settings import fuzz
from hardening_checks import assert_readable
from hypothesis import given

from corridors import ValidationError
from corridors.network.convert import graph_from_gdfs, graph_to_gdfs
from corridors.network.read import read_geojson

XSS = "<img src=x onerror=alert(1)>"


def _upload(base_network, *, name: str, note: str, source: str, leg_note: str) -> bytes:
    innsa = [float(base_network.nodes.loc["INNSA", c]) for c in "xy"]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"id": "ZZ-XSS", "name": name, "country": "IN", "kind": "city", "source": source, "note": note},
                "geometry": {"type": "Point", "coordinates": [73.5, 19.5]},
            },
            {
                "type": "Feature",
                "properties": {
                    "id": "XSS-LEG",
                    "from": "INNSA",
                    "to": "ZZ-XSS",
                    "mode": "road",
                    "corridor": "feeder",
                    "branch": name,
                    "status": "planned",
                    "source": source,
                    "chokepoints": [],
                    "note": leg_note,
                },
                "geometry": {"type": "LineString", "coordinates": [innsa, [73.5, 19.5]]},
            },
        ],
    }
    return json.dumps(doc, ensure_ascii=False).encode()


def test_an_html_name_loads_as_text_and_round_trips(base_network):
    data = _upload(base_network, name=XSS, note="<script>alert('n')</script>", source="javascript:alert(1)", leg_note=XSS)
    nodes, legs = read_geojson(data)
    assert nodes.loc["ZZ-XSS", "name"] == XSS
    assert legs.loc["XSS-LEG", "branch"] == XSS

    network = base_network.with_extra(data, names=[f"{XSS}.geojson"])
    assert network.nodes.loc["ZZ-XSS", "name"] == XSS
    assert network.graph.nodes["ZZ-XSS"]["name"] == XSS
    assert network.graph.nodes["ZZ-XSS"]["note"] == "<script>alert('n')</script>"
    edge = network.graph.edges["INNSA", "ZZ-XSS", "XSS-LEG"]
    assert edge["note"] == XSS and edge["source"] == "javascript:alert(1)" and edge["branch"] == XSS
    assert edge["file"] == f"{XSS}.geojson"  # the file name is data too

    back_nodes, back_legs = graph_to_gdfs(graph_from_gdfs(network.nodes, network.legs))
    assert back_nodes.loc["ZZ-XSS", "name"] == XSS
    assert back_legs.loc["XSS-LEG", "note"] == XSS
    assert back_nodes.equals(network.nodes) and back_legs.equals(network.legs)


@fuzz(share=0.2)
@given(name=gs.texts, note=gs.texts, source=gs.texts, leg_note=gs.texts)
def test_any_valid_text_round_trips_unchanged(base_network, name, note, source, leg_note):
    """Payloads, unicode, bidi and zero-width characters: what goes in comes out, byte for byte."""
    network = base_network.with_extra(_upload(base_network, name=name, note=note, source=source, leg_note=leg_note))
    back_nodes, back_legs = graph_to_gdfs(network.graph)
    assert back_nodes.loc["ZZ-XSS", ["name", "note", "source"]].tolist() == [name, note, source]
    assert back_legs.loc["XSS-LEG", ["branch", "source", "note"]].tolist() == [name, source, leg_note]
    graph = graph_from_gdfs(back_nodes, back_legs)
    assert graph.nodes["ZZ-XSS"]["name"] == name
    assert graph.edges["INNSA", "ZZ-XSS", "XSS-LEG"]["note"] == leg_note


@pytest.mark.parametrize("payload", [XSS, "<script>x</script>", "a b", "../etc/passwd", "$(id)", "`id`", "x;y", "ünï"])
def test_a_payload_is_never_an_id(base_network, payload):
    data = _upload(base_network, name="n", note="n", source="s", leg_note="n").replace(b'"ZZ-XSS"', json.dumps(payload).encode())
    with pytest.raises(ValidationError) as info:
        read_geojson(data)
    message = assert_readable(info.value)
    assert "is not a valid id" in message
    assert repr(payload) in message  # quoted as data in the message


@pytest.mark.parametrize("payload", ["\u202eevil", "a\u2028b", "bell\x07", "esc\x1b[2J", "nul\x00"])
def test_unprintable_characters_are_escaped_in_messages(base_network, payload):
    """A bad value is shown with repr(): no raw control, bidi or line-separator characters reach a terminal."""
    data = _upload(base_network, name="n", note="n", source="s", leg_note="n").replace(b'"road"', json.dumps(payload).encode())
    with pytest.raises(ValidationError) as info:
        read_geojson(data, name=f"up{payload}load.geojson")
    message = assert_readable(info.value)
    assert payload not in message
