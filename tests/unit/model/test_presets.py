"""Tests of corridors.model.presets (the bundled presets, load_scenario)."""

from __future__ import annotations

import pytest

from corridors._errors import ValidationError
from corridors.model.presets import PRESETS_DIR, load_scenario, presets
from corridors.model.scenario import Scenario

EXPECTED_PRESETS = {
    "baseline",
    "red-sea-closed",
    "hormuz-closed",
    "rasht-astara-built",
    "nsr-summer",
    "nsr-winter-no-ice-class",
    "nsr-winter-arc7",
    "slow-steaming",
    "turkish-straits-closed",
}


def test_presets_are_bundled_with_name_and_description() -> None:
    found = presets()
    assert set(found) == EXPECTED_PRESETS
    assert next(iter(found)) == "baseline"
    for name, scenario in found.items():
        assert (PRESETS_DIR / f"{name}.toml").is_file()
        assert scenario.description
        assert Scenario.from_toml(scenario.to_toml()) == scenario


def test_preset_contents() -> None:
    found = presets()
    assert set(found["red-sea-closed"].closed_chokepoints) == {"suez", "bab-el-mandeb"}
    assert found["hormuz-closed"].closed_chokepoints == ("hormuz",)
    assert found["rasht-astara-built"].open_legs == ("INSTC-W-RASHT-ASTARA-RAIL",)
    assert (found["nsr-summer"].month, found["nsr-summer"].ice_class) == (8, "Arc4")
    assert (found["nsr-winter-no-ice-class"].month, found["nsr-winter-no-ice-class"].ice_class) == (1, "none")
    assert (found["nsr-winter-arc7"].month, found["nsr-winter-arc7"].ice_class) == (1, "Arc7")
    assert 0.7 <= found["slow-steaming"].speed_factor["sea"] <= 0.9
    baseline = found["baseline"]
    assert baseline.model_copy(update={"description": ""}) == Scenario(name="baseline")


def test_load_scenario_by_name_path_and_text(tmp_path) -> None:
    assert load_scenario(None).name == "baseline"
    assert load_scenario("red-sea-closed") is presets()["red-sea-closed"]
    path = tmp_path / "x.toml"
    path.write_text('name = "from-file"\nclosed_chokepoints = ["hormuz"]\n', encoding="utf-8")
    assert load_scenario(path).name == "from-file"
    # a string names a file only when the caller (the command line) allows it
    assert load_scenario(str(path), allow_path=True).closed_chokepoints == ("hormuz",)
    with pytest.raises(ValidationError, match="a file path is not accepted here"):
        load_scenario(str(path))
    assert load_scenario('name = "text"\nmonth = 3\n').month == 3
    with pytest.raises(ValidationError, match="did you mean 'red-sea-closed'"):
        load_scenario("red-sea-closd")
