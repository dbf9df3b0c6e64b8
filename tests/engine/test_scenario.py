"""Tests of corridors.model.scenario (model, TOML, presets, validation)."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridors._errors import ValidationError
from corridors.model.params import ICE_CLASSES, default_params
from corridors.model.scenario import PRESETS_DIR, Scenario, load_scenario, presets, toml_dumps
from corridors.network import schema

EXPECTED_PRESETS = {
    "baseline",
    "red-sea-closed",
    "hormuz-closed",
    "rasht-astara-built",
    "nsr-summer",
    "nsr-winter-no-ice-class",
    "nsr-winter-arc7",
    "slow-steaming",
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


def test_apply_changes_params_not_defaults() -> None:
    slow = presets()["slow-steaming"]
    params = slow.apply()
    assert params.speed_factor["sea"] == slow.speed_factor["sea"]
    assert default_params().speed_factor["sea"] == 1.0
    assert slow.apply() is params  # cached


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        Scenario(
            name="bad",
            month=13,
            ice_class="Arc10",
            closed_chokepoints=["sues"],
            speed_factor={"sea": -1},
            speed={"rail": {"value": -5}},
            dwell={"port": {"likely": 500}},
            bogus=1,
        )
    text = str(info.value)
    for needle in (
        "month",
        "ice_class",
        "bogus",
        "'sues'",
        "did you mean 'suez'",
        "speed_factor.sea",
        "speed.rail",
        "dwell.port",
    ):
        assert needle in text, needle
    assert len(info.value.problems) == 7  # one per mistake


def test_from_toml_names_the_file(tmp_path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\nmonth = 0\n', encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        Scenario.from_toml(path)
    assert info.value.problems[0].source == "mine.toml"
    with pytest.raises(ValidationError, match="invalid TOML"):
        Scenario.from_toml('name = "x"\nmonth = = 1\n')


def test_check_ids_against_a_network(toy) -> None:
    scenario = Scenario(
        name="x",
        closed_nodes=["IRBNDX"],
        open_legs=["NO-SUCH-LEG"],
        dwell_node={"AZ-ASTRA": {"low": 1, "likely": 2, "high": 3}},
    )
    with pytest.raises(ValidationError) as info:
        scenario.check(toy)
    text = str(info.value)
    assert "IRBNDX" in text and "'IRBND'" in text
    assert "NO-SUCH-LEG" in text
    assert "AZ-ASTRA" in text and "'AZ-ASTARA'" in text
    assert len(info.value.problems) == 3
    Scenario(name="ok", closed_nodes=["IRBND"]).check(toy)


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


def test_cost_and_emission_overrides() -> None:
    scenario = Scenario.from_toml(
        'name = "war-risk"\n[cost.chokepoint_fee]\nbab-el-mandeb = 150\n[emissions.wtw_g_per_tkm]\nrail = 30\n'
    )
    params = scenario.apply()
    assert params.cost.chokepoint_fee["bab-el-mandeb"].value == 150
    assert params.emissions.wtw_g_per_tkm["rail"].value == 30
    assert params.emissions.wtw_g_per_tkm["rail"].source == "scenario 'war-risk'"


ids = st.from_regex(r"[A-Z][A-Z0-9-]{0,10}", fullmatch=True)
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@st.composite
def scenarios(draw):
    return Scenario(
        name=draw(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)),
        description=draw(text),
        month=draw(st.none() | st.integers(1, 12)),
        ice_class=draw(st.sampled_from(ICE_CLASSES)),
        closed_chokepoints=draw(st.lists(st.sampled_from(schema.CHOKEPOINTS), max_size=3, unique=True)),
        closed_nodes=draw(st.lists(ids, max_size=2)),
        closed_legs=draw(st.lists(ids, max_size=2)),
        open_legs=draw(st.lists(ids, max_size=2)),
        speed_factor=draw(st.dictionaries(st.sampled_from(schema.MODES), st.floats(0.1, 3.0), max_size=2)),
    )


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_toml_round_trip(scenario) -> None:
    text = scenario.to_toml()
    tomllib.loads(text)  # valid TOML
    assert Scenario.from_toml(text) == scenario


@given(
    st.dictionaries(
        st.from_regex(r"[a-z_\- .\"]{1,8}", fullmatch=True),
        st.integers() | st.booleans() | text | st.lists(st.integers(), max_size=3),
        max_size=4,
    )
)
def test_toml_writer_round_trips_flat_tables(data) -> None:
    assert tomllib.loads(toml_dumps({"t": data})) == ({"t": data} if data else {"t": {}})
