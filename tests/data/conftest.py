"""Session-wide oracles for the geometry audit (each loaded once per test session)."""

from __future__ import annotations

import pytest
from audit_geodata import DOMESTIC_COUNTRIES, SEA_MODES, network, samples
from audit_oracles import SeaOracles, Shoreline, country_outlines


@pytest.fixture(scope="session")
def sea_oracles() -> SeaOracles:
    return SeaOracles()


@pytest.fixture(scope="session")
def shoreline() -> Shoreline:
    _, legs = network()
    pts = [samples(leg, 20.0)[0] for leg in legs if leg.mode in SEA_MODES]
    lon = [p[:, 0] for p in pts]
    lat = [p[:, 1] for p in pts]
    lo_all = [x for arr in lon for x in arr]
    la_all = [y for arr in lat for y in arr]
    # polygons within a degree of any sea or ferry leg are enough
    return Shoreline((min(lo_all) - 1, min(la_all) - 1, max(lo_all) + 1, max(la_all) + 1))


@pytest.fixture(scope="session")
def countries():
    return country_outlines(DOMESTIC_COUNTRIES)
