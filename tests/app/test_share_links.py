"""Shared links keep the view: custom scenarios in the URL, every setting, held values, the upload hint, session files."""

from __future__ import annotations

import datetime
import re

from app_helpers import assert_clean, deck_spec, url_params
from conftest import APP, PAGES

from corridors.model.scenario import Scenario
from corridors.model.scenario_url import encode_scenario
from corridors_app.upload_restore import session_file

MINE = Scenario(name="suez-and-hormuz", description="both shut", closed_chokepoints=["suez", "hormuz"], speed_factor={"rail": 0.8})


def _plain(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _fresh(page: str = "explorer", **query: str):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params.update(query)
    if page != "explorer":
        at.switch_page(PAGES[page])
    at.run()
    return at


def test_a_link_with_a_custom_scenario_restores_it_and_the_view():
    link = {"origin": "INNSA", "destination": "RUMOW", "scenario": MINE.name, "custom": encode_scenario(MINE), "k": "2",
            "globe": "1", "route": "2", "departure": "2026-11-05", "rail_service": "express", "units": "nm", "optimize": "time"}
    at = _fresh(**link)
    assert_clean(at)
    assert not at.warning, [w.value for w in at.warning]
    assert at.selectbox(key="scenario").value == MINE.name
    assert at.toggle(key="globe").value is True and deck_spec(at)["views"][0]["@@type"] == "_GlobeView"
    assert at.selectbox(key="rail_service").value == "express"
    assert at.date_input(key="departure").value == datetime.date(2026, 11, 5)
    assert at.radio(key="units").value == "nm" and at.slider(key="k").value == 2
    summary = at.dataframe[0].value
    assert len(summary) == 2
    assert "Legs of 2." in _plain(at.subheader[-1].value), "the link's selected route is in focus"
    # the same figures as a session that built the scenario itself
    from streamlit.testing.v1 import AppTest

    own = AppTest.from_file(str(APP), default_timeout=90)
    own.session_state["_custom_scenarios"] = {MINE.name: MINE}
    own.query_params.update({**link, "custom": ""})
    own.run()
    assert list(own.dataframe[0].value["p50_days"]) == list(summary["p50_days"])
    # the page writes the same link back
    assert url_params(at) == {**link}


def test_a_built_scenario_is_written_to_the_link_and_opens_in_a_fresh_session():
    at = _fresh("compare", origin="INNSA", destination="RUMOW", routes="1", scenarios="baseline")
    at.session_state["_custom_scenarios"] = {MINE.name: MINE}
    at.multiselect(key="scenarios").set_value(["baseline", MINE.name]).run()
    assert_clean(at)
    params = url_params(at)
    assert params["scenarios"] == f"baseline,{MINE.name}" and params["custom"] == encode_scenario(MINE)
    fresh = _fresh("compare", **params)
    assert_clean(fresh)
    assert fresh.multiselect(key="scenarios").value == ["baseline", MINE.name]
    assert list(fresh.dataframe[0].value["p50_days"]) == list(at.dataframe[0].value["p50_days"])


def test_a_link_naming_an_uploaded_node_says_where_it_came_from_and_keeps_the_link():
    at = _fresh(origin="KZ-XSS", destination="RUMOW", uploads="xss.geojson")
    assert_clean(at)
    text = _plain(at.warning[0].value)
    assert "this link names node 'KZ-XSS' from an uploaded file the viewer does not have ('xss.geojson')" in text
    assert "upload it on the Network page" in text
    at.run()
    assert url_params(at)["origin"] == "KZ-XSS" and url_params(at)["uploads"] == "xss.geojson", "the link is not rewritten"
    at.selectbox(key="origin").select("INMAA").run()  # the viewer chooses: the page's own value from now on
    assert url_params(at)["origin"] == "INMAA" and "uploads" not in url_params(at)


def test_an_unknown_node_without_uploads_in_the_link_still_hints_at_an_upload():
    at = _fresh(origin="MY-DEPOT-7", destination="RUMOW")
    assert "if it came from an uploaded file, upload that file on the Network page" in _plain(at.warning[0].value)


def test_a_hostile_custom_scenario_is_refused_with_its_reason_and_held():
    import base64
    import zlib

    bomb = "s1." + base64.urlsafe_b64encode(zlib.compress(b"{" + b" " * 3_000_000 + b"}", 9)).rstrip(b"=").decode()
    at = _fresh(origin="INNSA", destination="RUMOW", scenario="mine", custom=f"{bomb},s1.@@@")
    assert_clean(at)
    text = _plain(at.warning[0].value)
    assert "expands to more than the limit of 100,000 bytes" in text and "not base64url" in text
    assert "unknown scenario 'mine'" in text
    assert at.selectbox(key="scenario").value == "baseline"
    at.run()
    assert url_params(at)["scenario"] == "mine" and url_params(at)["custom"] == f"{bomb},s1.@@@", "held until the viewer picks"


def test_the_network_page_settings_are_in_the_link():
    at = _fresh("network", net_tab="Nodes", net_kind="seaport,city", net_ntext="Moscow")
    assert_clean(at)
    assert at.session_state["net_tab"] == "Nodes"
    assert at.multiselect(key="net_kind").value == ["seaport", "city"] and at.text_input(key="net_ntext").value == "Moscow"
    params = url_params(at)
    assert params["net_tab"] == "Nodes" and params["net_kind"] == "seaport,city" and params["net_ntext"] == "Moscow"


def test_a_session_file_brings_back_the_upload_and_scenarios(network, xss_upload):
    data = session_file([("xss.geojson", xss_upload)], [MINE, Scenario(name="bad-ids", closed_nodes=["NOWHERE-1"])])
    # a link naming the upload's node, opened in a fresh session: held, with the hint
    at = _fresh(origin="KZ-XSS", destination="RUMOW", uploads="xss.geojson")
    at.switch_page(PAGES["network"]).run()
    at.file_uploader(key="net_restore").set_value(("corridors-session.json", data, "application/json")).run()
    assert not at.exception
    success = _plain(at.success[0].value)
    assert "Restored 1 upload(s) (xss.geojson) and 1 scenario(s) (suez-and-hormuz)" in success
    assert "unknown node id 'NOWHERE-1'" in _plain(at.warning[-1].value), "what could not be restored is said"
    assert len(at.dataframe[1].value) == len(network.nodes) + 2
    # back on the explorer, the held link value is used now that the upload is there
    at.switch_page(PAGES["explorer"]).run()
    assert not at.exception
    assert at.selectbox(key="origin").value == "KZ-XSS"
    assert MINE.name in at.selectbox(key="scenario").options


def test_a_file_that_is_not_a_session_file_changes_nothing(network):
    at = _fresh("network")
    at.file_uploader(key="net_restore").set_value(("x.json", b'{"type": "FeatureCollection"}', "application/json")).run()
    assert not at.exception
    assert "not a session file of this app" in _plain(at.error[0].value + at.code[0].value)
    assert len(at.dataframe[1].value) == len(network.nodes)
