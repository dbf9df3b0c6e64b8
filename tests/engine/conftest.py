"""Fixtures for the engine tests: a hand-checked toy network and round-number parameters.

The toy network (``tests/fixtures/engine/toy_network.geojson``) has:
a port transfer (Bandar Abbas sea -> rail), a gauge break and border at
Astara, a rail border at Samur, a road bridge Rasht-Astara with a planned
railway beside it, Suez vs Cape, a Caspian ferry (north-caspian season), an
NSR leg (nsr season), the EMC and the Trans-Siberian. Legs carry round
``length_km`` values so expected figures can be worked out by hand (see
``EXPECTED`` comments in the tests).

Two mechanisms of the real-network model are switched off in ``toy_params``
so that the hand-checked figures stay readable: intermediate liner port
calls (``dwell.port_call`` is zero, so sea legs make no calls) and the
per-node ``[dwell_node]`` ranges of the bundled defaults (they name real node
ids such as ``AZ-ASTARA`` that the toy network reuses). Both are tested by
hand in ``test_liner_services.py`` with their own round numbers. The toy's
NSR legs are feeder-only under the defaults (``[sea_service]``), so its
expanded graph has a ``feeder`` layer; none of the hand-checked routes
changes between a deep-sea and a feeder ship, so none pays a transshipment.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from shapely.geometry import shape

from corridors.model.params import Params, default_params
from corridors.network.convert import graph_from_gdfs, legs_to_gdf, nodes_to_gdf

FIXTURES = Path(__file__).parents[1] / "fixtures" / "engine"
TOY = FIXTURES / "toy_network.geojson"

# Round numbers for hand calculation (km/h, hours, USD, g CO2e/t-km).
TOY_OVERRIDES: dict[str, Any] = {
    "speed": {
        "sea": {"value": 40, "unit": "km/h"},
        "road": {"value": 40, "unit": "km/h"},
        "ferry": {"value": 20, "unit": "km/h"},
        "river": {"value": 10, "unit": "km/h"},
    },
    # every rail service at 50 km/h (1,200 km/day) with no wait for a train; no spread of moving time
    "rail_services": {
        level: {"fast": 1200, "likely": 1200, "slow": 1200, "departure_wait": {"low": 0, "likely": 0, "high": 0, "source": "test"}}
        for level in ("express", "container", "wagonload")
    },
    "moving_spread": {mode: {"low": 1.0, "high": 1.0} for mode in ("sea", "river", "ferry", "road")},
    "dwell": {
        "port": {"low": 10, "likely": 20, "high": 40},
        "ferry_port": {"low": 20, "likely": 40, "high": 80},
        "gauge": {"low": 5, "likely": 10, "high": 20},
        "intermodal": {"low": 6, "likely": 12, "high": 24},
        "border_rail": {"low": 2, "likely": 4, "high": 8},
        "border_road": {"low": 12, "likely": 24, "high": 48},
        "transshipment": {"low": 15, "likely": 30, "high": 60},
        "port_call": {"low": 0, "likely": 0, "high": 0},  # no intermediate calls (see the module docstring)
    },
    "chokepoint_dwell": {"suez": {"low": 6, "likely": 12, "high": 24}},
    "cost": {
        "per_teu_km": {"sea": 0.1, "rail": 0.5, "road": 1.0, "ferry": 0.8, "river": 0.3},
        "transfer": {"port": 100, "ferry_port": 150, "gauge": 50, "intermodal": 80, "transshipment": 90},
        "border": {"rail": 20, "road": 60},
        "chokepoint_fee": {"suez": 70},
    },
    "emissions": {
        "wtw_g_per_tkm": {
            mode: {"value": g, "low": g, "high": g}
            for mode, g in {"sea": 10, "rail": 20, "road": 100, "ferry": 50, "river": 30}.items()
        },
        "tonnes_per_teu": 10,
    },
    "montecarlo.samples": 2000,
}


def load_toy_network(path: Path = TOY) -> Any:
    """Build the toy network (a Network when corridors.network.loader has one)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    node_rows, leg_rows = [], []
    for feature in data["features"]:
        props = dict(feature["properties"])
        geometry = shape(feature["geometry"])
        if feature["geometry"]["type"] == "Point":
            node_rows.append({**props, "geometry": geometry})
        else:
            props.setdefault("length_nm", props["length_km"] / 1.852)
            leg_rows.append({**props, "geometry": geometry})
    nodes = nodes_to_gdf(node_rows)
    legs = legs_to_gdf(leg_rows)
    graph = graph_from_gdfs(nodes, legs)
    try:
        from corridors.network.loader import Network

        return Network(nodes=nodes, legs=legs, graph=graph)
    except (ImportError, TypeError):
        return SimpleNamespace(nodes=nodes, legs=legs, graph=graph)


@pytest.fixture(scope="session")
def toy() -> Any:
    """The toy network (shared, never modified)."""
    return load_toy_network()


@pytest.fixture(scope="session")
def toy_params() -> Params:
    """Defaults overridden with round numbers for hand checks (no port calls, per-node dwell or rail country factors)."""
    plain = {**default_params().model_dump(), "dwell_node": {}, "rail_country_factor": {}}
    without_nodes = Params.model_validate(plain)
    return without_nodes.with_overrides(TOY_OVERRIDES, source="test")


def approx(value: float, rel: float = 1e-9) -> Any:
    """pytest.approx with a tight tolerance."""
    return pytest.approx(value, rel=rel, abs=1e-9)
