"""Tests of corridors.model.scenario_toml (reading and writing scenario TOML)."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridors._errors import ValidationError
from corridors.model.params import ICE_CLASSES
from corridors.model.scenario import Scenario
from corridors.model.scenario_toml import toml_dumps
from corridors.network import schema


def test_from_toml_names_the_file(tmp_path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('name = "mine"\nmonth = 0\n', encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        Scenario.from_toml(path)
    assert info.value.problems[0].source == "mine.toml"
    with pytest.raises(ValidationError, match="invalid TOML"):
        Scenario.from_toml('name = "x"\nmonth = = 1\n')


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
