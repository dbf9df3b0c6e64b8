"""Tables shaped for the pages (corridors_app.tables), without streamlit."""

from __future__ import annotations

import pandas as pd

from corridors_app.tables import dash_missing, filter_rows


def test_filter_rows_by_values_and_text():
    frame = pd.DataFrame({"mode": ["sea", "rail", "road"], "source": ["OSM", "osm wiki", "report"]})
    assert list(filter_rows(frame, {"mode": []})["mode"]) == ["sea", "rail", "road"]
    assert list(filter_rows(frame, {"mode": ["sea", "rail"]}, "wiki")["mode"]) == ["rail"]
    assert list(filter_rows(frame, {}, "OSM")["mode"]) == ["sea", "rail"], "case-insensitive"
    assert filter_rows(frame, {}, "(.*").empty, "plain text, not a pattern"


# ------------------------------------------------------------------ published claims (issue 11 #7)
def _assert_no_none(frame: pd.DataFrame) -> None:
    assert not frame.isna().to_numpy().any()
    for column in frame.columns:
        for value in frame[column]:
            assert isinstance(value, str) and value.strip() and value not in ("None", "nan"), (column, value)


def test_claims_table_sets_each_claim_beside_its_own_route(network):
    from corridors.report.claims import load_claims
    from corridors_app.tables import claims_column_config, claims_table

    frame = claims_table("bundled-test", network)
    assert len(frame) == len(load_claims())
    _assert_no_none(frame)
    routes = dict(zip(frame["Claim"], frame["Model route"], strict=True))
    for claim, label in routes.items():
        if "Suez" in claim:
            assert "Suez" in label and "INSTC" not in label, (claim, label)
    assert next(label for claim, label in routes.items() if "via the Cape" in claim) == "Cape"
    assert not any(label.startswith("no figure") for label in routes.values())
    assert set(claims_column_config()) <= set(frame.columns) and "Claim" in claims_column_config()
    frame.loc[0, "Claim"] = "changed"
    assert claims_table("bundled-test", network).loc[0, "Claim"] != "changed", "the cached frame is not shared"


def test_network_page_shows_the_claims_without_none(make_app):
    at = make_app(page="network")
    assert not at.exception
    claims = at.dataframe[2].value
    assert "Route it is about" in claims.columns and len(claims) >= 14
    _assert_no_none(claims)
    suez = claims[claims["Claim"].str.startswith("Suez route Mumbai–Moscow")].iloc[0]
    assert suez["Model route"] == "Suez" and suez["Published km"] == "16,000"
    assert suez["Published days overlap P10-P90"] in ("yes", "no")


def test_dash_missing_shows_text_never_none():
    frame = pd.DataFrame({"value": [18.0, None, 0.0125], "high": [None, 40.0, 1e6], "unit": ["kn", None, "x"]})
    shown = dash_missing(frame, ("value", "high", "absent"))
    assert list(shown["value"]) == ["18", "—", "0.0125"] and list(shown["high"]) == ["—", "40", "1,000,000"]
    assert shown["unit"].isna().sum() == 1 and frame["value"].isna().sum() == 1, "other columns and the input untouched"


def test_methodology_defaults_table_has_no_none(make_app):
    at = make_app(page="methodology")
    assert not at.exception
    table = next(d.value for d in at.dataframe if "likely" in d.value.columns and "parameter" in d.value.columns)
    for column in ("value", "low", "likely", "high"):
        assert table[column].notna().all() and "None" not in set(table[column]), column
    assert (table["value"] == "—").any() and (table["likely"] != "—").any()


# ------------------------------------------------------------------ blank cells and planner headers (issue 11, smaller things)
def _headers(df) -> list[str]:
    """The headers a planner sees: each shown column's configured label, else its name."""
    import json

    config = json.loads(df.proto.columns or "{}")
    shown = list(df.proto.column_order) or list(df.value.columns)
    return [(config.get(c) or {}).get("label") or c for c in shown]


def test_explorer_tables_show_blank_cells_and_no_raw_headers(make_app):
    # Astrakhan-Moscow: no departure date (arrival empty), every reference route but one without figures
    at = make_app(origin="RUASF", destination="RUMOW")
    assert not at.exception
    assert len(at.dataframe) >= 3
    references = next(df for df in at.dataframe if "reference" in df.value.columns)
    assert references.value["p50_days"].isna().any(), "a reference route without figures (the case that showed None)"
    for df in at.dataframe:
        assert df.proto.HasField("placeholder") and df.proto.placeholder == "", "missing values are blank, not None"
        headers = _headers(df)
        assert "dwell_at_end" not in headers
        assert not [h for h in headers if "_" in h], headers
    legs = next(df for df in at.dataframe if "dwell_at_end" in df.value.columns)
    assert "dwell at end (what)" in _headers(legs)


def test_network_tables_show_blank_cells(make_app):
    at = make_app(page="network")
    assert not at.exception
    legs, nodes, claims = at.dataframe[:3]
    assert legs.value["published_km"].isna().any() and nodes.value["note"].isna().any()
    for df in (legs, nodes, claims):
        assert df.proto.HasField("placeholder") and df.proto.placeholder == ""


def test_methodology_page_is_written_for_planners(make_app):
    import tomllib

    from corridors._paths import DATA_DIR

    at = make_app(page="methodology")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    for code in ("Pure functions", ":class:", ":mod:", "``", "no graph here", "corridors.model"):
        assert code not in text, code
    sections = tomllib.loads((DATA_DIR / "methodology.toml").read_text(encoding="utf-8"))["section"]
    assert [h.value for h in at.header] == [s["title"] for s in sections]
    assert "P50" in text and "Beta-PERT" in text and "GLEC" in text
    assert any("parameter" in d.value.columns for d in at.dataframe) and any("Benchmark" in d.value.columns for d in at.dataframe)
