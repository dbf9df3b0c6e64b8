"""Hardening in a real browser: the map offline, sessions kept apart, hostile names stay text."""

from __future__ import annotations

import contextlib
from typing import Any
from urllib.parse import urlparse

from corridors.viz.style import CORRIDOR_COLORS, LAND_COLOR

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
VIEWPORT = {"width": 1400, "height": 1000}  # as conftest.VIEWPORT


def _new_page(browser: Any, *, offline: bool = False) -> tuple[Any, Any, list[str]]:
    """A fresh context (own session) and page; ``offline``: every request off the loopback is aborted."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    blocked: list[str] = []
    if offline:

        def _route(route: Any) -> None:
            url = route.request.url
            if url.startswith(("data:", "blob:")) or urlparse(url).hostname in LOOPBACK:
                route.continue_()
            else:
                blocked.append(url)
                route.abort("internetdisconnected")

        context.route("**/*", _route)
    return context, context.new_page(), blocked


def _origin_options(pg: Any, helpers: Any, text: str) -> list[str]:
    """The Origin picker's options when ``text`` is typed (then closed again)."""
    box = pg.locator("[data-testid=stSelectbox]").filter(has_text="Origin").first
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box.click()
    pg.keyboard.type(text)
    # the list is filtered: "No results", or an option naming the text
    with contextlib.suppress(PlaywrightTimeout):
        pg.wait_for_function(
            """t => Array.from(document.querySelectorAll('[role=listbox] [role=option]'))
                .some(e => e.innerText.trim() === 'No results' || e.innerText.toLowerCase().includes(t.toLowerCase()))""",
            arg=text,
            timeout=10_000,
        )
    options = pg.evaluate("() => Array.from(document.querySelectorAll('[role=listbox] [role=option]')).map(e => e.innerText.trim())")
    pg.keyboard.press("Escape")
    helpers["wait_idle"](pg)
    return options


def _search_nodes(pg: Any, helpers: Any, text: str) -> str:
    """On the Network page: search the Nodes tab for ``text``; the caption ("N of M nodes")."""
    pg.get_by_role("tab", name="Nodes").click()
    helpers["wait_idle"](pg)
    search = pg.get_by_label("Search (id, name, source)")
    search.fill(text)
    search.press("Enter")
    helpers["wait_idle"](pg)
    return pg.locator("[data-testid=stCaptionContainer]").filter(has_text=" nodes").first.inner_text()


def _cells(pg: Any) -> list[str]:
    """Texts of every st.dataframe cell on the page (their accessible tables)."""
    return pg.evaluate("() => Array.from(document.querySelectorAll('[data-testid=stDataFrame] table td')).map(td => td.innerText.trim())")


# ------------------------------------------------------------------ offline map
def test_map_shows_land_offline_even_with_the_tile_basemap_on(browser, app_url, helpers):
    context, pg, blocked = _new_page(browser, offline=True)
    try:
        pg.goto(app_url + "/")
        helpers["map_canvas"](pg)
        helpers["wait_idle"](pg)
        pg.get_by_text("Tile basemap (needs internet)").click()  # the worst case: tiles asked for, none arrive
        helpers["wait_idle"](pg)
        pg.wait_for_function("() => document.querySelectorAll('[data-testid=stDeckGlJsonChart] canvas').length >= 2", timeout=30_000)
        chart = pg.locator("[data-testid=stDeckGlJsonChart]").first

        def _drawn(stats) -> bool:
            img = stats["image"]
            return helpers["count_near"](img, LAND_COLOR[:3], tol=6) > 0.05 * img.width * img.height and all(
                helpers["count_near"](img, CORRIDOR_COLORS[c], tol=45) > 20 for c in ("instc", "transsib", "nsr")
            )

        stats = helpers["wait_drawn"](chart, _drawn)
        if not any("cartocdn" in url for url in blocked):  # the tile style is asked for (and refused)
            pg.wait_for_event("requestfailed", predicate=lambda r: "cartocdn" in r.url, timeout=30_000)
        assert any("cartocdn" in url for url in blocked), blocked
        img = stats["image"]
        land = helpers["count_near"](img, LAND_COLOR[:3], tol=6)
        assert land > 0.05 * img.width * img.height, f"only {land} land pixels: the Natural Earth land is not drawn"
        for corridor in ("instc", "transsib", "nsr"):
            assert helpers["count_near"](img, CORRIDOR_COLORS[corridor], tol=45) > 20, corridor
        assert pg.locator("[data-testid=stException]").count() == 0
        helpers["save_screenshot"](pg, "explorer_offline")
    finally:
        context.close()


# ------------------------------------------------------------------ session isolation
def test_an_upload_is_seen_by_its_session_only(browser, app_url, helpers, network):
    node = {"id": "KZ-TESTA", "name": "Test Port A", "country": "KZ", "kind": "seaport", "source": "test fixture"}
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [51.5, 44.2]}, "properties": node}]}
    data = helpers["upload_with_link"](doc, network)
    ctx_a, page_a, _ = _new_page(browser)
    ctx_b, page_b, _ = _new_page(browser)
    try:
        # both sessions are open at once
        page_b.goto(app_url + "/network")
        helpers["wait_idle"](page_b)
        helpers["upload"](page_a, app_url, "port_a.geojson", data)
        page_a.locator("[data-testid=stAlertContentSuccess]").wait_for(timeout=30_000)
        # B, in its running session and after A's upload: not in its network table, nor in its pickers
        caption = _search_nodes(page_b, helpers, "Test Port A")
        assert caption.startswith(f"0 of {len(network.nodes)} nodes"), caption
        assert not any("Test Port A" in c for c in _cells(page_b))
        page_b.get_by_role("link", name="Scenario comparison").click()  # same pickers as the explorer, no map to wait for
        helpers["wait_idle"](page_b)
        assert _origin_options(page_b, helpers, "Test Port") == ["No results"]
        # A sees it in both
        caption = _search_nodes(page_a, helpers, "Test Port A")
        assert caption.startswith(f"1 of {len(network.nodes) + 1} nodes"), caption
        helpers["wait_cell"](page_a, "Test Port A")
        page_a.get_by_role("link", name="Scenario comparison").click()
        helpers["wait_idle"](page_a)
        options = _origin_options(page_a, helpers, "Test Port")
        assert any(o.startswith("Test Port A (") for o in options), options
    finally:
        ctx_a.close()
        ctx_b.close()
