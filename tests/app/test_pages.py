"""Scenario comparison, Network & data and Methodology pages (AppTest)."""

from __future__ import annotations

import tomllib

import pytest
from app_helpers import assert_clean, deck_spec, layer, url_params


# ------------------------------------------------------------------ compare
def test_compare_page_table_and_charts(make_app):
    at = make_app(page="compare", origin="INNSA", destination="RUMOW", scenarios="baseline,red-sea-closed,hormuz-closed", routes="1")
    assert_clean(at)
    table = at.dataframe[0].value
    assert list(table["scenario"]) == ["baseline", "red-sea-closed", "hormuz-closed"]
    assert table["feasible"].all()
    assert table.loc[0, "Δ days (P50) vs baseline"] == pytest.approx(0.0)
    assert (table["p90_days"] >= table["p50_days"]).all()
    assert len(at.get("vega_lite_chart")) == 4
    assert url_params(at)["scenarios"] == "baseline,red-sea-closed,hormuz-closed"
    at.number_input(key="routes").set_value(2).run()
    table = at.dataframe[0].value
    assert len(table) == 6 and list(table["rank"]) == [1, 2] * 3
    assert url_params(at)["routes"] == "2"


@pytest.mark.parametrize("page", ["compare", "network", "methodology"])
def test_pages_render_without_errors(make_app, page):
    at = make_app(page=page)
    assert_clean(at)
    assert at.title


def test_compare_builder_adds_scenario_and_saves_toml(make_app):
    at = make_app(page="compare", origin="INNSA", destination="RUMOW", scenarios="baseline")
    at.text_input(key="b_name").input("all-sea-closed")
    at.multiselect(key="b_modes").select("sea")
    at.button(key="b_submit").click().run()
    assert not at.exception
    assert "all-sea-closed" in at.multiselect(key="scenarios").value
    table = at.dataframe[0].value
    row = table[table["scenario"] == "all-sea-closed"].iloc[0]
    assert not row["feasible"] and "sea" in row["reason"]
    assert any("no route" in w.value for w in at.warning)
    # the built scenario can be saved as TOML
    save = at.selectbox(key="cmp_save")
    assert save.value == "all-sea-closed"
    assert at.get("download_button")


def test_compare_loads_toml_scenario(make_app):
    from corridors.model.scenario import Scenario

    text = Scenario(name="uploaded-slow", description="<b>slow</b>", speed_factor={"sea": 0.7}).to_toml()
    assert tomllib.loads(text)["name"] == "uploaded-slow"
    at = make_app(page="compare", origin="INNSA", destination="NLRTM", scenarios="baseline", routes="1")
    at.file_uploader(key="cmp_toml").set_value(("slow.toml", text.encode(), "application/toml"))
    at.run()
    assert_clean(at)
    table = at.dataframe[0].value
    assert set(table["scenario"]) == {"baseline", "uploaded-slow"}
    slow = table.set_index("scenario").loc["uploaded-slow", "p50_days"]
    base = table.set_index("scenario").loc["baseline", "p50_days"]
    assert slow > base


def test_compare_bad_toml_shows_report(make_app):
    at = make_app(page="compare", origin="INNSA", destination="RUMOW", scenarios="baseline", routes="1")
    bad = b'name = "x"\nclosed_chokepoints = ["atlantis"]\nmonth = 13\n'
    at.file_uploader(key="cmp_toml").set_value(("bad.toml", bad, "application/toml"))
    at.run()
    assert not at.exception
    assert at.error and "not loaded" in at.error[0].value
    assert at.code and "atlantis" in at.code[0].value
    assert list(at.dataframe[0].value["scenario"]) == ["baseline"]


# ------------------------------------------------------------------ network
def test_network_tables_and_filters(make_app, network):
    at = make_app(page="network")
    assert_clean(at)
    legs, nodes, _claims = (d.value for d in at.dataframe[:3])
    assert len(legs) == len(network.legs) and len(nodes) == len(network.nodes)
    assert {"source", "status", "length_km", "length_nm"} <= set(legs.columns)
    at.multiselect(key="net_corridor").select("nsr").run()
    nsr = at.dataframe[0].value
    assert 0 < len(nsr) < len(network.legs) and set(nsr["corridor"]) == {"nsr"}
    assert len(at.get("download_button")) >= 3


def test_published_claims_beside_model(make_app):
    at = make_app(page="network")
    claims = at.dataframe[2].value
    assert len(claims) >= 14 and not claims["Model route"].str.startswith("no figure").any()
    instc = claims[claims["Claim"].str.startswith("INSTC")].iloc[0]
    assert instc["Published km"] == "7,200" and "INSTC" in instc["Model route"]
    suez = claims[claims["Claim"].str.startswith("Suez route")].iloc[0]
    assert suez["Model route"] == "Suez"  # the claim about the Suez route beside the model's Suez route


def test_upload_joins_for_this_session_only(make_app, xss_upload, network):
    at = make_app(page="network")
    at.file_uploader(key="net_upload").set_value(("xss.geojson", xss_upload, "application/geo+json"))
    at.run()
    at.button(key="net_add").click().run()
    assert_clean(at)
    assert len(at.dataframe[1].value) == len(network.nodes) + 2
    assert any("xss" in s.value for s in at.success)
    # the upload's nodes are on the explorer map and in the pickers, as data only
    at.switch_page("corridors_app/views/explorer.py").run()
    assert_clean(at)
    assert any("KZ-XSS" in option for option in at.selectbox(key="origin").options)
    nodes = layer(deck_spec(at), "nodes")["data"]
    evil = next(n for n in nodes if n["id"] == "KZ-XSS")
    assert "<img" in evil["tip"], "kept as text: the tooltip is a text tooltip (innerText)"
    # another session does not see it
    other = make_app(page="network")
    assert len(other.dataframe[1].value) == len(network.nodes)


def test_broken_upload_shows_full_report_and_keeps_network(make_app, fixture_bytes, network):
    at = make_app(page="network")
    at.file_uploader(key="net_upload").set_value(("broken.geojson", fixture_bytes("broken_upload.geojson"), "application/geo+json"))
    at.run()
    at.button(key="net_add").click().run()
    assert not at.exception
    assert at.error and "3 problems" in at.error[0].value
    report = at.code[0].value
    for needle in ("spaceport", "train", "NOWHERE"):
        assert needle in report
    assert len(at.dataframe[1].value) == len(network.nodes)


def test_an_upload_with_lon_and_lat_swapped_names_the_node(make_app, network):
    import json

    node = {"id": "IN-SWAPPED", "name": "Nhava Sheva", "country": "IN", "kind": "seaport", "source": "test"}
    point = {"type": "Point", "coordinates": [18.95, 72.95]}  # [lat, lon]: the Barents Sea
    data = json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": node, "geometry": point}]})
    at = make_app(page="network")
    at.file_uploader(key="net_upload").set_value(("swapped.geojson", data.encode(), "application/geo+json"))
    at.run()
    at.button(key="net_add").click().run()
    assert not at.exception and at.error
    assert "node 'IN-SWAPPED' lies about" in at.code[0].value and "are lon and lat swapped?" in at.code[0].value
    assert len(at.dataframe[1].value) == len(network.nodes)


# ------------------------------------------------------------------ methodology
def test_methodology_lists_every_default_with_source(make_app):
    from corridors.model.params import default_params

    at = make_app(page="methodology")
    assert_clean(at)
    figures = default_params().figures()
    table = next(d.value for d in at.dataframe if "parameter" in d.value.columns)
    assert len(table) == len(figures)
    assert table["source"].notna().all() and (table["source"].str.len() > 0).all()
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    for needle in ("OpenStreetMap contributors (ODbL)", "Eurostat SeaRoute", "Natural Earth"):
        assert needle in text
