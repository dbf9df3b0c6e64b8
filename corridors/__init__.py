"""corridors: planning tool for the India–Russia transport corridors.

The data layer is re-exported here::

    import corridors
    net = corridors.load_network()
    extended = net.with_extra(uploaded_bytes, names=["mine.geojson"])

and so is the engine's main API, imported on first use (so ``import
corridors`` stays as fast as the data layer)::

    found = corridors.route(net, "INNSA", "RUMOW", alternatives=3)
    table = corridors.compare(net, "INNSA", "RULED", ["baseline", "red-sea-closed"])
    scenario = corridors.load_scenario("red-sea-closed")   # or corridors.presets()[...]
    params = corridors.default_params()

See ``docs/architecture.md`` for the data contract.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridors._errors import CorridorsError, LimitError, Problem, UnknownNodeError, ValidationError
from corridors.network.convert import graph_from_gdfs, graph_to_gdfs
from corridors.network.loader import CORRIDOR_FILES, GEODATA_DIR, Network, get_path, load_network
from corridors.network.read import read_all, read_geojson

if TYPE_CHECKING:  # for type checkers and IDEs; at run time these load lazily (see __getattr__)
    from corridors.model.params import Params, default_params
    from corridors.model.presets import load_scenario, presets
    from corridors.model.scenario import Scenario
    from corridors.report.compare import compare
    from corridors.routing.results import LegResult, Route, RouteSet, Totals
    from corridors.routing.route import route

__version__ = "0.1.0"

# Engine names re-exported lazily (PEP 562 __getattr__ below): importing the
# engine (pydantic models, numpy, the routing code) eagerly would add about a
# quarter of a second to `import corridors`. Each name maps to its home module.
_LAZY = {
    "route": "routing",
    "RouteSet": "results",
    "Route": "results",
    "LegResult": "results",
    "Totals": "results",
    "Scenario": "scenario",
    "load_scenario": "presets",
    "presets": "presets",
    "Params": "params",
    "default_params": "params",
    "compare": "compare",
}

__all__ = [
    "CORRIDOR_FILES",
    "GEODATA_DIR",
    "CorridorsError",
    "LegResult",
    "LimitError",
    "Network",
    "Params",
    "Problem",
    "Route",
    "RouteSet",
    "Scenario",
    "Totals",
    "UnknownNodeError",
    "ValidationError",
    "__version__",
    "compare",
    "default_params",
    "get_path",
    "graph_from_gdfs",
    "graph_to_gdfs",
    "load_network",
    "load_scenario",
    "presets",
    "read_all",
    "read_geojson",
    "route",
]


def __getattr__(name: str) -> Any:
    """Import an engine name on first use (PEP 562) and keep it in the module."""
    home = _LAZY.get(name)
    if home is None:
        msg = f"module 'corridors' has no attribute {name!r}"
        raise AttributeError(msg)
    # static imports (no import_module): the static-safety test reads them
    if home == "routing":
        from corridors.routing import route as module  # noqa: PLC0415
    elif home == "results":
        from corridors.routing import results as module  # noqa: PLC0415
    elif home == "scenario":
        from corridors.model import scenario as module  # noqa: PLC0415
    elif home == "presets":
        from corridors.model import presets as module  # noqa: PLC0415
    elif home == "params":
        from corridors.model import params as module  # noqa: PLC0415
    else:
        from corridors.report import compare as module  # noqa: PLC0415
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
