"""corridors: planning tool for the India–Russia transport corridors.

The data layer is re-exported here::

    import corridors
    net = corridors.load_network()
    extended = net.with_extra(uploaded_bytes, names=["mine.geojson"])

See ``docs/architecture.md`` for the data contract.
"""

from corridors._errors import CorridorsError, LimitError, UnknownNodeError, ValidationError
from corridors._validate import Problem
from corridors.convert import graph_from_gdfs, graph_to_gdfs
from corridors.datasets import CORRIDOR_FILES, GEODATA_DIR, Network, get_path, load_network
from corridors.io import read_all, read_geojson

__version__ = "0.1.0"

__all__ = [
    "CORRIDOR_FILES",
    "GEODATA_DIR",
    "CorridorsError",
    "LimitError",
    "Network",
    "Problem",
    "UnknownNodeError",
    "ValidationError",
    "__version__",
    "get_path",
    "graph_from_gdfs",
    "graph_to_gdfs",
    "load_network",
    "read_all",
    "read_geojson",
]
