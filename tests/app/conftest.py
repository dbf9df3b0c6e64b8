"""Fixtures for the Streamlit AppTest tests of the planner app."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# the app imports ``corridors_app`` modules (streamlit adds the app's folder to sys.path)
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PAGES = {
    "explorer": "corridors_app/views/explorer.py",
    "compare": "corridors_app/views/compare.py",
    "network": "corridors_app/views/network.py",
    "methodology": "corridors_app/views/methodology.py",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as an app test."""
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.app)


@pytest.fixture
def make_app() -> Callable[..., Any]:
    """Factory: an AppTest of app.py, optionally on a page and with URL query params.

    ``make_app(page="compare", origin="INNSA")`` runs the app once on the
    given page with ``?origin=INNSA`` and returns the AppTest.
    """
    from streamlit.testing.v1 import AppTest

    def _make(page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page and page != "explorer":
            at.switch_page(PAGES[page])
            at.run()
        return at

    return _make


@pytest.fixture(scope="session")
def network() -> Any:
    """The bundled network (what the app shows)."""
    from corridors.network.loader import load_network

    return load_network()


@pytest.fixture(scope="session")
def xss_upload(network: Any) -> bytes:
    """An upload whose names and sources carry HTML/script payloads (joined to the network)."""
    import json

    from app_helpers import connected_upload

    return connected_upload(json.loads((FIXTURES / "xss_upload.geojson").read_text()), network)


@pytest.fixture(scope="session")
def fixture_bytes() -> Callable[[str], bytes]:
    """Bytes of a file in tests/app/fixtures."""

    def _read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return _read
