"""Assertion helpers for the AppTest tests (imported by the test modules)."""

from __future__ import annotations

import json
from typing import Any


def deck_spec(at: Any, index: int = 0) -> dict[str, Any]:
    """The pydeck JSON spec of a deck_gl_json_chart element."""
    charts = at.get("deck_gl_json_chart")
    assert charts, "no pydeck chart on the page"
    return json.loads(charts[index].proto.json)


def layer(spec: dict[str, Any], layer_id: str) -> dict[str, Any]:
    """The layer with this id in a deck spec."""
    for item in spec["layers"]:
        if item.get("id") == layer_id:
            return item
    raise AssertionError(f"no layer {layer_id!r}; layers: {[x.get('id') for x in spec['layers']]}")


def assert_clean(at: Any) -> None:
    """No exception and no error box on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def url_params(at: Any) -> dict[str, str]:
    """The app's URL query parameters as plain strings."""
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def connected_upload(doc: dict[str, Any], network: Any, *, to_node: str = "KZAAU", status: str = "planned") -> bytes:
    """A test upload joined to the base network by one more road leg.

    The upload files hold only new nodes and legs; their last node is linked
    to ``to_node`` (or the first node of the network if it is missing) with a
    straight road leg ending exactly at that node (``status``: planned, so
    closed under the presets, unless asked).
    """
    features = list(doc["features"])
    last = [f for f in features if f["geometry"]["type"] == "Point"][-1]
    target = to_node if to_node in network.nodes.index else network.nodes.index[0]
    point = network.nodes.loc[target, "geometry"]
    features.append(
        {
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [last["geometry"]["coordinates"], [point.x, point.y]]},
            "properties": {
                "id": f"TEST-LINK-{last['properties']['id']}",
                "from": last["properties"]["id"],
                "to": target,
                "mode": "road",
                "corridor": "feeder",
                "status": status,
                "source": "test link",
                "chokepoints": [],
            },
        }
    )
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()
