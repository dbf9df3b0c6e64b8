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
