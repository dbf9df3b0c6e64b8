"""corridors.viz.charts: tidy frames and altair charts of routes."""

from __future__ import annotations

import pandas as pd
import pytest

from corridors.viz import charts


def _events():
    return pd.DataFrame(
        {
            "node_id": ["A", "B", "B", "C"],
            "node_name": ["A", "B", "B", "C"],
            "event": ["start", "move", "dwell", "move"],
            "mode": ["", "sea", "sea", "rail"],
            "distance_km": [0.0, 1852.0, 1852.0, 2852.0],
            "time_h": [0.0, 48.0, 96.0, 120.0],
            "cost_usd": [0.0, 1.0, 2.0, 3.0],
            "co2e_kg": [0.0, 1.0, 1.0, 2.0],
        }
    )


def test_timeline_dwell_is_a_vertical_step():
    points = charts.timeline_frame({"1. X": _events()}, units="km")
    dwell = points[points["phase"] == "dwell"].iloc[0]
    before = points.iloc[dwell.name - 1]
    assert dwell["distance"] == before["distance"] and dwell["days"] > before["days"]
    assert points["days"].iloc[-1] == pytest.approx(5.0)
    nm = charts.timeline_frame({"1. X": _events()}, units="nm")
    assert nm["distance"].iloc[1] == pytest.approx(1000.0)
    chart = charts.time_distance_chart(points).to_dict()
    assert chart["layer"][0]["mark"]["type"] == "line"


def test_time_split_adds_up():
    legs = pd.DataFrame(
        {"alternative": ["a", "a", "b"], "mode": ["sea", "rail", "road"], "moving_h": [24.0, 48.0, 12.0], "dwell_h": [24.0, 0.0, 12.0]}
    )
    split = charts.time_split_frame(legs)
    assert split.groupby("alternative")["days"].sum().to_dict() == {"a": pytest.approx(4.0), "b": pytest.approx(1.0)}
    spec = charts.time_split_chart(split).to_dict()
    assert spec["mark"]["type"] == "bar"
