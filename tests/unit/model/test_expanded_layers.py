"""Tests of corridors.model.layers: layers of legs, transfers between layers."""

from __future__ import annotations

from corridors.model.layers import layer_mode, leg_layers, transfer_kind


def test_layers_and_transfer_kinds() -> None:
    assert leg_layers("rail", 1435) == ("rail1435",)
    assert leg_layers("rail", 1520, dual_gauge=True) == ("rail1435", "rail1520")
    assert leg_layers("sea") == ("sea",)
    assert leg_layers("sea", sea_service="both") == ("sea", "feeder")
    assert leg_layers("sea", sea_service="feeder") == ("feeder",)
    assert layer_mode("rail1520") == "rail"
    assert layer_mode("feeder") == "sea"
    assert transfer_kind("sea", "feeder") == "transshipment"
    assert transfer_kind("feeder", "rail1520") == "port"
    assert transfer_kind("sea", "rail1435") == "port"
    assert transfer_kind("road", "ferry") == "ferry_port"
    assert transfer_kind("rail1435", "rail1520") == "gauge"
    assert transfer_kind("rail1520", "road") == "intermodal"
    assert transfer_kind("sea", "sea") is None
