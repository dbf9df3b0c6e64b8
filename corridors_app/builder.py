"""The comparison page's scenario builder: form values → a :class:`~corridors.model.scenario.Scenario`.

No streamlit here: the page draws the form, this module turns its values
into a scenario (the engine checks it like any TOML file).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from corridors.model import params as model_params
from corridors.model.scenario import Scenario

__all__ = ["MONTHS", "MONTH_NAMES", "RAIL_SERVICE_NAMES", "build_scenario", "factor_overrides", "month_name", "planned"]

#: The rail service picker's labels (the levels are :data:`corridors.model.param_services.RAIL_SERVICES`).
RAIL_SERVICE_NAMES = {
    "express": "express container train (~7 days Far East-Moscow)",
    "container": "ordinary container train (11-14 days)",
    "wagonload": "wagonload (up to 20 days)",
}

#: The month picker's values (``None``: year-round, i.e. the worst month).
MONTHS = [None, *range(1, 13)]

#: Labels of :data:`MONTHS` (index 0: year-round).
MONTH_NAMES = ["year-round (worst month)", "January", "February", "March", "April", "May", "June",
               "July", "August", "September", "October", "November", "December"]


def month_name(month: int | None) -> str:
    """The month picker's label of ``month``."""
    return MONTH_NAMES[month or 0]


def planned(scenario: Scenario, departure: datetime.date | None, rail_service: str) -> Scenario:
    """Return `scenario` with the explorer's departure date and rail service (itself when unchanged).

    Parameters
    ----------
    scenario
        The chosen scenario.
    departure
        The departure date, or None for none (the scenario's month decides).
    rail_service
        A rail service level.

    Returns
    -------
    Scenario
    """
    if departure == scenario.departure and rail_service == scenario.rail_service:
        return scenario
    return Scenario.from_dict({**scenario.to_dict(), "departure": departure, "rail_service": rail_service})


_UNCHANGED = 1e-9  # a factor this close to 1 changes nothing


def _changed(factor: float) -> bool:
    return abs(factor - 1.0) > _UNCHANGED


def factor_overrides(speed_f: Mapping[str, float], dwell_f: float, cost_f: float, co2_f: float) -> dict[str, Any]:
    """Scenario override tables scaling the engine's defaults by factors.

    Parameters
    ----------
    speed_f : mapping of str to float
        Mode → speed factor.
    dwell_f, cost_f, co2_f : float
        Factors on every dwell time, every moving cost per TEU-km and every emission factor.

    Returns
    -------
    dict
        Override sections (only those a factor other than 1 changes).
    """
    params = model_params.default_params()  # looked up on each call (tests may patch it)
    out: dict[str, Any] = {}
    speed = {m: f for m, f in speed_f.items() if _changed(f)}
    if speed:
        out["speed_factor"] = speed
    if _changed(dwell_f):
        out["dwell"] = {
            key: {"low": r.low * dwell_f, "likely": r.likely * dwell_f, "high": r.high * dwell_f}
            for key, r in params.dwell.items()
        }
    if _changed(cost_f):
        out["cost"] = {"per_teu_km": {m: f.value * cost_f for m, f in params.cost.per_teu_km.items()}}
    if _changed(co2_f):
        out["emissions"] = {"wtw_g_per_tkm": {m: f.value * co2_f for m, f in params.emissions.wtw_g_per_tkm.items()}}
    return out


def build_scenario(
    net: Any,
    *,
    name: str,
    description: str = "",
    month: int | None = None,
    ice_class: str = "none",
    closed: Mapping[str, Sequence[str]] | None = None,
    open_legs: Sequence[str] = (),
    factors: Mapping[str, Any] | None = None,
) -> Scenario:
    """A scenario from the builder's values, checked against the network.

    Parameters
    ----------
    net : corridors.network.loader.Network
        The session's network (closed and opened ids must be in it).
    name, description : str
        The scenario's name and description.
    month : int or None
        1–12, or ``None`` for year-round.
    ice_class : str
        The ship's ice class (NSR).
    closed : mapping, optional
        ``{"chokepoints": [...], "corridors": [...], "modes": [...]}`` to close.
    open_legs : sequence of str
        Planned or under-construction legs to open.
    factors : mapping, optional
        Keyword arguments of :func:`factor_overrides`.

    Returns
    -------
    corridors.model.scenario.Scenario

    Raises
    ------
    corridors._errors.ValidationError
        A value is out of bounds or names something the network lacks.
    """
    closed = closed or {}
    data = {
        "name": name,
        "description": description,
        "month": month,
        "ice_class": ice_class,
        "closed_chokepoints": list(closed.get("chokepoints", ())),
        "closed_corridors": list(closed.get("corridors", ())),
        "closed_modes": list(closed.get("modes", ())),
        "open_legs": list(open_legs),
        **factor_overrides(**(factors or {"speed_f": {}, "dwell_f": 1.0, "cost_f": 1.0, "co2_f": 1.0})),
    }
    built = Scenario.from_dict(data, source="built scenario")
    built.check(net)
    return built
