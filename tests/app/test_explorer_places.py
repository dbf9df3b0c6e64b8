"""Route explorer (AppTest): any place as origin or destination, typed or from a link or a map click."""

from __future__ import annotations

from pathlib import Path

from app_helpers import assert_clean, deck_spec, layer, url_params

MAX_MAP_BYTES = 1_000_000
APP = Path(__file__).resolve().parents[2] / "app.py"


def _legs(at):
    frames = [f.value for f in at.dataframe if "leg_id" in getattr(f.value, "columns", [])]
    assert frames, "no legs table"
    return frames[-1]


def test_a_link_with_a_position_routes_door_to_door(make_app):
    at = make_app(origin="75.85,30.90", destination="RUMOW")
    assert_clean(at)
    assert at.selectbox(key="origin").value == "75.8500,30.9000"
    legs = _legs(at)
    assert legs["leg_id"].iloc[0] == "FIRST-MILE" and legs["mode"].iloc[0] == "road"
    assert legs["mode"].iloc[1] == "terminal" and legs["mode"].iloc[-1] == "terminal"
    assert "od" in [x["id"] for x in deck_spec(at)["layers"]]
    assert len(layer(deck_spec(at), "od")["data"]) == 2, "the position is marked on the map"


def test_a_typed_place_routes():
    from streamlit.testing.v1 import AppTest

    # AppTest cannot type a new option into a selectbox (accept_new_options): the typed text is the widget's state
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["origin"] = "Ludhiana"
    at.run()
    at.selectbox(key="destination").select("RUMOW").run()
    assert at.selectbox(key="origin").value == "Ludhiana"
    assert_clean(at)
    legs = _legs(at)
    assert legs["leg_id"].iloc[0] in ("FIRST-MILE", "TERMINAL-ORIGIN")  # a node once Ludhiana is one
    assert "terminal handling, loading" in " ".join(legs["dwell_at_end"])
    assert url_params(at)["origin"] == "Ludhiana"


def test_an_ambiguous_or_far_place_is_explained(make_app):
    at = make_app(origin="Bilaspur", destination="RUMOW")  # two towns in India, neither a node
    assert not at.exception
    assert any("names 2 places" in w.value for w in at.warning), [w.value for w in at.warning]
    at = make_app(origin="0,0", destination="RUMOW")
    assert not at.exception
    assert any("nearest terminal" in e.value for e in at.error), [e.value for e in at.error]


def test_a_click_on_land_sets_a_position(make_app):
    from corridors_app.map import CLICK_LAYER_ID, node_click

    at = make_app()
    spec = deck_spec(at)
    assert len(at.get("deck_gl_json_chart")[0].proto.json.encode()) < MAX_MAP_BYTES
    ids = [x["id"] for x in spec["layers"]]
    assert ids[:2] == ["ocean", "land"] and ids.index(CLICK_LAYER_ID) < ids.index("legs")
    grid = layer(spec, CLICK_LAYER_ID)
    assert grid["pickable"] is True and len(grid["data"]) > 1000
    state = {"click_sets": "origin"}
    node_click(state, {"selection": {"objects": {CLICK_LAYER_ID: [{"p": [75.5, 30.5]}]}}}, {})
    assert state == {"origin": "75.50,30.50", "click_sets": "destination"}
    node_click(state, {"selection": {"objects": {CLICK_LAYER_ID: [{"p": "bad"}]}}}, {})
    assert state["click_sets"] == "destination" and "destination" not in state


def test_a_click_on_a_node_sets_origin_then_destination():
    from corridors.viz.deck import NODE_LAYER_ID
    from corridors_app.map import node_click

    state: dict = {}
    options = {"JPYOK": "Yokohama (JPYOK, JP)", "RUMOW": "Moscow (RUMOW, RU)"}
    node_click(state, {"selection": {"objects": {NODE_LAYER_ID: [{"id": "JPYOK"}]}}}, options)
    assert state["origin"] == "JPYOK" and state["click_sets"] == "destination"
    node_click(state, {"selection": {"objects": {NODE_LAYER_ID: [{"id": "RUMOW"}]}}}, options)
    assert state["destination"] == "RUMOW" and state["click_sets"] == "origin"
    node_click(state, {"selection": {"objects": {NODE_LAYER_ID: [{"id": "SEA-SUEZ"}]}}}, options)
    assert state["origin"] == "JPYOK", "a node the pickers do not offer (a waypoint) is ignored"
