"""Shared fixtures for the unit tests: the hand-made mini network and feature builders."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI_DIR = FIXTURES / "mini"
VALIDATION_DIR = FIXTURES / "validation"
MINI_FILES = (MINI_DIR / "mini_west.geojson", MINI_DIR / "mini_east.geojson")


@pytest.fixture(scope="session")
def mini_paths() -> tuple[Path, Path]:
    """The two files of the mini network (they share node RUVVO)."""
    return MINI_FILES


@pytest.fixture(scope="session")
def mini_network():
    """The mini network, loaded once (treat as read-only)."""
    from corridors.network.loader import load_network

    return load_network(list(MINI_FILES))


@pytest.fixture
def validation_file() -> Callable[[str], Path]:
    """Path of a broken file in tests/fixtures/validation by stem."""

    def _path(stem: str) -> Path:
        path = VALIDATION_DIR / f"{stem}.geojson"
        assert path.is_file(), path
        return path

    return _path


def node(node_id: Any, lon: float, lat: float, **props: Any) -> dict[str, Any]:
    """A valid node Feature (override or add properties with keywords)."""
    base = {"id": node_id, "name": f"Node {node_id}", "country": "RU", "kind": "seaport", "source": "test"}
    base.update(props)
    return {"type": "Feature", "properties": base, "geometry": {"type": "Point", "coordinates": [lon, lat]}}


def leg(leg_id: Any, start: str, end: str, coords: list, **props: Any) -> dict[str, Any]:
    """A valid sea leg Feature with a LineString through `coords`."""
    base = {
        "id": leg_id,
        "from": start,
        "to": end,
        "mode": "sea",
        "corridor": "nsr",
        "status": "operational",
        "source": "test",
        "chokepoints": [],
    }
    base.update(props)
    geometry = {"type": "LineString", "coordinates": [list(c) for c in coords]}
    return {"type": "Feature", "properties": base, "geometry": geometry}


def collection(*features: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.fixture
def write_fc(tmp_path: Path) -> Callable[..., Path]:
    """Write a FeatureCollection of the given features to tmp_path/<name>."""

    def _write(name: str, *features: Any) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(collection(*features)), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def builders() -> Any:
    """The feature builders (node, leg, collection) as a namespace."""

    class _Builders:
        pass

    ns = _Builders()
    ns.node = node
    ns.leg = leg
    ns.collection = collection
    return ns
