"""Tables shaped for the pages (corridors_app.tables), without streamlit."""

from __future__ import annotations

import pandas as pd

from corridors_app.tables import filter_rows


def test_filter_rows_by_values_and_text():
    frame = pd.DataFrame({"mode": ["sea", "rail", "road"], "source": ["OSM", "osm wiki", "report"]})
    assert list(filter_rows(frame, {"mode": []})["mode"]) == ["sea", "rail", "road"]
    assert list(filter_rows(frame, {"mode": ["sea", "rail"]}, "wiki")["mode"]) == ["rail"]
    assert list(filter_rows(frame, {}, "OSM")["mode"]) == ["sea", "rail"], "case-insensitive"
    assert filter_rows(frame, {}, "(.*").empty, "plain text, not a pattern"
