"""Tests of corridors.routing.objectives: the accepted ``optimize`` names and aliases."""

from __future__ import annotations

import pytest

from corridors._errors import ValidationError
from corridors.model.objectives import OBJECTIVES as MODEL_OBJECTIVES
from corridors.routing.objectives import OBJECTIVE_ALIASES, OBJECTIVES, check_objective


def test_objectives_are_the_model_s() -> None:
    assert OBJECTIVES is MODEL_OBJECTIVES
    assert OBJECTIVES == ("time", "distance", "cost", "co2")
    assert set(OBJECTIVE_ALIASES.values()) == set(OBJECTIVES)


def test_check_objective_accepts_aliases_in_any_case() -> None:
    for name in OBJECTIVES:
        assert check_objective(name) == name
        assert check_objective(name.upper()) == name
    assert check_objective("co2e") == "co2" and check_objective("CO2E") == "co2"


@pytest.mark.parametrize("bad", ["speed", "", " time", None, 3])
def test_check_objective_rejects_other_values(bad) -> None:
    with pytest.raises(ValidationError, match="optimize must be one of time, distance, cost, co2"):
        check_objective(bad)
