"""Pydeck layers drawn over the network: place labels and closure markers.

Labels are a TextLayer of the labels :func:`~corridors.viz.labels.declutter`
kept for the view sent (deck.gl's ``CollisionFilterExtension`` on a
TextLayer hid every label in Streamlit's deck.gl 9.4 under software GL, so
the labels are decluttered in Python; the node markers use the extension). A closed chokepoint
or place is a red disc with a white X (:data:`~corridors.viz.style.CLOSED_MARK`).
Text is plain (TextLayer draws glyphs, never HTML).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pydeck as pdk

from corridors.viz.records import plain_text
from corridors.viz.style import CLOSED_MARK, LABEL_COLOR

__all__ = ["CLOSED_LAYER_ID", "COLLISION", "LABEL_LAYER_ID", "closed_layers", "labels_layer"]

LABEL_LAYER_ID = "labels"
CLOSED_LAYER_ID = "closed"
#: The extension that hides the lower-priority of two overlapping objects.
COLLISION = [{"@@type": "CollisionFilterExtension"}]


def labels_layer(labels: Sequence[dict[str, Any]]) -> pdk.Layer:
    """Place names (``{"pos", "text", "size"}``), already decluttered."""
    data = [{"pos": r["pos"], "text": plain_text(r["text"]), "size": r["size"]} for r in labels]
    return pdk.Layer(
        "TextLayer",
        id=LABEL_LAYER_ID,
        data=data,
        get_position="pos",
        get_text="text",
        get_size="size",
        size_units="'pixels'",
        get_color=list(LABEL_COLOR),
        font_family="'Helvetica Neue, Arial, sans-serif'",
        font_weight=600,
        get_text_anchor="'start'",
        get_alignment_baseline="'center'",
        get_pixel_offset=[8, 0],
        outline_width=3,
        outline_color=[255, 255, 255, 235],
        font_settings={"sdf": True, "buffer": 6},
        character_set="'auto'",  # the characters of the data (names such as Volga–Caspian, Ussuriysk)
        billboard=True,
        pickable=False,
        # on the globe, never hidden in the land's surface nor culled (deck.gl GlobeView culls TextLayer
        # glyphs otherwise: visgl/deck.gl#9777); labels on the far side are dropped by viz.labels.declutter
        parameters={"depthCompare": "always", "cullMode": "none"},
    )


def closed_layers(markers: Sequence[dict[str, Any]]) -> list[pdk.Layer]:
    """A red disc with a white X at each closed chokepoint or place (``{"pos", "tip"}``; tooltip: why)."""
    data = [{"pos": m["pos"], "tip": "\n".join(plain_text(line) for line in str(m.get("tip", "")).split("\n")), "text": "X"} for m in markers]
    return [
        pdk.Layer(
            "ScatterplotLayer",
            id=CLOSED_LAYER_ID,
            data=data,
            get_position="pos",
            get_fill_color=list(CLOSED_MARK),
            get_radius=10,
            radius_units="'pixels'",
            stroked=True,
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=2,
            pickable=True,
        ),
        pdk.Layer(
            "TextLayer",
            id=f"{CLOSED_LAYER_ID}-x",
            data=data,
            get_position="pos",
            get_text="text",
            get_size=13,
            size_units="'pixels'",
            get_color=[255, 255, 255, 255],
            font_weight=700,
            font_family="'Arial, sans-serif'",
            get_text_anchor="'middle'",
            get_alignment_baseline="'center'",
            billboard=True,
            pickable=False,
        ),
    ]
