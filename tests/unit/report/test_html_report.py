"""Tests of corridors.report.html_report: the one-page report holds the tables, a map image and the charts."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from engine.conftest import TOY, load_toy_network  # tests/ is on sys.path (see conftest.py)

from corridors.network.loader import load_network
from corridors.report.compare import compare, with_deltas
from corridors.report.export_tables import export_table
from corridors.report.html_report import comparison_report, map_svg, range_svg, route_report
from corridors.routing.route import route

SCENARIOS = ["baseline", "red-sea-closed", "hormuz-closed"]


class _Page(HTMLParser):
    """Tables (cell texts), SVG elements and script tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.tags: list[str] = []
        self.polylines: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "polyline":
            self.polylines.append(dict(attrs)["points"])

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


@pytest.fixture(scope="module")
def network():
    return load_network()


@pytest.fixture(scope="module")
def comparison(network):
    answers = {s: route(network, "INNSA", "RUMOW", scenario=s, alternatives=2) for s in SCENARIOS}
    table = with_deltas(compare(network, "INNSA", "RUMOW", SCENARIOS, alternatives=2), "baseline")
    return table, answers


def test_comparison_report_has_table_map_and_charts(comparison, network) -> None:
    table, answers = comparison
    text = comparison_report(table, answers, network)
    assert text.startswith("<!DOCTYPE html>") and "<script" not in text and "http" not in text.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )  # nothing to fetch, nothing to run
    page = _parse(text)
    assert page.tags.count("svg") == 4  # the map and three charts
    assert len(page.polylines) >= len(SCENARIOS)  # each scenario's best route drawn
    rows = page.tables[0]
    header, body = rows[0], rows[1:]
    assert "transit P50 (days)" in header and "Δ transit P50 vs baseline (days)" in header
    assert len(body) == len(table)
    expected = export_table(table)
    col = header.index("transit P50 (days)")
    assert [float(r[col]) for r in body] == expected["transit P50 (days)"].tolist()
    km = header.index("distance (km)")
    assert [int(r[km].replace(",", "")) for r in body] == expected["distance (km)"].tolist()
    for name in SCENARIOS:
        assert f"{name} · {answers[name].best.label}" in text  # the legend and the chart rows
    assert "Jawaharlal Nehru Port" in text and "Moscow" in text  # the ends labelled
    assert "@page { size: A4 landscape" in text


def test_route_report_differences_to_the_best(network) -> None:
    found = route(network, "INNSA", "RUMOW", alternatives=3)
    page = _parse(route_report(found, network))
    header, *body = page.tables[0]
    assert len(body) == 3 and "Δ transit P50 vs best route (days)" in header
    assert body[0][header.index("Δ transit P50 vs best route (days)")] == "0.0"


def test_map_draws_a_route_across_the_antimeridian_in_one_piece(network) -> None:
    found = route(network, "RUVVO", "RULED", scenario="nsr-summer", optimize="distance", avoid_modes=["rail"])
    assert any(leg.corridor == "nsr" for leg in found.best.legs)
    svg = map_svg({"NSR": found.best}, network, width=500, height=300)
    points = [tuple(map(float, p.split(","))) for line in _parse(svg).polylines for p in line.split()]
    xs = [x for x, _ in points]
    assert min(xs) >= 0 and max(xs) <= 500  # fitted to the drawing, no wrap to the far side
    for line in _parse(svg).polylines:
        pts = [tuple(map(float, p.split(","))) for p in line.split()]
        assert max(abs(a[0] - b[0]) for a, b in zip(pts, pts[1:])) < 250


def test_range_chart_axis_covers_the_values() -> None:
    svg = range_svg([("a", 10.0, 12.0, 15.0, "#000"), ("b", 20.0, 31.0, 38.0, "#111")], title="T", unit="days")
    ticks = [float(t) for t in re.findall(r'text-anchor="middle">([\d.,]+)<', svg)]
    assert ticks[0] == 0 and ticks[-1] >= 38 and len(ticks) <= 7
    assert "31.0 days" in svg and "12.0 days" in svg


def test_hostile_names_are_escaped(tmp_path, toy_params) -> None:
    data = json.loads(TOY.read_text(encoding="utf-8"))
    for feature in data["features"]:
        if feature["properties"]["id"] == "RUMOW":
            feature["properties"]["name"] = '<img src=x onerror="alert(1)">'
    path = tmp_path / "hostile.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    network = load_toy_network(path)
    text = route_report(route(network, "INNSA", "RUMOW", params=toy_params), network)
    assert "<img" not in text and "&lt;img src=x" in text
