"""A shared link with a custom scenario, opened in a fresh browser context, shows that scenario's result."""

from __future__ import annotations

import urllib.parse

from corridors.model.scenario import Scenario
from corridors.model.scenario_url import encode_scenario

MINE = Scenario(name="suez-and-hormuz-shut", description="Suez and Hormuz closed, slow rail",
                closed_chokepoints=["suez", "hormuz"], speed_factor={"rail": 0.8})


def test_shared_link_with_a_custom_scenario_in_a_fresh_browser(page, app_url, helpers, network):
    from corridors.routing.route import route

    expected = route(network, "INNSA", "RUMOW", scenario=MINE, optimize="time", alternatives=2)
    best = expected.routes[0].label
    baseline_best = route(network, "INNSA", "RUMOW", scenario=Scenario(name="b"), optimize="time", alternatives=1).routes[0].label
    assert best != baseline_best, "the scenario changes the answer (else the test could not fail)"

    query = {"origin": "INNSA", "destination": "RUMOW", "scenario": MINE.name, "custom": encode_scenario(MINE), "k": "2", "route": "1"}
    page.goto(app_url + "/?" + urllib.parse.urlencode(query))
    helpers["wait_rendered"](page, timeout=90)
    helpers["wait_drawn"](helpers["map_canvas"](page), helpers["map_drawn"])
    text = page.locator("[data-testid=stApp]").inner_text()
    assert "unknown scenario" not in text and "Part of this link was not used" not in text
    sidebar = page.locator("[data-testid=stSidebar]").inner_text()
    assert MINE.description in sidebar, "the link's scenario is the one chosen (its description is shown under the picker)"
    assert f"1. {best}" in text, (best, text[:2000])
    helpers["save_screenshot"](page, "share_link_custom_scenario", height=1600)
    # the address bar still carries the scenario (a reload loses nothing)
    assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["custom"] == [encode_scenario(MINE)]
    page.reload()
    helpers["wait_rendered"](page, timeout=90)
    assert f"1. {best}" in page.locator("[data-testid=stApp]").inner_text()
