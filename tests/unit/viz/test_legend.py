"""corridors.viz.legend: HTML legends escape every value."""

from __future__ import annotations

from corridors.viz import legend

EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_legends_escape_everything():
    html = legend.routes_legend_html([EVIL])
    assert "<img" not in html and "<script>" not in html and "&lt;img" in html
    text = legend.legend_html([EVIL])
    assert "<img" not in text and "&lt;script&gt;" in text


def test_legend_lists_every_corridor_by_default():
    from corridors.viz.style import CORRIDOR_COLORS

    text = legend.legend_html()
    assert all(f"<b>{key}</b>" in text for key in CORRIDOR_COLORS)
