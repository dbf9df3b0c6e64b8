"""The map guides (issue 11 #2, #3): closures drawn, zoom to the route with labels, the globe from the north, the buttons."""

from __future__ import annotations

from corridors.viz.style import CLOSED_MARK, LABEL_COLOR, OCEAN_COLOR, ROUTE_COLORS


def _open(page, helpers, url):
    page.goto(url)
    canvas = helpers["map_canvas"](page)
    helpers["wait_idle"](page)
    return canvas


def test_red_sea_closed_draws_suez_closed_with_a_legend_entry(page, app_url, helpers):
    canvas = _open(page, helpers, app_url + "/?scenario=red-sea-closed")
    stats = helpers["wait_drawn"](canvas, lambda s: helpers["map_drawn"](s) and helpers["count_near"](s["image"], CLOSED_MARK[:3], tol=40) > 40)
    assert helpers["count_near"](stats["image"], CLOSED_MARK[:3], tol=40) > 40, "the red markers at Suez and Bab-el-Mandeb"
    page.get_by_text("Legend").first.click()
    legend = page.locator(".closed-legend").first
    legend.wait_for(state="visible", timeout=30_000)
    assert "closed in this scenario or out of season" in legend.inner_text()
    helpers["save_screenshot"](page, "map_red_sea_closed", height=1500)
    canvas.screenshot(path=str(helpers["save_screenshot"](page, "map_red_sea_closed").with_name("map_red_sea_closed_canvas.png")))


def test_a_route_is_zoomed_to_and_labelled(page, app_url, helpers):
    canvas = _open(page, helpers, app_url + "/?origin=INNSA&destination=RUMOW&k=1")
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
    helpers["wait_idle"](page)
    page.get_by_text("Zoomed to the chosen route").wait_for(timeout=30_000)
    stats = helpers["wait_drawn"](canvas, lambda s: helpers["count_near"](s["image"], ROUTE_COLORS[0], tol=40) > 600, timeout=90)
    img = stats["image"]
    img.save(helpers["save_screenshot"](page, "map_route_zoomed").with_name("map_route_zoomed_canvas.png"))
    assert helpers["count_near"](img, ROUTE_COLORS[0], tol=40) > 600, "the route is drawn"
    # zoomed to the route: Moscow (top) and Nhava Sheva (bottom) span most of the map's height
    assert helpers["count_near"](img, LABEL_COLOR[:3], tol=30) > 300, "labels drawn"


def test_globe_sees_an_nsr_route_from_the_north(page, app_url, helpers):
    _open(page, helpers, app_url + "/?origin=RULED&destination=RUVVO&scenario=nsr-summer&k=2")
    page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
    page.get_by_text("Globe view").click()
    helpers["wait_idle"](page)
    grid = page.locator("[data-testid=stDataFrame]").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 * 2 + 17)  # select route 2 (the NSR)
    helpers["wait_idle"](page)
    page.locator("h3").filter(has_text="Legs of 2.").wait_for(timeout=30_000)
    canvas = helpers["map_canvas"](page)
    canvas.scroll_into_view_if_needed()
    stats = helpers["wait_drawn"](canvas, lambda s: helpers["count_near"](s["image"], ROUTE_COLORS[1], tol=40) > 300, timeout=90)
    img = stats["image"]
    img.save(helpers["save_screenshot"](page, "map_globe_nsr").with_name("map_globe_nsr_canvas.png"))
    assert helpers["count_near"](img, ROUTE_COLORS[1], tol=40) > 300
    # the globe uses the panel: wider than the map is tall (its top and bottom cut), not a 420-px ball
    w, h = img.size
    drawn = [x for x in range(w) if img.getpixel((x, h // 2)) != (255, 255, 255)]
    assert max(drawn) - min(drawn) > 0.7 * w and max(drawn) - min(drawn) > h, (min(drawn), max(drawn), w, h)
    assert helpers["count_near"](img, LABEL_COLOR[:3], tol=30) > 300, "place labels drawn on the globe"


def test_zoom_buttons_and_reset(page, app_url, helpers):
    canvas = _open(page, helpers, app_url + "/")
    helpers["wait_drawn"](canvas, helpers["map_drawn"])
    share = lambda s: helpers["count_near"](s["image"], OCEAN_COLOR[:3], tol=6) / (s["image"].width * s["image"].height)  # noqa: E731
    before = helpers["wait_stable"](canvas, share)
    page.get_by_role("button", name="Zoom in").click()
    helpers["wait_idle"](page)
    page.get_by_role("button", name="Zoom in").click()
    helpers["wait_idle"](page)
    zoomed = helpers["wait_stable"](canvas, share)
    assert abs(zoomed - before) > 0.05, (before, zoomed)
    # a rerun that leaves the route alone (units) keeps the view
    page.locator("[data-testid=stRadio]").filter(has_text="Units").get_by_text("nm", exact=True).click()
    helpers["wait_idle"](page)
    kept = helpers["wait_stable"](canvas, share)
    assert abs(kept - zoomed) < 0.02, (zoomed, kept)
    page.get_by_role("button", name="Reset view").click()
    helpers["wait_idle"](page)
    back = helpers["wait_stable"](canvas, share)
    assert abs(back - before) < abs(zoomed - before) / 3, (before, zoomed, back)
