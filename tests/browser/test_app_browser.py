"""The served app in headless chromium: the map draws, clicks and downloads work, uploads are inert."""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

import pytest

from corridors.viz.geometry import fit_view
from corridors.viz.records import node_records
from corridors.viz.style import CORRIDOR_COLORS, LAND_COLOR, OCEAN_COLOR, ROUTE_COLORS


def _initial_view(network) -> dict[str, float]:
    """The view the app starts with (corridors_app.session.map_view computes the same)."""
    return fit_view([n["pos"] for n in node_records(network.nodes)])


def _grid_rows(pg, index: int = 0, *, within: str = "") -> list[list[str]]:
    """Cell texts of an st.dataframe (its accessible table), header first.

    ``within``: a CSS selector of the container to look in (e.g. the open tab).
    """
    selector = f"{within} [data-testid=stDataFrame] table".strip()
    pg.locator(selector).nth(index).wait_for(state="attached", timeout=30_000)
    return pg.evaluate(
        """([sel, i]) => {
            const t = document.querySelectorAll(sel)[i];
            return Array.from(t.querySelectorAll('tr')).map(r => Array.from(r.children).map(c => c.innerText.trim()));
        }""",
        [selector, index],
    )


def test_map_canvas_draws_the_network(page, app_url, helpers):
    page.goto(app_url + "/")
    canvas = helpers["map_canvas"](page)
    helpers["wait_idle"](page)

    def _drawn(stats) -> bool:
        img = stats["image"]
        return helpers["map_drawn"](stats) and all(
            helpers["count_near"](img, CORRIDOR_COLORS[c], tol=45) > 20 for c in ("instc", "transsib", "nsr")
        )

    stats = helpers["wait_drawn"](canvas, _drawn)
    img = stats["image"]
    assert stats["distinct"] > 50, "a blank or single-colour canvas"
    assert stats["non_background"] > 0.2, "land and lines cover the sea background"
    # sea, land and several corridor colours are really drawn
    assert helpers["count_near"](img, OCEAN_COLOR[:3], tol=6) > 1000
    assert helpers["count_near"](img, LAND_COLOR[:3], tol=6) > 1000
    for corridor in ("instc", "transsib", "nsr"):
        assert helpers["count_near"](img, CORRIDOR_COLORS[corridor], tol=45) > 20, corridor
    helpers["save_screenshot"](page, "explorer_network")


def test_picking_origin_and_destination_shows_routes(page, app_url, helpers):
    page.goto(app_url + "/")
    helpers["map_canvas"](page)
    helpers["wait_idle"](page)
    for label, text in (("Origin", "Nhava Sheva"), ("Destination", "Moscow")):
        box = page.locator("[data-testid=stSelectbox]").filter(has_text=label).first
        box.click()
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        helpers["wait_idle"](page)
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
    helpers["wait_idle"](page)
    assert "origin=INNSA" in page.url and "destination=RUMOW" in page.url
    rows = _grid_rows(page)
    assert len(rows) - 1 == 3 and rows[1][rows[0].index("route")].startswith("1. INSTC")
    helpers["save_screenshot"](page, "explorer_routes", height=2300)


@pytest.mark.xfail(
    strict=False,
    reason="headless Chromium with software GL: deck.gl's click on a node reaches Streamlit in some runs "
    "only (about half since the network grew to 200 nodes); node_click itself is tested with AppTest",
)
def test_clicking_a_node_selects_it(page, app_url, helpers, network):
    page.goto(app_url + "/")
    canvas = helpers["map_canvas"](page)
    helpers["wait_idle"](page)
    helpers["wait_drawn"](canvas, helpers["map_drawn"])
    box = canvas.bounding_box()
    node = network.nodes.loc["JPYOK", "geometry"]
    x, y = helpers["project"](node.x, node.y, _initial_view(network), box)
    assert box["x"] < x < box["x"] + box["width"] and box["y"] < y < box["y"] + box["height"]
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # under load deck.gl may not pick on the first click yet: try a few times (a click that
    # missed the node picked the land under it and turned the next click to the destination:
    # set "a click sets: origin" again before each try)
    radio = page.locator("[data-testid=stRadio]").filter(has_text="A click on the map")
    for attempt in range(3):
        if attempt:
            radio.get_by_text("origin", exact=True).click()
            helpers["wait_idle"](page)
        page.mouse.move(x - 2, y - 2)
        page.mouse.move(x, y)
        with contextlib.suppress(PlaywrightTimeout):  # hovering a node shows its tooltip: deck.gl picked it
            page.locator(".deck-tooltip").filter(has_text="JPYOK").wait_for(state="visible", timeout=5_000)
        page.mouse.click(x, y)
        helpers["wait_idle"](page)
        try:
            page.wait_for_function("() => location.search.includes('origin=JPYOK')", timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    helpers["wait_idle"](page)
    picker = page.locator("[data-testid=stSelectbox]").filter(has_text="Origin").first
    shown = picker.inner_text() + " " + " ".join(i.input_value() for i in picker.locator("input").all())
    assert "Yokohama" in shown, shown


def test_csv_download_matches_the_table_shown(page, app_url, helpers):
    page.goto(app_url + "/?origin=INNSA&destination=RUMOW&k=3&units=km")
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
    helpers["wait_idle"](page)
    shown = _grid_rows(page)
    header, body = shown[0], shown[1:]
    with page.expect_download() as info:
        page.get_by_role("button", name="Summary (CSV)").click()
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a UTF-8 BOM: Excel reads the headers right
    data = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(data) == len(body) == 3
    route_col = header.index("route")
    dist_col = header.index("distance (km)")
    days_col = header.index("P50 days")
    for shown_row, csv_row in zip(body, data, strict=True):
        assert shown_row[route_col].endswith(csv_row["route"])
        assert float(shown_row[dist_col]) == pytest.approx(float(csv_row["distance (km)"]), abs=0.5)
        assert float(shown_row[days_col]) == pytest.approx(float(csv_row["transit P50 (days)"]), abs=0.05)


IMG = '<img src=x onerror="window.__xss=1">'
CMD = "=cmd|' /C calc'!A0"


def _download_csv(pg, button: str) -> list[dict[str, str]]:
    with pg.expect_download() as info:
        pg.get_by_role("button", name=button).click()
    return list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8-sig"))))


def test_uploaded_html_payload_runs_nothing(page, app_url, helpers, network):
    """Node names ``<img src=x onerror=...>`` and ``=cmd|...``: text in the pickers, tables, tooltips and legend; inert in CSV."""
    data = helpers["upload_with_link"]("xss_names.geojson", network, status="operational")
    helpers["upload"](page, app_url, "xss.geojson", data)
    assert page.locator("[data-testid=stAlertContentSuccess]").count() == 1
    helpers["no_injected_markup"](page)
    # the nodes table shows both names as text
    page.get_by_role("tab", name="Nodes").click()
    helpers["wait_idle"](page)
    page.get_by_label("Search (id, name, source)").fill("KZ-XSS")
    page.keyboard.press("Enter")
    helpers["wait_idle"](page)
    helpers["wait_cell"](page, IMG)
    helpers["wait_cell"](page, CMD)
    # its CSV: the formula cells are neutralised, the HTML is plain text
    rows = {r["id"]: r for r in _download_csv(page, "Download nodes (CSV)")}
    assert set(rows) == {"KZ-XSS-IMG", "KZ-XSS-CMD"}
    assert rows["KZ-XSS-CMD"]["name"] == "'" + CMD
    assert rows["KZ-XSS-CMD"]["source"].startswith("'@SUM")
    assert rows["KZ-XSS-IMG"]["name"] == IMG
    # the explorer: picker, heading, route legend and legs table show the names as text
    page.get_by_role("link", name="Route explorer").click()
    canvas = helpers["map_canvas"](page)
    helpers["wait_idle"](page)
    for label, text in (("Origin", "KZ-XSS-IMG"), ("Destination", "Moscow")):
        box = page.locator("[data-testid=stSelectbox]").filter(has_text=label).first
        box.click()
        page.keyboard.type(text)
        page.keyboard.press("Enter")
        helpers["wait_idle"](page)
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
    helpers["wait_idle"](page)
    picker = page.locator("[data-testid=stSelectbox]").filter(has_text="Origin").first
    assert IMG in picker.inner_text() + " ".join(i.input_value() for i in picker.locator("input").all())
    heading = page.locator("h3").filter(has_text="best route").first.inner_text()
    assert heading.split(": ", 1)[1].startswith(IMG), heading
    legend = page.locator("[data-testid=stMarkdownContainer]").filter(has_text="1. ").first
    assert legend.locator("img, script").count() == 0
    helpers["wait_cell"](page, CMD)
    legs = _download_csv(page, "All legs (CSV)")
    names = {r["from"] for r in legs} | {r["to"] for r in legs}
    assert {IMG, "'" + CMD} <= names and CMD not in names
    helpers["no_injected_markup"](page)
    # on the map: hovering the node shows its name as text in the tooltip
    canvas.scroll_into_view_if_needed()  # the downloads scrolled the page
    helpers["wait_drawn"](canvas, helpers["map_drawn"])
    # the map is zoomed to the route (which starts at the uploaded node): scan the canvas for the
    # tooltip of the node or of a leg from it, whose text names it (bounded: at most 24 x 14 positions)
    box = canvas.bounding_box()
    tooltip = page.locator(".deck-tooltip")
    seen = ""
    for j in range(14):
        for i in range(24):
            page.mouse.move(box["x"] + box["width"] * (i + 0.5) / 24, box["y"] + box["height"] * (j + 0.5) / 14)
            if tooltip.is_visible() and IMG in (seen := tooltip.inner_text()):
                break
        else:
            continue
        break
    if IMG in seen:  # found by the scan (a 2-px leg can fall between its positions): shown as text
        assert tooltip.locator("img, script, b").count() == 0
    page.wait_for_load_state("networkidle")  # an injected <img src=x> would have failed to load by now
    helpers["no_injected_markup"](page)
    assert page.dialogs == []


def test_broken_upload_shows_its_report_and_keeps_the_network(page, app_url, helpers, network):
    data = (Path(__file__).resolve().parents[1] / "app" / "fixtures" / "broken_upload.geojson").read_bytes()
    helpers["upload"](page, app_url, "broken.geojson", data)
    error = page.locator("[data-testid=stAlertContentError]").first
    error.wait_for(timeout=30_000)
    assert "3 problems" in error.inner_text()
    report = page.locator("[data-testid=stCode]").first.inner_text()
    for needle in ("spaceport", "train", "NOWHERE"):
        assert needle in report
    metric = page.locator("[data-testid=stMetric]").filter(has_text="Nodes").first.inner_text()
    assert f"{len(network.nodes)}" in metric.replace(",", "")
    helpers["save_screenshot"](page, "network_broken_upload")
    assert page.dialogs == []


@pytest.mark.parametrize(
    ("name", "path", "height", "selector"),
    [
        ("compare", "/compare?origin=INNSA&destination=RUMOW&scenarios=baseline,red-sea-closed,hormuz-closed,rasht-astara-built",
         1900, "[data-testid=stVegaLiteChart]"),
        ("compare_nsr", "/compare?origin=RULED&destination=RUVVO&scenarios=baseline,nsr-summer,nsr-winter-arc7,nsr-winter-no-ice-class",
         1900, "[data-testid=stVegaLiteChart]"),
        ("network", "/network", 1100, "[data-testid=stDataFrame]"),
        ("methodology", "/methodology", 2400, "[data-testid=stDataFrame]"),
        ("explorer_emc", "/?origin=INMAA&destination=RUMOW&k=4", 2300, "[data-testid=stVegaLiteChart]"),
    ],
)
def test_page_screenshots(page, app_url, helpers, name, path, height, selector):
    page.goto(app_url + path)
    page.locator(selector).first.wait_for(timeout=60_000)
    helpers["wait_rendered"](page)
    assert page.locator("[data-testid=stException]").count() == 0
    shot = helpers["save_screenshot"](page, name, height=height)
    assert shot.stat().st_size > 20_000


def test_selecting_a_route_row_focuses_it(page, app_url, helpers):
    page.goto(app_url + "/?origin=INNSA&destination=RUMOW&k=3")
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.wait_for(timeout=60_000)
    helpers["wait_idle"](page)
    assert page.locator("h3").filter(has_text="Legs of 1.").count() == 1
    grid.scroll_into_view_if_needed()
    helpers["wait_rendered"](page)
    box = grid.bounding_box()
    row_h = 35  # header and rows of st.dataframe
    page.mouse.click(box["x"] + 15, box["y"] + row_h * 2 + row_h / 2)  # row-select checkbox of row 2
    helpers["wait_idle"](page)
    page.locator("h3").filter(has_text="Legs of 2.").wait_for(timeout=30_000)


def _share(helpers, stats) -> float:
    img = stats["image"]
    return helpers["count_near"](img, OCEAN_COLOR[:3], tol=6) / (img.width * img.height)


def _ocean_share(helpers, canvas) -> float:
    return _share(helpers, helpers["canvas_stats"](canvas.screenshot()))


def test_map_keeps_its_view_across_reruns(page, app_url, helpers):
    page.goto(app_url + "/?origin=INNSA&destination=RUMOW&k=1")
    canvas = helpers["map_canvas"](page)
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
    helpers["wait_idle"](page)
    helpers["wait_drawn"](canvas, helpers["map_drawn"])
    before = _ocean_share(helpers, canvas)
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.62, box["y"] + box["height"] * 0.55)  # over Central Asia
    for _ in range(6):
        page.mouse.wheel(0, -240)
        page.evaluate("() => new Promise(done => requestAnimationFrame(done))")  # one wheel event per frame
    zoomed = helpers["wait_stable"](canvas, lambda stats: _share(helpers, stats))  # the zoom transition has ended
    assert abs(zoomed - before) > 0.05, "the wheel zoomed the map"
    # a rerun that leaves the route alone (units); a new route refits the map to it by design
    page.get_by_text("nm", exact=True).first.click()
    page.wait_for_function("() => location.search.includes('units=nm')", timeout=60_000)
    helpers["wait_idle"](page)
    after = helpers["wait_stable"](canvas, lambda stats: _share(helpers, stats))
    assert abs(after - zoomed) < abs(zoomed - before) / 2, (before, zoomed, after)


def test_globe_view_draws(page, app_url, helpers):
    page.goto(app_url + "/?origin=RULED&destination=RUVVO&scenario=nsr-summer&k=2")
    helpers["map_canvas"](page)
    helpers["wait_idle"](page)
    page.get_by_text("Globe view").click()
    helpers["wait_idle"](page)
    canvas = helpers["map_canvas"](page)

    def _drawn(stats) -> bool:
        img = stats["image"]
        return (helpers["count_near"](img, OCEAN_COLOR[:3], tol=8) > 1000 and helpers["count_near"](img, LAND_COLOR[:3], tol=8) > 1000
                and helpers["count_near"](img, ROUTE_COLORS[0], tol=40) > 50)

    stats = helpers["wait_drawn"](canvas, _drawn)
    img = stats["image"]
    assert helpers["count_near"](img, OCEAN_COLOR[:3], tol=8) > 1000
    assert helpers["count_near"](img, LAND_COLOR[:3], tol=8) > 1000
    assert helpers["count_near"](img, ROUTE_COLORS[0], tol=40) > 50, "the first route is highlighted"
    helpers["save_screenshot"](page, "explorer_globe_nsr")
