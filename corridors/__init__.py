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

from corridors._errors import CorridorsError, LimitError, UnknownNodeError, ValidationError
from corridors._validate import Problem
from corridors.convert import graph_from_gdfs, graph_to_gdfs
from corridors.datasets import CORRIDOR_FILES, GEODATA_DIR, Network, get_path, load_network
from corridors.io import read_all, read_geojson

if TYPE_CHECKING:  # for type checkers and IDEs; at run time these load lazily (see __getattr__)
    from corridors.params import Params, default_params
    from corridors.routing import LegResult, Route, RouteSet, Totals, route
    from corridors.scenario import Scenario, load_scenario, presets
    from corridors.tables import compare

__version__ = "0.1.0"

# Engine names re-exported lazily (PEP 562 __getattr__ below): importing the
# engine (pydantic models, numpy, the routing code) eagerly would add about a
# quarter of a second to `import corridors`.
_ROUTING = frozenset({"route", "RouteSet", "Route", "LegResult", "Totals"})
_SCENARIO = frozenset({"Scenario", "load_scenario", "presets"})
_PARAMS = frozenset({"Params", "default_params"})
_TABLES = frozenset({"compare"})

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
    if name in _ROUTING:
        from corridors import routing as module  # noqa: PLC0415
    elif name in _SCENARIO:
        from corridors import scenario as module  # noqa: PLC0415
    elif name in _PARAMS:
        from corridors import params as module  # noqa: PLC0415
    elif name in _TABLES:
        from corridors import tables as module  # noqa: PLC0415
    else:
        msg = f"module 'corridors' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
