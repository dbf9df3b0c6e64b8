"""Altair charts for routes and scenario comparisons.

Charts take tidy ``pandas`` frames (built by the helpers here from per-leg
tables) and return ``altair`` charts; nothing here imports streamlit.

The time–distance chart follows the UNESCAP / ADB CAREC corridor method:
cumulative transit time against cumulative distance, one line per route,
with dwell (port handling, border, gauge break, transshipment) drawn as
vertical steps, so slow links and long stops stand out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from corridors.network.geodesy import KM_PER_NM
from corridors.viz.style import ROUTE_COLORS

#: Colours for modes in bar charts (hex), and dwell in grey.
MODE_COLORS: dict[str, str] = {
    "sea": "#1f5fa8",
    "rail": "#2e8b3a",
    "road": "#c2571a",
    "ferry": "#8a5cc2",
    "river": "#3fa7c9",
    "dwell": "#9a9a9a",
}

_UNIT_COL = {"km": "distance_km", "nm": "distance_nm"}


def _hex(rgb: Sequence[int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(int(v) for v in rgb[:3]))


def route_palette(labels: Sequence[str]) -> alt.Scale:
    """The colour scale used for route alternatives (same as on the map)."""
    return alt.Scale(
        domain=list(labels),
        range=[_hex(ROUTE_COLORS[i % len(ROUTE_COLORS)]) for i in range(len(labels))],
    )


def timeline_frame(events: Mapping[str, pd.DataFrame], *, units: str = "km") -> pd.DataFrame:
    """Step points (cumulative distance, cumulative days) per alternative.

    Parameters
    ----------
    events
        Alternative label → its events table from
        :func:`corridors.report.tables.time_cost_distance` (cumulative
        ``distance_km``, ``time_h``; ``event`` is ``start``, ``move`` or
        ``dwell``; a dwell row keeps the distance and adds time).
    units
        ``"km"`` or ``"nm"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``alternative, step, distance, days, phase, mode, place``;
        a dwell is a vertical segment (same distance, more days).
    """
    frames = []
    for label, table in events.items():
        if table is None or table.empty:
            continue
        distance = table["distance_km"] / (KM_PER_NM if units == "nm" else 1.0)
        frames.append(
            pd.DataFrame(
                {
                    "alternative": label,
                    "step": range(len(table)),
                    "distance": distance.to_numpy(),
                    "days": (table["time_h"] / 24.0).to_numpy(),
                    "phase": table["event"].to_numpy(),
                    "mode": table["mode"].fillna("").to_numpy(),
                    "place": table["node_name"].fillna("").to_numpy(),
                }
            )
        )
    columns = ["alternative", "step", "distance", "days", "phase", "mode", "place"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def time_distance_chart(points: pd.DataFrame, *, units: str = "km", height: int = 320) -> alt.Chart:
    """Cumulative time vs cumulative distance, one line per alternative.

    Parameters
    ----------
    points
        From :func:`timeline_frame`.
    units
        Axis unit label, ``"km"`` or ``"nm"``.
    height
        Chart height in pixels.

    Returns
    -------
    altair.Chart
    """
    labels = list(dict.fromkeys(points["alternative"]))
    color = alt.Color("alternative:N", title="Route", scale=route_palette(labels), legend=alt.Legend(orient="top", columns=2, labelLimit=300, title=None))
    base = alt.Chart(points).encode(
        x=alt.X("distance:Q", title=f"Cumulative distance ({units})"),
        y=alt.Y("days:Q", title="Cumulative transit time (days)"),
        color=color,
        order=alt.Order("step:Q"),
        tooltip=[
            alt.Tooltip("alternative:N", title="Route"),
            alt.Tooltip("place:N", title="At"),
            alt.Tooltip("phase:N", title="Phase"),
            alt.Tooltip("mode:N", title="Mode"),
            alt.Tooltip("distance:Q", title=f"Distance ({units})", format=",.0f"),
            alt.Tooltip("days:Q", title="Days", format=",.1f"),
        ],
    )
    line = base.mark_line(strokeWidth=2.5, interpolate="linear")
    dots = base.transform_filter(alt.datum.phase != "start").mark_point(size=28, filled=True)
    return (line + dots).properties(height=height)


def time_split_frame(legs: pd.DataFrame, *, label: str = "alternative") -> pd.DataFrame:
    """Moving time per mode and dwell time per alternative, in days.

    Parameters
    ----------
    legs
        Per-leg rows (e.g. :func:`corridors.report.tables.legs_table` with an added
        label column) with ``mode``, ``moving_h`` and ``dwell_h``.
    label
        Column naming the alternative.

    Returns
    -------
    pandas.DataFrame
        Columns ``alternative, part, mode, days`` where ``part`` is
        ``"<mode> (moving)"`` or ``"dwell"``.
    """
    rows = []
    for alternative, group in legs.groupby(label, sort=False):
        for mode, g in group.groupby("mode", sort=False):
            rows.append({"alternative": alternative, "part": f"{mode} (moving)", "mode": mode,
                         "days": float(g["moving_h"].fillna(0).sum()) / 24.0})
        rows.append({"alternative": alternative, "part": "dwell", "mode": "dwell",
                     "days": float(group["dwell_h"].fillna(0).sum()) / 24.0})
    return pd.DataFrame(rows, columns=["alternative", "part", "mode", "days"])


def time_split_chart(split: pd.DataFrame, *, height: int | None = None) -> alt.Chart:
    """Stacked horizontal bars: moving time by mode and dwell, per alternative.

    Parameters
    ----------
    split
        From :func:`time_split_frame`.
    height
        Pixels per alternative (bar thickness plus gap); default 30.

    Returns
    -------
    altair.Chart
    """
    parts = list(dict.fromkeys(split["part"]))
    colors = [MODE_COLORS.get(p.split(" ")[0], "#777777") for p in parts]
    return (
        alt.Chart(split)
        .mark_bar()
        .encode(
            y=alt.Y("alternative:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("days:Q", title="Days", stack="zero"),
            color=alt.Color("part:N", title="Time", scale=alt.Scale(domain=parts, range=colors), legend=alt.Legend(orient="top", columns=3, title=None)),
            order=alt.Order("part:N"),
            tooltip=[
                alt.Tooltip("alternative:N", title="Route"),
                alt.Tooltip("part:N", title="Part"),
                alt.Tooltip("days:Q", title="Days", format=",.1f"),
            ],
        )
        .properties(height=alt.Step(height or 30))
    )


def range_chart(
    frame: pd.DataFrame,
    *,
    category: str,
    value: str,
    low: str | None = None,
    high: str | None = None,
    color: str | None = None,
    title: str = "",
    axis_title: str | None = None,
    fmt: str = ",.1f",
) -> alt.Chart:
    """Dot (value) with a P50–P90-style range bar per category.

    Parameters
    ----------
    frame
        One row per category (e.g. scenario × route).
    category
        Column for the y axis.
    value
        Column for the dot.
    low, high
        Columns for the range (omitted: no range drawn).
    color
        Column to colour by (optional).
    title, axis_title, fmt
        Chart title, x-axis title and number format.

    Returns
    -------
    altair.Chart
    """
    enc_color = alt.Color(f"{color}:N", legend=None) if color else alt.value("#1f5fa8")
    tips = [alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", format=fmt)]
    if low and high:
        tips += [alt.Tooltip(f"{low}:Q", format=fmt), alt.Tooltip(f"{high}:Q", format=fmt)]
    base = alt.Chart(frame).encode(y=alt.Y(f"{category}:N", title=None, sort=None, axis=alt.Axis(labelLimit=300)))
    dot = base.mark_point(filled=True, size=90).encode(
        x=alt.X(f"{value}:Q", title=axis_title or value, scale=alt.Scale(zero=False, nice=True, padding=12),
                axis=alt.Axis(format=fmt)),
        color=enc_color,
        tooltip=tips,
    )
    if low and high:
        bar = base.mark_rule(strokeWidth=3, opacity=0.55).encode(x=f"{low}:Q", x2=f"{high}:Q", color=enc_color)
        chart = bar + dot
    else:
        chart = dot
    return chart.properties(height=alt.Step(26), title=title)


def bar_chart(frame: pd.DataFrame, *, category: str, value: str, color: str | None = None,
              title: str = "", axis_title: str | None = None, fmt: str = ",.0f") -> alt.Chart:
    """Horizontal bars of ``value`` per ``category``.

    Parameters
    ----------
    frame
        Input rows.
    category, value
        Columns for y and x.
    color
        Optional column to colour by.
    title, axis_title, fmt
        Title, x-axis title, number format.

    Returns
    -------
    altair.Chart
    """
    enc_color = alt.Color(f"{color}:N", legend=None) if color else alt.value("#1f5fa8")
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", title=None, sort=None, axis=alt.Axis(labelLimit=300)),
            x=alt.X(f"{value}:Q", title=axis_title or value),
            color=enc_color,
            tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", format=fmt)],
        )
        .properties(height=alt.Step(26), title=title)
    )
