"""Route explorer page (AppTest): map, pickers, routes, URL state."""

from __future__ import annotations

import base64
import json

from app_helpers import assert_clean, deck_spec, layer, url_params

MAX_MAP_BYTES = 1_000_000


def test_landing_page_shows_whole_network_offline(make_app, network):
    at = make_app()
    assert_clean(at)
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    raw = charts[0].proto.json
    assert len(raw.encode()) < MAX_MAP_BYTES
    spec = deck_spec(at)
    ids = [x["id"] for x in spec["layers"]]
    assert ids[:2] == ["ocean", "land"], "offline basemap is drawn under everything"
    assert ids.index("legs") < ids.index("nodes")
    # no tile server: pydeck's "no basemap" sentinel, no provider
    assert spec.get("mapStyle") in (None, "__MAP_STYLE__")
    assert "mapProvider" not in spec
    # every leg and node of the network is on the map
    assert {r["id"] for r in layer(spec, "legs")["data"]} == set(network.legs.index)
    assert {r["id"] for r in layer(spec, "nodes")["data"]} == set(network.nodes.index)
    assert layer(spec, "nodes")["pickable"] is True
    land = layer(spec, "land")["data"]
    assert land.startswith("data:application/json;base64,")
    assert len(json.loads(base64.b64decode(land.split(",", 1)[1]))) > 100, "country polygons present"


def test_legs_are_styled_by_corridor_mode_and_status(make_app, network):
    from corridors.viz import style

    spec = deck_spec(make_app())
    legs = layer(spec, "legs")
    assert legs["extensions"][0]["@@type"] == "PathStyleExtension"
    records = legs["data"]
    by_id = {r["id"]: r for r in records}
    for leg_id, row in network.legs.iterrows():
        rec = by_id[leg_id]
        if rec.get("x"):  # closed in this scenario or out of season: drawn as closed (grey, dashed)
            continue
        assert rec["c"][:3] == list(style.CORRIDOR_COLORS[row["corridor"]])
        assert rec["w"] == style.MODE_STYLE[row["mode"]]["width"]
        assert rec["c"][3] == style.STATUS_ALPHA[row["status"]]
    planned = [r for r in records if r["status"] == "planned"]
    operational = [r for r in records if r["status"] == "operational"]
    assert planned and operational
    assert max(r["c"][3] for r in planned) < min(r["c"][3] for r in operational)
    seasonal = network.legs[network.legs["season"].notna()]
    assert len(layer(spec, "season")["data"]) >= len(seasonal) > 0


def test_antimeridian_legs_never_streak(make_app):
    spec = deck_spec(make_app())
    for rec in layer(spec, "legs")["data"]:
        path = rec["p"]
        for (x0, _), (x1, _) in zip(path, path[1:], strict=False):
            assert abs(x1 - x0) <= 180, f"{rec['id']} jumps across the map"


def test_tooltips_are_text_not_html(make_app):
    at = make_app()
    spec = deck_spec(at)
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert "html" not in tooltip and tooltip["text"] == "{tip}"
    tip = layer(spec, "legs")["data"][0]["tip"]
    assert "mode:" in tip and "status:" in tip and "source:" in tip and "km" in tip and "nm" in tip


def test_query_params_open_routes(make_app):
    at = make_app(origin="INNSA", destination="RUMOW", k="3", optimize="time", units="km")
    assert_clean(at)
    summary = at.dataframe[0].value
    assert len(summary) == 3
    assert summary["alternative"].iloc[0].startswith("1. ")
    spec = deck_spec(at)
    ids = [x["id"] for x in spec["layers"]]
    assert {"route-0", "route-1", "route-2", "od"} <= set(ids)
    assert at.selectbox(key="origin").value == "INNSA"
    assert at.selectbox(key="destination").value == "RUMOW"
    assert at.slider(key="k").value == 3
    assert len(at.get("vega_lite_chart")) == 2, "time-distance and moving/dwell charts"
    legs = next(d.value for d in at.dataframe if "leg" in d.value.columns)
    assert (legs["rank"] == 1).all() and len(legs) > 1


def test_widget_changes_write_the_url(make_app):
    at = make_app()
    at.selectbox(key="origin").select("INMAA").run()
    at.selectbox(key="destination").select("RUVVO").run()
    at.slider(key="k").set_value(2).run()
    assert_clean(at)
    params = url_params(at)
    assert params["origin"] == "INMAA" and params["destination"] == "RUVVO" and params["k"] == "2"
    assert len(at.dataframe[0].value) == 2


def test_widgets_change_results(make_app):
    at = make_app(origin="INNSA", destination="RUMOW", k="1")
    first = at.dataframe[0].value.iloc[0]
    at.selectbox(key="scenario").select("hormuz-closed").run()
    assert_clean(at)
    closed = at.dataframe[0].value.iloc[0]
    assert closed["route"] != first["route"] or closed["p50_days"] != first["p50_days"]
    at.selectbox(key="destination").select("RUVVO").run()
    assert at.dataframe[0].value.iloc[0]["distance_km"] != first["distance_km"]


def test_units_switch_changes_the_distance_column(make_app):
    at = make_app(origin="INNSA", destination="RUMOW", units="km")
    assert "distance_km" in list(at.dataframe[0].proto.column_order)
    at.radio(key="units").set_value("nm").run()
    assert "distance_nm" in list(at.dataframe[0].proto.column_order)
    assert url_params(at)["units"] == "nm"


def test_infeasible_says_why(make_app):
    at = make_app(origin="RUMMK", destination="RUPWE", scenario="nsr-winter-no-ice-class")
    assert not at.exception
    assert at.warning, "an infeasible query shows a warning"
    text = at.warning[0].value
    assert "No route" in text and "NSR" in text


def test_bad_query_params_are_ignored(make_app):
    at = make_app(origin="<script>", destination="NOWHERE", k="99", units="furlongs")
    assert_clean(at)
    assert at.selectbox(key="origin").value is None
    assert at.slider(key="k").value == 3
    assert at.radio(key="units").value == "km"


def test_globe_toggle_switches_view(make_app):
    at = make_app()
    at.toggle(key="globe").set_value(True).run()
    assert_clean(at)
    spec = deck_spec(at)
    assert spec["views"][0]["@@type"] == "_GlobeView"


def test_a_route_is_put_in_focus_without_the_table(make_app):
    """Keyboard users: the "Route in focus" buttons do what selecting a row does (map, legs, URL)."""
    at = make_app(origin="INNSA", destination="RUMOW", k="3")
    assert_clean(at)
    assert at.segmented_control(key="route_pick").value == 1
    at.segmented_control(key="route_pick").set_value(2).run()
    assert_clean(at)
    assert any(h.value.startswith("Legs of 2") for h in at.subheader)  # (markdown-escaped "2\\.")
    assert at.query_params.get("route") == "2" and at.segmented_control(key="route_pick").value == 2


def test_the_same_origin_and_destination_is_not_blamed_on_the_scenario(make_app):
    at = make_app(origin="INNSA", destination="INNSA")
    assert_clean(at)
    assert not [w for w in at.warning if "scenario" in w.value]
    assert any("Nothing to route" in i.value and "same" in i.value for i in at.info)
