"""corridors.viz.style: every value the data may hold has a style."""

from __future__ import annotations

from corridors.network import schema
from corridors.viz import style


def test_styles_are_valid_colours():
    colours = [*style.CORRIDOR_COLORS.values(), style.UNKNOWN_COLOR, *style.ROUTE_COLORS]
    colours += [s["color"] for s in style.NODE_STYLE.values()]
    colours += [style.LAND_COLOR, style.OCEAN_COLOR, style.LAND_TINT, style.SEASON_HALO]
    for colour in colours:
        assert len(colour) in (3, 4) and all(0 <= v <= 255 for v in colour), colour
    assert all(0 <= a <= 255 for a in style.STATUS_ALPHA.values())


def test_every_allowed_value_has_a_style():
    assert set(schema.CORRIDORS) <= set(style.CORRIDOR_COLORS)
    assert set(schema.MODES) == set(style.MODE_STYLE)
    assert set(schema.STATUSES) == set(style.STATUS_ALPHA)
    assert set(schema.NODE_KINDS) == set(style.NODE_STYLE)


def test_modes_have_a_width_a_dash_and_a_label():
    for mode, spec in style.MODE_STYLE.items():
        assert spec["width"] > 0 and len(spec["dash"]) == 2 and spec["label"].startswith(mode), mode
