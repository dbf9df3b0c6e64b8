"""Tests of corridors.model.charges (dwell and fees at transfers, borders, canals, waits)."""

from __future__ import annotations

from corridors.model.charges import (
    RAIL_DEPARTURE,
    boards_rail,
    charge_label,
    charges,
    is_boarding,
    rail_departure_charge,
)
from corridors.model.params import default_params


def test_charges(toy_params) -> None:
    port, border = charges(("port", "border_road"), "IRBND", toy_params)
    assert (port.low_h, port.likely_h, port.high_h, port.cost_usd) == (10, 20, 40, 100)
    assert (border.likely_h, border.cost_usd) == (24, 60)
    canal = charges(("chokepoint:suez",), "SEA-SUEZ", toy_params)
    assert len(canal) == 1 and canal[0].likely_h == 12 and canal[0].cost_usd == 70
    assert charges(("chokepoint:hormuz",), None, toy_params) == ()  # no dwell, no fee: nothing


def test_node_override_replaces_the_dwell_once(toy_params) -> None:
    params = toy_params.with_overrides(
        {"dwell_node": {"AZ-ASTARA": {"low": 1, "likely": 5, "high": 9, "source": "queue count"}}}
    )
    found = charges(("intermodal", "border_road"), "AZ-ASTARA", params)
    assert sum(c.likely_h for c in found) == 5
    assert sum(c.cost_usd for c in found) == 80 + 60
    assert "queue count" in found[0].dwell_source
    elsewhere = charges(("intermodal",), "IR-RASHT", params)
    assert elsewhere[0].likely_h == 12


def test_charge_labels() -> None:
    assert charge_label("port", from_layer="sea", to_layer="rail1435") == "port handling sea->rail1435"
    assert charge_label("border_rail", from_layer="rail1435", to_layer="rail1520") == "border crossing (rail)"
    assert "suez" in charge_label("chokepoint:suez")


def test_waiting_for_a_train_by_service_level() -> None:
    params = default_params()
    waits = {level: rail_departure_charge(level, "RUVVO", params) for level in ("express", "container", "wagonload")}
    assert all(w is not None and w.kind == RAIL_DEPARTURE for w in waits.values())
    assert waits["container"].likely_h < waits["wagonload"].likely_h  # type: ignore[union-attr]
    assert boards_rail("sea", "rail1520") and boards_rail("rail1435", "road")
    assert not boards_rail("rail1435", "rail1520")  # a gauge change is not a boarding
    assert is_boarding(waits["express"], "rail1520") and not is_boarding(waits["express"], "sea")  # type: ignore[arg-type]
