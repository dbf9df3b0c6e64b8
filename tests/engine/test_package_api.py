"""The engine's main API is re-exported from the package, lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest

import corridors
from corridors.model import params, presets, scenario
from corridors.report import compare as compare_module
from corridors.routing import results
from corridors.routing import route as routing

ENGINE = {
    "route": routing.route,
    "RouteSet": results.RouteSet,
    "Route": results.Route,
    "LegResult": results.LegResult,
    "Totals": results.Totals,
    "compare": compare_module.compare,
    "Scenario": scenario.Scenario,
    "load_scenario": presets.load_scenario,
    "presets": presets.presets,
    "Params": params.Params,
    "default_params": params.default_params,
}


def test_engine_names_are_re_exported() -> None:
    for name, value in ENGINE.items():
        assert getattr(corridors, name) is value, name
        assert name in corridors.__all__ and name in dir(corridors)
    assert corridors.load_network is not None and "load_network" in corridors.__all__
    with pytest.raises(AttributeError, match="no attribute 'not_there'"):
        corridors.not_there


def test_import_corridors_does_not_load_the_engine() -> None:
    code = (
        "import sys, corridors\n"
        "assert 'corridors.routing.route' not in sys.modules, 'routing loaded eagerly'\n"
        "assert 'corridors.model.params' not in sys.modules, 'params loaded eagerly'\n"
        "from corridors import route, compare, Scenario, load_scenario, presets, default_params\n"
        "assert 'corridors.routing.route' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=120)
