"""A one-page HTML report (a browser prints it to PDF): map image, tables and charts, all static SVG.

- :func:`comparison_report`: one pair under several scenarios (the best
  route of each on the map and in the charts, the comparison table).
- :func:`route_report`: one query's alternatives under one scenario.

Nothing is fetched: the map is drawn from the routes' leg geometries over
the bundled country outlines, the charts are plain SVG, the style is
inline. Every text from a data file or an upload is escaped.
"""

from __future__ import annotations

import functools
import html
import json
import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from corridors._paths import BASEMAP_PATH
from corridors.model.base_info import base_graph
from corridors.report import tables
from corridors.report.export_tables import export_table
from corridors.report.workbook import about_rows, versus_best
from corridors.routing.results import Route, RouteSet

__all__ = ["COLOURS", "comparison_report", "map_svg", "range_svg", "report_html", "route_report"]

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
"""Colour of the n-th case on the map and in the charts."""

_TICKS = 5  # at most this many steps on a chart's axis
_NOWRAP = 20  # table text this short is kept on one line
_MAX_ROWS = 12  # table rows that fit one printed page beside the map and charts
_REPORT_COLUMNS = (
    "scenario",
    "rank",
    "route",
    "distance (km)",
    "transit P50 (days)",
    "transit P10 (days)",
    "transit P90 (days)",
    "cost P50 (USD/TEU)",
    "CO2e P50 (kg/TEU)",
    "arrival P50 (date)",
    "Δ transit P50 vs baseline (days)",
    "Δ cost P50 vs baseline (USD/TEU)",
    "Δ CO2e P50 vs baseline (kg/TEU)",
    "Δ transit P50 vs best route (days)",
    "Δ cost P50 vs best route (USD/TEU)",
    "Δ CO2e P50 vs best route (kg/TEU)",
    "no route because",
)
_STYLE = """
@page { size: A4 landscape; margin: 9mm; }
body { font: 9pt/1.3 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #222; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 2px; } h2 { font-size: 10pt; margin: 6px 0 2px; }
.top { display: grid; grid-template-columns: 56% 44%; gap: 8px; }
.about { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0 8px; font-size: 7.5pt; }
.about b { white-space: nowrap; } td.t { white-space: nowrap; }
svg { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin-top: 4px; }
th, td { border-bottom: 1px solid #ddd; padding: 1px 4px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } th { background: #f3f3f3; }
.note { color: #555; font-size: 7.5pt; }
@media print { .top, table { break-inside: avoid; } }
"""


def comparison_report(table: pd.DataFrame, found: Mapping[str, RouteSet], network: Any) -> str:
    """The one-page report of a comparison.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`~corridors.report.compare.compare`'s table, usually with
        :func:`~corridors.report.compare.with_deltas`.
    found : mapping of str to RouteSet
        Each scenario's answer, the baseline first.
    network
        The Network the routes were found on (leg geometries).

    Returns
    -------
    str
        A complete HTML document.
    """
    cases = {f"{name} · {result.best.label}": result.best for name, result in found.items() if result.best is not None}
    first = next(iter(found.values()), None)
    pair = f"{first.origin_name} → {first.destination_name}" if first is not None else "comparison"
    return report_html(
        title=f"{pair}: {len(found)} scenario{'s' if len(found) != 1 else ''}",
        about=about_rows(first, scenarios=list(found)) if first is not None else [],
        table=export_table(table),
        cases=cases,
        network=network,
    )


def route_report(found: RouteSet, network: Any) -> str:
    """The one-page report of one query: its alternatives under one scenario.

    Parameters
    ----------
    found : RouteSet
        What :func:`corridors.routing.route.route` found.
    network
        The Network the routes were found on.

    Returns
    -------
    str
        A complete HTML document.
    """
    summary = tables.summary_table(found)
    merged = export_table(summary)
    versus = versus_best(summary)
    for column in versus.columns[5:]:
        merged[column] = versus[column]
    cases = {f"{rank}. {item.label}": item for rank, item in enumerate(found.routes, start=1)}
    return report_html(
        title=f"{found.origin_name} → {found.destination_name}: {found.scenario}",
        about=about_rows(found),
        table=merged,
        cases=cases,
        network=network,
    )


def report_html(
    *, title: str, about: Sequence[tuple[str, str]], table: pd.DataFrame, cases: Mapping[str, Route], network: Any
) -> str:
    """Assemble the page: title, what it answers, the map, three range charts, the table.

    Parameters
    ----------
    title : str
    about : sequence of (str, str)
        :func:`~corridors.report.workbook.about_rows`.
    table : pandas.DataFrame
        An :func:`~corridors.report.export_tables.export_table` (the
        report's columns are picked from it).
    cases : mapping of str to Route
        The routes drawn and charted, by label.
    network
        The Network the routes were found on.

    Returns
    -------
    str
    """
    esc = html.escape
    colours = {label: COLOURS[i % len(COLOURS)] for i, label in enumerate(cases)}
    charts = [
        range_svg(
            [(label, t.p10_days, t.p50_days, t.p90_days, colours[label]) for label, t in _totals(cases)],
            title="Transit time: P50 (dot), P10–P90 (bar)",
            unit="days",
        ),
        range_svg(
            [(label, t.cost_p10_usd, t.cost_usd, t.cost_p90_usd, colours[label]) for label, t in _totals(cases)],
            title="Cost per TEU: P50, P10–P90",
            unit="USD/TEU",
        ),
        range_svg(
            [(label, t.co2e_p10_kg, t.co2e_kg, t.co2e_p90_kg, colours[label]) for label, t in _totals(cases)],
            title="CO2e per TEU (well-to-wheel): P50, P10–P90",
            unit="kg/TEU",
        ),
    ]
    shown = table[[c for c in _REPORT_COLUMNS if c in table.columns]]
    shown = shown.loc[:, [c for c in shown.columns if shown[c].astype(str).str.strip().ne("").any()]]
    more = len(shown) - _MAX_ROWS
    about_html = "".join(f"<b>{esc(k)}</b><span>{esc(str(v))}</span>" for k, v in about)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{esc(title)}</h1>"
        f'<div class="top"><div><h2>Map</h2>{map_svg(cases, network, colours=colours)}</div>'
        f"<div><h2>Charts</h2>{''.join(charts)}</div></div>"
        f"<h2>Table</h2>{_table_html(shown.head(_MAX_ROWS))}"
        + (f'<p class="note">{more} more row(s) in the workbook and CSV.</p>' if more > 0 else "")
        + f'<h2>About</h2><div class="about">{about_html}</div>'
        "<p class=\"note\">Every figure's source: the workbook's sources sheet. Map: Natural Earth 1:110m outlines; "
        "routes drawn from the network's leg geometry (the ends' terminal and first/last-mile rows are not drawn).</p>"
        "</body></html>\n"
    )


def _totals(cases: Mapping[str, Route]) -> list[tuple[str, Any]]:
    return [(label, item.totals) for label, item in cases.items()]


def _table_html(frame: pd.DataFrame) -> str:
    esc = html.escape
    head = "".join(f"<th>{esc(str(c))}</th>" for c in frame.columns)
    rows = []
    for values in frame.itertuples(index=False):
        cells = []
        for value in values:
            if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
                cells.append("<td></td>")
            elif isinstance(value, numbers.Real) and not isinstance(value, bool):
                cells.append(f'<td class="n">{_number(value)}</td>')
            else:
                text = str(value)
                cells.append(f'<td class="t">{esc(text)}</td>' if len(text) <= _NOWRAP else f"<td>{esc(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _number(value: float) -> str:
    """A figure already rounded, as shown: thousands separated, the decimals it has."""
    return f"{value:,}"


def range_svg(rows: Sequence[tuple[str, float, float, float, str]], *, title: str, unit: str) -> str:
    """A horizontal range chart: one row per case, a bar from low to high and a dot at the middle value.

    Parameters
    ----------
    rows : sequence of (label, low, mid, high, colour)
    title : str
    unit : str
        Shown after each row's middle value and on the axis.

    Returns
    -------
    str
        An ``<svg>`` element (axis from 0 to a round number above the highest value).
    """
    esc = html.escape
    width, left, right, row_h, top = 480, 190, 95, 15, 20
    top_value = max([high for _, _, _, high, _ in rows], default=0.0) or 1.0
    step = 10 ** math.floor(math.log10(top_value / 4)) if top_value > 0 else 1.0
    step *= next(m for m in (1, 2, 2.5, 5, 10) if top_value / (step * m) <= _TICKS)
    axis_max = step * math.ceil(top_value / step)
    span = width - left - right

    def x(v: float) -> float:
        return left + span * max(v, 0.0) / axis_max

    height = top + row_h * len(rows) + 16
    parts = [f'<text x="0" y="12" font-size="12" font-weight="600">{esc(title)}</text>']
    for i in range(round(axis_max / step) + 1):
        value = i * step
        parts.append(
            f'<line x1="{x(value):.1f}" y1="{top - 2}" x2="{x(value):.1f}" y2="{height - 14}" stroke="#e5e5e5"/>'
        )
        parts.append(
            f'<text x="{x(value):.1f}" y="{height - 4}" font-size="10" text-anchor="middle">{value:,.10g}</text>'
        )
    for n, (label, low, mid, high, colour) in enumerate(rows):
        y = top + n * row_h + row_h / 2
        parts.append(
            f'<text x="{left - 4}" y="{y + 3:.1f}" font-size="10" text-anchor="end">{esc(_clip(label, 34))}</text>'
        )
        parts.append(
            f'<line x1="{x(low):.1f}" y1="{y:.1f}" x2="{x(high):.1f}" y2="{y:.1f}" stroke="{colour}" '
            'stroke-width="6" stroke-opacity="0.35"/>'
        )
        parts.append(f'<circle cx="{x(mid):.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')
        shown = _number(round(mid, 1) if unit == "days" else round(mid))
        parts.append(f'<text x="{x(high) + 4:.1f}" y="{y + 3:.1f}" font-size="10">{shown} {esc(unit)}</text>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{esc(title)}">{"".join(parts)}</svg>'
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def map_svg(
    cases: Mapping[str, Route],
    network: Any,
    *,
    colours: Mapping[str, str] | None = None,
    width: int = 560,
    height: int = 270,
) -> str:
    """A static map: the routes' legs over the country outlines, ends labelled, a legend.

    Parameters
    ----------
    cases : mapping of str to Route
        Routes by label (drawn in that order, the first on top).
    network
        The Network (its legs' geometries).
    colours : mapping of str to str, optional
        Colour per label (:data:`COLOURS` in order when None).
    width, height : int
        Size of the drawing in SVG units.

    Returns
    -------
    str
        An ``<svg>`` element; equirectangular, centred on the routes (a
        route across the antimeridian is drawn in one piece).
    """
    esc = html.escape
    colours = colours or {label: COLOURS[i % len(COLOURS)] for i, label in enumerate(cases)}
    graph = base_graph(network)
    lines: dict[str, list[list[tuple[float, float]]]] = {}
    start: float | None = None  # every route unwrapped from the first one's start: one piece across 180°
    for label, item in cases.items():
        coords = []
        for leg in item.legs:
            key = (leg.from_id, leg.to_id, leg.leg_id)
            geometry = graph.edges[key].get("geometry") if graph.has_edge(*key) else None
            if geometry is not None:
                pieces = [list(p.coords) for p in getattr(geometry, "geoms", [geometry])]
                coords.extend([c[::-1] for c in pieces[::-1]] if leg.reversed else pieces)
        if coords:
            lines[label] = _unwrap(coords, start)
            start = lines[label][0][0][0] if start is None else start
    points = [pt for parts in lines.values() for part in parts for pt in part]
    if not points:
        return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 40"><text x="4" y="20">No leg geometry to draw.</text></svg>'
    lon0, lon1 = min(p[0] for p in points), max(p[0] for p in points)
    lat0, lat1 = min(p[1] for p in points), max(p[1] for p in points)
    pad = max(lon1 - lon0, lat1 - lat0, 10.0) * 0.08
    lon0, lon1, lat0, lat1 = lon0 - pad, lon1 + pad, max(lat0 - pad, -85.0), min(lat1 + pad, 85.0)
    kx = math.cos(math.radians((lat0 + lat1) / 2))
    scale = min(width / ((lon1 - lon0) * kx), height / (lat1 - lat0))
    cx, cy = (lon0 + lon1) / 2, (lat0 + lat1) / 2

    def xy(lon: float, lat: float) -> str:
        return f"{width / 2 + (lon - cx) * kx * scale:.1f},{height / 2 - (lat - cy) * scale:.1f}"

    parts = [f'<rect width="{width}" height="{height}" fill="#eef4f8"/>']
    for ring in _land(lon0, lon1, lat0, lat1):
        parts.append(
            f'<polygon points="{" ".join(xy(*p) for p in ring)}" fill="#f7f5ef" stroke="#c9c4b5" stroke-width="0.5"/>'
        )
    for label in reversed(list(lines)):
        for part in lines[label]:
            parts.append(
                f'<polyline points="{" ".join(xy(*p) for p in part)}" fill="none" stroke="{colours[label]}" '
                'stroke-width="2.2" stroke-linejoin="round" stroke-linecap="round" stroke-opacity="0.85"/>'
            )
    first = next(iter(cases.values()))
    ends = [lines[next(iter(lines))][0][0], lines[next(iter(lines))][-1][-1]]
    for (lon, lat), name in zip(ends, (first.legs[0].from_name, first.legs[-1].to_name), strict=True):
        x, y = (float(v) for v in xy(lon, lat).split(","))
        anchor = "end" if x + 6 * len(_clip(name, 40)) > width else "start"  # ~6 units a letter
        dx = -5 if anchor == "end" else 5
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#222"/>')
        parts.append(
            f'<text x="{x + dx:.1f}" y="{y - 4:.1f}" font-size="10" text-anchor="{anchor}" paint-order="stroke" '
            f'stroke="#fff" stroke-width="3">{esc(_clip(name, 40))}</text>'
        )
    for i, label in enumerate(cases):
        y = 12 + i * 12
        parts.append(f'<rect x="6" y="{y - 7}" width="12" height="4" fill="{colours[label]}"/>')
        parts.append(
            f'<text x="22" y="{y}" font-size="9" paint-order="stroke" stroke="#fff" stroke-width="3">{esc(_clip(label, 60))}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Map of the routes">{"".join(parts)}</svg>'
    )


def _unwrap(parts: list[list[tuple[float, ...]]], start: float | None) -> list[list[tuple[float, float]]]:
    """Lines with no jump of more than 180° of longitude, each part continuing from where the last ended (from `start`)."""
    out: list[list[tuple[float, float]]] = []
    previous = start
    for coords in parts:
        line = []
        for lon, lat, *_ in coords:
            if previous is not None:
                lon += 360.0 * round((previous - lon) / 360.0)
            line.append((lon, lat))
            previous = lon
        out.append(line)
    return out


def _land(lon0: float, lon1: float, lat0: float, lat1: float) -> list[list[tuple[float, float]]]:
    """The outline rings that overlap the box (copies shifted by 360° included), simplified to the drawing."""
    rings = []
    for ring, (r0, r1, s0, s1) in _rings():
        for shift in (-360.0, 0.0, 360.0):
            if r1 + shift >= lon0 and r0 + shift <= lon1 and s1 >= lat0 and s0 <= lat1:
                rings.append([(lon + shift, lat) for lon, lat in ring])
    return rings


@functools.cache
def _rings() -> tuple[tuple[tuple[tuple[float, float], ...], tuple[float, float, float, float]], ...]:
    """Outer rings of the bundled country outlines with their bounding boxes (read once; none if unreadable)."""
    try:
        data = json.loads(BASEMAP_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    out = []
    for feature in data.get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            ring = tuple((float(p[0]), float(p[1])) for p in polygon[0])
            lons, lats = [p[0] for p in ring], [p[1] for p in ring]
            out.append((ring, (min(lons), max(lons), min(lats), max(lats))))
    return tuple(out)
