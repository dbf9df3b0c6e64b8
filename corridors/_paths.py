"""Where the bundled data files live (inside the package, so a wheel has them).

One home for every path into ``corridors/data/``; modules that read a file
import its path from here.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BASEMAP_PATH",
    "CALIBRATION_PATH",
    "CLAIMS_PATH",
    "DATA_DIR",
    "DEFAULTS_PATH",
    "GAZETTEER_PATH",
    "GEODATA_DIR",
    "ICE_PATH",
    "PRESETS_DIR",
]

#: ``corridors/data``: defaults, presets, claims and the geodata.
DATA_DIR = Path(__file__).resolve().parent / "data"

#: The corridor GeoJSON files (one RFC 7946 FeatureCollection per corridor).
GEODATA_DIR = DATA_DIR / "geodata"

#: Natural Earth 1:110m country outlines, the offline basemap.
BASEMAP_PATH = GEODATA_DIR / "basemap" / "countries_110m.geojson"

#: Every speed, dwell, cost and emission default with its source.
DEFAULTS_PATH = DATA_DIR / "defaults.toml"

#: The preset scenarios, one TOML file each.
PRESETS_DIR = DATA_DIR / "scenarios"

#: Published claims shown beside the model's own figures.
CLAIMS_PATH = DATA_DIR / "claims.toml"

#: Published transit times the model is calibrated against (`corridors calibrate`).
CALIBRATION_PATH = DATA_DIR / "calibration.toml"

#: Named places with positions (GeoNames cities, UN/LOCODEs), built by tools/build_gazetteer.py.
GAZETTEER_PATH = DATA_DIR / "gazetteer.csv.gz"

#: Sea ice by area, month and ice class: admission, speeds, escort, NSR tariff (read by corridors.model.ice).
ICE_PATH = DATA_DIR / "ice.toml"
