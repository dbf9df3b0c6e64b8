"""A 390-px phone and a laptop: the best route's cards and the summary's key columns need no sideways scroll."""

from __future__ import annotations

from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
KEY_HEADERS = ("route", "P50 days", "USD/TEU", "kg CO2e")
QUERY = "/?origin=INNSA&destination=RULED&scenario=red-sea-closed"


def _open(browser, app_url, helpers, viewport):
    context = browser.new_context(viewport=viewport)
    pg = context.new_page()
    pg.goto(app_url + QUERY)
    pg.locator(".corr-cards").wait_for(state="visible", timeout=120_000)
    pg.locator("[data-testid=stDataFrame]").first.wait_for(state="attached", timeout=120_000)
    helpers["wait_idle"](pg, timeout=120)
    return context, pg


def _scroll_to(pg, selector, block="start"):
    """Scroll Streamlit's own scrolling container (not the document) to an element; wait two frames."""
    pg.evaluate("([s, b]) => document.querySelector(s).scrollIntoView({block: b})", [selector, block])
    pg.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _boxes(pg, selector):
    return pg.evaluate(
        """sel => Array.from(document.querySelectorAll(sel)).map(e => {
            const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, text: e.innerText};
        })""",
        selector,
    )


def _summary_fits(pg, width):
    """The summary grid's key columns (route, P50, cost, CO2e) end inside the grid, which ends inside the page."""
    _scroll_to(pg, "[data-testid=stDataFrame]")
    box = pg.locator("[data-testid=stDataFrame]").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, box
    # the grid's header cells: glide draws them on a canvas; its accessible table lists the columns in order
    headers = pg.evaluate(
        """() => Array.from(document.querySelector('[data-testid=stDataFrame] table thead tr').children)
                 .map(th => th.innerText.trim())"""
    )
    assert [h for h in headers if h][:4] == list(KEY_HEADERS), headers
    # widths set in corridors_app/columns.py: the row-selection column (33 px) + route + 3 key figures
    from corridors_app.columns import _KEY_WIDTHS

    assert 33 + _KEY_WIDTHS["route"] + 3 * _KEY_WIDTHS["figure"] <= box["width"], (box, _KEY_WIDTHS)
    return box


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone-390", "laptop-1280"])
def test_cards_and_key_columns_fit(browser, app_url, helpers, viewport):
    context, pg = _open(browser, app_url, helpers, viewport)
    try:
        width = viewport["width"]
        assert pg.evaluate("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
        cards = _boxes(pg, ".corr-card")
        assert [c["text"].splitlines()[0] for c in cards] == ["Best route", "Transit P50", "Cost P50", "CO2e P50"]
        for card in cards:
            assert card["left"] >= 0 and card["right"] <= width + 0.5, card
        assert "27.9 days" in cards[1]["text"] and "INSTC western" in cards[0]["text"]
        _summary_fits(pg, width)
        _scroll_to(pg, ".corr-cards", "center")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = "phone_390_summary" if viewport is PHONE else "laptop_1280_summary"
        pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
        # the reference routes: Suez closed with the reason, the Cape with its figures
        pg.evaluate("() => document.querySelectorAll('[data-testid=stDataFrame]')[1].scrollIntoView()")
        helpers["wait_cell"](pg, "closed")  # Suez: its status (the reason is further right on a phone)
        pg.screenshot(path=str(SCREENSHOTS / f"{name}_references.png"))
    finally:
        context.close()
