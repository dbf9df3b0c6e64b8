"""The operator's own files may be national networks; an upload keeps the app's strict limits.

``corridors.network.read.Limits`` holds every limit of one file; the app and
the library's defaults are the strict ones, ``OPERATOR_LIMITS`` the CLI's
(``--data``, ``--extra``, ``validate FILE``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridors import ValidationError
from corridors.cli import main
from corridors.network.loader import load_network
from corridors.network.read import MAX_FEATURES, OPERATOR_LIMITS, Limits, read_geojson

NATIONAL_FEATURES = 50_001  # 25,001 stations joined by 25,000 legs


def _chain(count: int) -> dict:
    """A connected rail network of `count` (odd) features: nodes on a grid, legs joining them in turn."""
    nodes = count // 2 + 1
    position = [((i % 300) * 0.1, (i // 300) * 0.1 - 40.0) for i in range(nodes)]
    features = [
        {
            "type": "Feature",
            "properties": {"id": f"N{i}", "name": f"Station {i}", "country": "RU", "kind": "rail_terminal", "source": "test"},
            "geometry": {"type": "Point", "coordinates": list(position[i])},
        }
        for i in range(nodes)
    ]
    features += [
        {
            "type": "Feature",
            "properties": {
                "id": f"L{i}", "from": f"N{i}", "to": f"N{i + 1}", "mode": "rail", "corridor": "transsib",
                "status": "operational", "source": "test", "chokepoints": [], "gauge_mm": 1520,
            },
            "geometry": {"type": "LineString", "coordinates": [list(position[i]), list(position[i + 1])]},
        }
        for i in range(count - nodes)
    ]
    return {"type": "FeatureCollection", "features": features}


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("national") / "national.geojson"
    path.write_text(json.dumps(_chain(NATIONAL_FEATURES)), encoding="utf-8")
    return path


def test_the_defaults_are_the_apps_limits():
    assert Limits().features == MAX_FEATURES < NATIONAL_FEATURES <= OPERATOR_LIMITS.features
    assert OPERATOR_LIMITS.file_bytes > Limits().file_bytes


def test_a_national_network_is_refused_as_an_upload(national):
    with pytest.raises(ValidationError, match="larger than the limit of 5 MiB"):
        read_geojson(national)
    with pytest.raises(ValidationError, match=f"{NATIONAL_FEATURES:,} features, over the limit of {MAX_FEATURES:,}"):
        read_geojson(national, limits=Limits(file_bytes=OPERATOR_LIMITS.file_bytes))


@pytest.mark.slow
def test_a_national_network_loads_from_the_cli(national, capsys):
    assert main(["validate", str(national)]) == 0
    out = capsys.readouterr().out
    assert "1 files, 25001 nodes, 25000 legs: valid" in out


@pytest.mark.slow
def test_the_library_takes_the_operators_limits(national):
    network = load_network([national], limits=OPERATOR_LIMITS)
    assert len(network.nodes) + len(network.legs) == NATIONAL_FEATURES
