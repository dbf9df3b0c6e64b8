"""The comparison table's differences to a baseline scenario (corridors.report.compare)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from corridors.model.presets import presets
from corridors.model.scenario import Scenario
from corridors.report.compare import COMPARE_COLUMNS, DELTAS, compare, with_deltas


def test_with_deltas_to_the_baselines_first_route():
    table = pd.DataFrame({
        "scenario": ["base", "base", "other", "closed"],
        "feasible": [True, True, True, False],
        "p50_days": [10.0, 12.0, 13.5, math.nan],
        "cost_usd": [100.0, 90.0, 150.0, math.nan],
        "co2e_kg": [5.0, 6.0, 4.0, math.nan],
    })
    out = with_deltas(table, "base")
    assert set(DELTAS.values()) <= set(out.columns) and set(DELTAS.values()).isdisjoint(table.columns)
    assert list(out["Δ days (P50) vs baseline"][:3]) == pytest.approx([0.0, 2.0, 3.5])
    assert out["Δ USD/TEU vs baseline"][2] == pytest.approx(50.0)
    assert out["Δ kg CO2e vs baseline"].isna()[3]
    assert with_deltas(table, "closed")["Δ days (P50) vs baseline"].isna().all(), "no baseline route: no differences"


def test_every_delta_names_a_comparison_column():
    assert set(DELTAS) <= set(COMPARE_COLUMNS)


def test_compare(toy, toy_params) -> None:
    shut = Scenario(name="shut", month=1, closed_chokepoints=["suez", "bab-el-mandeb", "cape-of-good-hope"])
    frame = compare(
        toy,
        "RULED",
        "RUVVO",
        ["nsr-summer", "nsr-winter-no-ice-class", shut],
        params=toy_params,
        optimize="distance",
        avoid_modes=["rail", "road", "ferry", "river"],
    )
    assert tuple(frame.columns) == COMPARE_COLUMNS
    assert list(frame["scenario"]) == ["nsr-summer", "nsr-winter-no-ice-class", "shut"]
    assert list(frame["route"])[:2] == ["NSR", "Suez + EMC"]
    assert list(frame["feasible"]) == [True, True, False]
    assert "in January, non-ice-class ships: closed; the NSR rules bar them" in frame.loc[2, "reason"]
    assert frame.loc[1, "distance_km"] > frame.loc[0, "distance_km"]
    assert frame["distance_nm"].iloc[0] == pytest.approx(frame["distance_km"].iloc[0] / 1.852)


def test_compare_every_preset_by_default(toy, toy_params) -> None:
    frame = compare(toy, "INNSA", "RUMOW", params=toy_params)
    assert frame["scenario"].iloc[0] == "baseline"
    assert len(frame) == len(presets())  # one best route per preset
    built = frame.set_index("scenario").loc["rasht-astara-built", "p50_days"]
    assert built < frame.set_index("scenario").loc["baseline", "p50_days"]
    assert (frame["p10_days"] <= frame["p50_days"]).all() and (frame["p50_days"] <= frame["p90_days"]).all()
