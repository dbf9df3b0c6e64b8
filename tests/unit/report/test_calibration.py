"""The calibration table (corridors/data/calibration.toml): its loader, the two checks, rows without a figure."""

from __future__ import annotations

import datetime

import pytest

from corridors import ValidationError
from corridors._paths import CALIBRATION_PATH
from corridors.model.scenario import Scenario
from corridors.report.calibration import (
    FRAME_COLUMNS,
    P50_TOLERANCE,
    Benchmark,
    CalibrationRow,
    benchmark_scenario,
    calibrate,
    calibration_frame,
    calibration_table,
    p50_within,
    windows_overlap,
)

REQUIRED_IDS = (
    "india-rotterdam-suez",
    "india-rotterdam-cape",
    "fesco-filw-nhava-novorossiysk",
    "fesco-indian-line-first-2023",
    "portklang-mundra",
    "mundra-novorossiysk",
    "nsr-zhelaniya-bering-ice-free",
    "sabetta-dezhnev-jan-2021",
    "newnew-nsr-china-spb",
    "china-spb-suez-rosatom",
    "tsr-express-7-days",
    "fareast-moscow-container",
    "bandar-abbas-moscow-western",
    "sarakhs-bandar-abbas",
    "chekhov-sarakhs-pilot-2022",
    "instc-pilot-2022-spb-nhava",
    "edb-mumbai-spb-suez",
    "edb-mumbai-spb-instc",
    "edb-mumbai-spb-eastern",
    "concor-mumbai-moscow-instc",
    "concor-mumbai-moscow-suez",
    "comcec-nhava-moscow-instc",
    "comcec-nhava-moscow-suez",
    "fieo-mumbai-moscow-suez",
    "sonowal-chennai-vladivostok",
    "emc-chennai-vladivostok-sailing",
)

GOOD = """
[[benchmark]]
id = "mini-india-moscow"
what = "Nhava Sheva to Moscow"
published = "20-30 days"
low_days = 20
high_days = 30
source = "test"
origin = "INNSA"
destination = "RUMOW"
terminals = false
scope_note = "quay to quay"
"""


def _benchmark(**changes) -> Benchmark:
    data = {
        "id": "mini",
        "what": "a trip",
        "published": "20-30 days",
        "low_days": 20,
        "high_days": 30,
        "source": "test",
        "origin": "INNSA",
        "destination": "RUMOW",
        "terminals": False,
        "scope_note": "quay to quay",
    }
    return Benchmark(**{**data, **changes})


def test_the_bundled_table_holds_every_required_benchmark_with_its_source():
    table = calibration_table()
    assert calibration_table() is table, "read once"
    assert CALIBRATION_PATH.name == "calibration.toml" and CALIBRATION_PATH.parent.name == "data"
    ids = [b.id for b in table]
    assert len(ids) == len(set(ids)) and len(ids) >= 35
    assert set(REQUIRED_IDS) <= set(ids), set(REQUIRED_IDS) - set(ids)
    for b in table:
        assert b.source and b.scope_note and b.low_days <= b.high_days, b.id
        single = not any(ch in b.published for ch in "-–") or "up to" in b.published
        assert b.band_note or not single, f"{b.id}: a single figure needs a band_note"
    by_id = {b.id: b for b in table}
    sabetta = by_id["sabetta-dezhnev-jan-2021"]
    assert (sabetta.month, sabetta.ice_class, sabetta.departure) == (1, "Arc7", datetime.date(2021, 1, 5))
    assert by_id["tsr-express-7-days"].rail_service == "express"
    assert by_id["india-rotterdam-cape"].closed_chokepoints == ("suez", "bab-el-mandeb")
    assert by_id["bandar-abbas-moscow-western"].label == "INSTC western"
    # conflicting figures are kept, each with the reason
    for key in ("fesco-indian-line-first-2023", "modul-nhava-spb-2022", "sonowal-chennai-vladivostok"):
        assert by_id[key].conflict, key
    assert by_id["fesco-filw-nhava-novorossiysk"].terminals is False
    pilot = by_id["instc-pilot-2022-spb-nhava"]  # the route the pilot took: by ship from Astrakhan to Anzali
    assert pilot.terminals is False and pilot.via[:3] == ("RUASF", "SEA-VOLGA-CASPIAN", "IRBAZ")
    # known gaps (strict expected failures of tests/data) each say why
    gaps = {b.id for b in table if b.known_gap}
    assert {"sarakhs-bandar-abbas", "comcec-nhava-moscow-suez"} <= gaps and len(gaps) <= len(table) // 4
    assert "network lacks" in by_id["sarakhs-bandar-abbas"].known_gap and not by_id["mundra-novorossiysk"].known_gap


def test_every_problem_of_a_broken_copy_is_listed_at_once(tmp_path):
    broken = CALIBRATION_PATH.read_text(encoding="utf-8")
    broken = broken.replace('source = "Red Sea crisis reporting, 2024 (benchmarks: sea, ice-free)"\n', "", 1)
    broken = broken.replace("low_days = 10\nhigh_days = 11\n", "low_days = 12\nhigh_days = 11\n", 1)
    broken = broken.replace('id = "mundra-novorossiysk"', 'id = "portklang-mundra"', 1)
    broken = broken.replace('ice_class = "Arc7"\ndeparture', 'ice_class = "Arc77"\ndeparture', 1)
    broken = broken.replace(
        'closed_chokepoints = ["suez", "bab-el-mandeb"]', 'closed_chokepoints = ["suez", "panama"]', 1
    )
    broken += '\n[[benchmark]]\nid = "extra"\nwhat = "x"\npublished = "3 days"\nlow_days = 3\nhigh_days = 3\n'
    broken += 'source = "s"\norigin = "INNSA"\ndestination = "IRBND"\nterminals = false\nscope_note = "q"\nspeed = 3\n'
    path = tmp_path / "calibration.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        calibration_table(path)
    text = str(err.value)
    assert len(err.value.problems) >= 7, text
    assert "benchmark 1 (india-rotterdam-suez): field 'source'" in text
    assert "low end (12) is above its high end (11)" in text
    assert "duplicate id 'portklang-mundra'" in text
    assert "ice_class" in text and "Arc77" in text
    assert "unknown key 'panama'" in text
    assert "field 'speed': unknown key" in text and "field 'band_note'" in text
    assert all(p.source.startswith("calibration.toml: benchmark") for p in err.value.problems)
    assert str(tmp_path) not in text, "the file is named, not its folder"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not = [toml", "invalid TOML"),
        ('title = "x"\n', "expected one or more [[benchmark]] tables"),
        ("benchmark = 3\n", "expected one or more [[benchmark]] tables"),
        (GOOD + "[other]\nx = 1\n", "unknown top-level key(s): 'other'"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused(tmp_path, text, expected):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=r"mine\.toml") as err:
        calibration_table(path)
    assert expected in str(err.value)


def test_a_good_copy_loads(tmp_path):
    path = tmp_path / "calibration.toml"
    path.write_text(GOOD, encoding="utf-8")
    (only,) = calibration_table(path)
    assert (only.id, only.low_days, only.high_days, only.terminals) == ("mini-india-moscow", 20.0, 30.0, False)
    assert only.condition == "" and only.ice_class is None


def test_overlap_is_any_shared_value_of_the_band_and_the_p10_p90_window():
    assert windows_overlap(22, 24, 21.2, 24.4)  # window holds the band
    assert windows_overlap(30, 45, 35.8, 41.7)  # band holds the window
    assert windows_overlap(10, 11, 8.8, 10.0)  # touching ends
    assert not windows_overlap(24, 26, 14.6, 17.1)
    assert not windows_overlap(11, 14, 17.5, 17.5)  # a window of one value above the band


def test_p50_is_in_the_band_or_within_15_percent_of_its_nearest_end():
    assert P50_TOLERANCE == 0.15
    assert p50_within(10, 11, 10.5)
    assert p50_within(10, 11, 8.5) and not p50_within(10, 11, 8.49)  # 15 % under the low end
    assert p50_within(20, 30, 34.5) and not p50_within(20, 30, 34.51)  # 15 % over the high end
    assert not p50_within(6, 8, 17.7)


def _row(p10: float, p50: float, p90: float, low: float = 10, high: float = 12) -> CalibrationRow:
    return CalibrationRow(
        id="hand",
        what="hand-made",
        source="test",
        published=f"{low:g}-{high:g} days",
        low_days=low,
        high_days=high,
        origin="A",
        destination="B",
        terminals=False,
        label="X",
        p10_days=p10,
        p50_days=p50,
        p90_days=p90,
        overlaps=windows_overlap(low, high, p10, p90),
        p50_ok=p50_within(low, high, p50),
        note="",
    )


def test_hand_made_rows_pass_only_when_both_checks_hold():
    assert _row(9, 11, 13).passed
    assert not _row(12.5, 13.5, 14).passed  # P50 within 15 % but no overlap
    wide = _row(5, 14.5, 20)
    assert wide.overlaps and not wide.p50_ok and not wide.passed
    frame = calibration_frame([_row(9.04, 11.06, 13.0)])
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert "Model P50 (days)" in frame.columns and "Band low (days)" in frame.columns
    assert frame.loc[0, "Model P10 (days)"] == 9.0 and frame.loc[0, "Model P50 (days)"] == 11.1
    assert frame.loc[0, "Band overlaps P10-P90"] == "yes"


def test_a_benchmark_the_model_cannot_route_gives_a_row_with_the_reason(mini_network):
    benchmarks = (
        _benchmark(id="unknown-node", origin="XXNOPE"),
        _benchmark(id="no-match", label="Suez"),
        _benchmark(id="closed", closed_modes=("rail",)),
        _benchmark(id="routed"),
    )
    unknown, no_match, closed, routed = calibrate(mini_network, benchmarks=benchmarks)
    assert unknown.reason is not None and "unknown node 'XXNOPE'" in unknown.reason
    assert no_match.reason is not None and "label 'Suez'" in no_match.reason and "INSTC" in no_match.reason
    assert closed.reason is not None and closed.reason.startswith("no route")
    for row in (unknown, no_match, closed):
        assert (row.label, row.p50_days, row.overlaps, row.p50_ok) == (None, None, False, False)
    frame = calibration_frame([unknown])
    assert frame.loc[0, "Model route"].startswith("no figure: unknown node")
    assert routed.reason is None and routed.label.startswith("INSTC")
    assert routed.p10_days <= routed.p50_days <= routed.p90_days
    assert routed.overlaps == windows_overlap(20, 30, routed.p10_days, routed.p90_days)


def test_a_route_condition_picks_the_matching_alternative(mini_network):
    (row,) = calibrate(mini_network, benchmarks=[_benchmark(destination="RUVVO", chokepoints=("hormuz",))])
    assert row.reason is None and "INSTC" in row.label
    (none,) = calibrate(mini_network, benchmarks=[_benchmark(destination="RUVVO", chokepoints=("bering",))])
    assert none.reason is not None and "passing Bering Strait" in none.reason


def test_the_scenario_of_a_benchmark():
    by_id = {b.id: b for b in calibration_table()}
    sabetta = benchmark_scenario(by_id["sabetta-dezhnev-jan-2021"])
    assert isinstance(sabetta, Scenario) and (sabetta.month, sabetta.ice_class) == (1, "Arc7")
    if "departure" in Scenario.model_fields:
        assert sabetta.departure == datetime.date(2021, 1, 5)
    else:
        assert not hasattr(sabetta, "departure")
    express = benchmark_scenario(by_id["tsr-express-7-days"])
    if "rail_service" in Scenario.model_fields:
        assert express.rail_service == "express"
    assert benchmark_scenario(by_id["india-rotterdam-cape"]).closed_chokepoints == ("suez", "bab-el-mandeb")
    built = benchmark_scenario(by_id["ustluga-bandar-abbas-rasht-astara"])
    assert "INSTC-W-RASHT-ASTARA-RAIL" in built.open_legs, "the preset is the base"
    assert benchmark_scenario(by_id["india-rotterdam-suez"]).ice_class == "none"
    direct = benchmark_scenario(by_id["modul-nhava-spb-2022"])  # overrides: a direct ship, no feeder legs
    assert (
        direct.sea_service == {"feeder_legs": []} and not benchmark_scenario(by_id["india-rotterdam-suez"]).sea_service
    )
    sailing = benchmark_scenario(by_id["emc-chennai-vladivostok-sailing"])
    assert sailing.speed["sea"]["value"] == 20.0 and "emc" in sailing.port_calls["spacing_km"]
