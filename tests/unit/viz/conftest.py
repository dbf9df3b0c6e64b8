"""Fixtures for the tests of corridors.viz (no streamlit needed)."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def network() -> Any:
    """The bundled network (what the app's map shows), loaded once; treat as read-only."""
    from corridors.network.loader import load_network

    return load_network()
