"""HTML legends for the maps: corridors, modes, statuses, nodes and route alternatives.

Every text value is escaped with :func:`html.escape`, so the legends can be
shown with ``st.markdown(..., unsafe_allow_html=True)``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from corridors.network.schema import CORRIDOR_TITLES
from corridors.viz.style import (
    CLOSED_COLOR,
    CLOSED_MARK,
    CORRIDOR_COLORS,
    MODE_STYLE,
    NODE_STYLE,
    ROUTE_COLORS,
    SEASON_HALO,
    STATUS_ALPHA,
    UNKNOWN_COLOR,
)

__all__ = ["closed_legend_html", "legend_html", "routes_legend_html"]


def _swatch(rgb: Sequence[int], alpha: float = 1.0, *, width: int = 26, height: int = 4, dash: str = "solid") -> str:
    r, g, b = (int(v) for v in rgb[:3])
    return (
        f'<span style="display:inline-block;width:{width}px;height:0;'
        f"border-top:{height}px {dash} rgba({r},{g},{b},{alpha:.2f});"
        'vertical-align:middle;margin-right:6px"></span>'
    )


def legend_html(corridors: Iterable[str] | None = None) -> str:
    """A compact HTML legend (every text value escaped).

    Parameters
    ----------
    corridors
        Corridor keys to list (default: all known).

    Returns
    -------
    str
        HTML for ``st.markdown(..., unsafe_allow_html=True)``.
    """
    keys = list(corridors) if corridors is not None else list(CORRIDOR_COLORS)
    rows = []
    for key in keys:
        rgb = CORRIDOR_COLORS.get(key, UNKNOWN_COLOR)
        name = CORRIDOR_TITLES.get(key, key)
        rows.append(f"<div>{_swatch(rgb, height=5)}<b>{html.escape(key)}</b> — {html.escape(name)}</div>")
    modes = []
    dash_css = {"sea": "solid", "rail": "solid", "road": "dashed", "ferry": "dotted", "river": "dashed"}
    for mode, st in MODE_STYLE.items():
        modes.append(
            f"<div>{_swatch((60, 60, 60), height=max(1, round(st['width'])), dash=dash_css[mode])}"
            f"{html.escape(st['label'])}</div>"
        )
    status = []
    for key, alpha in STATUS_ALPHA.items():
        status.append(f"<div>{_swatch((60, 60, 60), alpha / 255, height=4)}{html.escape(key.replace('_', ' '))}</div>")
    status.append(f"<div>{_swatch(SEASON_HALO, 1.0, height=9)}seasonal (ice: NSR / north Caspian)</div>")
    status.append(closed_legend_html())
    nodes = []
    for kind, st in NODE_STYLE.items():
        r, g, b = st["color"]
        nodes.append(
            f'<div><span style="display:inline-block;width:10px;height:10px;border-radius:50%;'
            f'background:rgb({r},{g},{b});margin-right:6px;vertical-align:middle"></span>'
            f"{html.escape(kind.replace('_', ' '))}</div>"
        )
    col = 'style="flex:1 1 220px;min-width:180px"'
    return (
        '<div style="display:flex;flex-wrap:wrap;gap:14px;font-size:0.8rem;line-height:1.5">'
        f"<div {col}><b>Corridor</b>{''.join(rows)}</div>"
        f"<div {col}><b>Mode</b>{''.join(modes)}</div>"
        f"<div {col}><b>Status</b>{''.join(status)}</div>"
        f"<div {col}><b>Node</b>{''.join(nodes)}</div>"
        "</div>"
    )


def closed_legend_html(reasons: Iterable[str] = ()) -> str:
    """The legend entry of closures: a grey dashed leg and the red X of a closed chokepoint (escaped).

    Parameters
    ----------
    reasons
        What is closed in the scenario shown (cause texts), listed after the entry.

    Returns
    -------
    str
        HTML for ``st.markdown(..., unsafe_allow_html=True)``.
    """
    r, g, b, a = CLOSED_MARK
    mark = (
        f'<span style="display:inline-block;width:14px;height:14px;border-radius:50%;background:rgba({r},{g},{b},{a / 255:.2f});'
        'color:#fff;font:bold 10px/14px Arial,sans-serif;text-align:center;margin:0 6px 0 4px;vertical-align:middle">X</span>'
    )
    listed = sorted(dict.fromkeys(str(x) for x in reasons))
    why = (": " + "; ".join(html.escape(x) for x in listed)) if listed else ""
    return (
        f'<div class="closed-legend">{_swatch(CLOSED_COLOR[:3], CLOSED_COLOR[3] / 255, height=3, dash="dashed")}'
        f"closed in this scenario or out of season {mark}closed chokepoint{why}</div>"
    )


def routes_legend_html(labels: Sequence[str]) -> str:
    """One line of coloured swatches naming the route alternatives (escaped).

    Parameters
    ----------
    labels
        Labels of the alternatives, best first.

    Returns
    -------
    str
        HTML for ``st.markdown(..., unsafe_allow_html=True)``.
    """
    items = [
        f'<span style="white-space:nowrap;margin-right:16px">'
        f"{_swatch(ROUTE_COLORS[i % len(ROUTE_COLORS)], height=7)}{html.escape(str(label))}</span>"
        for i, label in enumerate(labels)
    ]
    return '<div style="font-size:0.85rem;line-height:1.8">' + " ".join(items) + "</div>"
