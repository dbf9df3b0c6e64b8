"""The app's choices follow the library's (corridors_app.choices)."""

from __future__ import annotations

from corridors.model.objectives import OBJECTIVES
from corridors_app import choices


def test_every_objective_has_one_label():
    assert set(choices.OPTIMIZE) == set(OBJECTIVES)
    assert len(set(choices.OPTIMIZE.values())) == len(OBJECTIVES)
    assert all(label != name for name, label in choices.OPTIMIZE.items()), "every objective has a label"


def test_url_checks():
    checks = {**choices.node_checks({"INNSA"}), **choices.objective_check()}
    assert checks["origin"][0]("INNSA") and not checks["destination"][0]("SEA-X")
    assert checks["optimize"][0]("co2") and not checks["optimize"][0]("co2e")
