"""Moving time, cost and CO2e of legs, each a range (low / likely / high).

Pure functions of :class:`~corridors.model.params.Params`; no graph here.
Dwell and fees at transfers, borders and canals are in
:mod:`corridors.model.charges`.

Per leg (distance ``d`` km, mode ``m``)
    Moving time ``d / speed``. Sea, river, ferry and road: the mode's speed
    x its speed factor, the range from ``[moving_spread.<m>]`` (weather,
    currents, queues). Rail: the route speeds (fast / likely / slow) of the
    scenario's service level (``[rail_services]``). A leg in ice (NSR,
    northern Caspian) takes its moving range, escort fee range and fuel
    factor from :mod:`corridors.model.ice` through its season state.
    ``cost_usd = d x rate[m]`` (+ the icebreaker fee in ice).
    ``co2e_kg = d x tonnes_per_teu x g_per_tkm[m] / 1000``, the range from
    the emission factor's range (and the extra fuel burnt in ice).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corridors.model.param_services import DEFAULT_RAIL_SERVICE
from corridors.model.params import Params
from corridors.model.seasons import SeasonState

__all__ = ["LegFigures", "leg_figures", "leg_figures_array", "leg_speed_kmh"]

_OPEN = SeasonState("open")


@dataclass(frozen=True)
class LegFigures:
    """Moving time, cost and CO2e of one leg for one TEU (likely values and ranges).

    Attributes
    ----------
    speed_kmh, moving_h, cost_usd, co2e_kg : float
        Likely values.
    moving_range_h, cost_range_usd, co2e_range_kg : tuple of float
        ``(low, likely, high)``.
    speed_source, cost_source, co2e_source : str
        Sources of the factors used.
    """

    speed_kmh: float
    moving_h: float
    cost_usd: float
    co2e_kg: float
    speed_source: str
    cost_source: str
    co2e_source: str
    moving_range_h: tuple[float, float, float] = (0.0, 0.0, 0.0)
    cost_range_usd: tuple[float, float, float] = (0.0, 0.0, 0.0)
    co2e_range_kg: tuple[float, float, float] = (0.0, 0.0, 0.0)


def leg_speed_kmh(
    mode: str, params: Params, state: SeasonState = _OPEN, *, rail_service: str = DEFAULT_RAIL_SERVICE
) -> tuple[float, float, float]:
    """Return the (fast, likely, slow) speeds on a leg of `mode` in km/h, after season effects.

    Parameters
    ----------
    mode
        Leg mode.
    params
        Speeds, service levels, spreads and speed factors.
    state
        Season state of the leg (:func:`corridors.model.seasons.leg_state`).
    rail_service
        The rail service level (a key of ``params.rail_services``).

    Returns
    -------
    tuple of float
        Fastest plausible, likely and slow-tail speed (km/h).
    """
    factor = params.speed_factor.get(mode, 1.0) * state.speed_factor  # type: ignore[call-overload]
    if mode == "rail":
        fast, likely, slow = params.rail_services[rail_service].kmh()  # type: ignore[index]
        return (fast * factor, likely * factor, slow * factor)
    likely = params.speed_kmh(mode)
    if state.speed_key is not None:
        likely = min(likely, params.speed_kmh(state.speed_key))
    spread = params.moving_spread[mode]
    likely *= state.speed_factor
    return (likely / spread.low, likely, likely / spread.high)


def leg_figures(
    length_km: float,
    mode: str,
    params: Params,
    *,
    state: SeasonState = _OPEN,
    rail_service: str = DEFAULT_RAIL_SERVICE,
) -> LegFigures:
    """Return time, cost and CO2e of one leg for one TEU.

    Parameters
    ----------
    length_km
        Leg length.
    mode
        Leg mode.
    params
        Factors.
    state
        Season state of the leg.
    rail_service
        The rail service level.

    Returns
    -------
    LegFigures
    """
    arrays = leg_figures_array(np.array([float(length_km)]), [mode], [state], params, rail_service=rail_service)

    def triple(name: str) -> tuple[float, float, float]:
        return tuple(float(arrays[f"{name}_{k}"][0]) for k in ("low", "likely", "high"))  # type: ignore[return-value]

    return LegFigures(
        speed_kmh=float(arrays["speed_kmh"][0]),
        moving_h=float(arrays["moving_likely"][0]),
        cost_usd=float(arrays["cost_likely"][0]),
        co2e_kg=float(arrays["co2e_likely"][0]),
        speed_source=arrays["speed_source"][0],
        cost_source=arrays["cost_source"][0],
        co2e_source=arrays["co2e_source"][0],
        moving_range_h=triple("moving"),
        cost_range_usd=triple("cost"),
        co2e_range_kg=triple("co2e"),
    )


def leg_figures_array(
    length_km: np.ndarray,
    modes: Sequence[str],
    states: Sequence[SeasonState],
    params: Params,
    *,
    rail_service: str = DEFAULT_RAIL_SERVICE,
    rail_countries: Sequence[str | None] | None = None,
) -> dict[str, np.ndarray | list[str]]:
    """Vectorised :func:`leg_figures` over many legs.

    Parameters
    ----------
    length_km
        Lengths, shape (n,).
    modes, states
        Mode and season state of each leg.
    params
        Factors.
    rail_service
        The rail service level.
    rail_countries
        Per leg, the country whose ``[rail_country_factor]`` slows its rail
        speed (None: no factor).

    Returns
    -------
    dict
        ``speed_kmh`` and, for ``moving``, ``cost`` and ``co2e``, the arrays
        ``<name>_low``, ``<name>_likely``, ``<name>_high`` (hours, USD/TEU,
        kg CO2e/TEU); ``speed_source``, ``cost_source``, ``co2e_source``
        (lists of str).
    """
    length_km = np.asarray(length_km, dtype=float)
    n = length_km.size
    moving = np.zeros((3, n))
    cost = np.zeros((3, n))
    co2 = np.zeros((3, n))
    tonnes = params.emissions.tonnes_per_teu.value
    speed_sources: list[str] = []
    cost_sources: list[str] = []
    co2_sources: list[str] = []
    for i, (km, mode, state) in enumerate(zip(length_km, modes, states, strict=True)):
        rate = params.cost.per_teu_km[mode]  # type: ignore[index]
        factor = params.emissions.wtw_g_per_tkm[mode]  # type: ignore[index]
        g_low, g_high = factor.range
        co2[:, i] = km * tonnes * np.array([g_low, factor.value, g_high]) / 1000.0
        cost[:, i] = km * rate.value
        cost_source, co2_source = rate.source, factor.source
        passage = state.passage
        if passage is not None:
            moving[:, i] = passage.moving_h
            cost[:, i] += np.array(passage.fee_usd)
            co2[:, i] *= np.array(passage.fuel_factor)
            speed_source = passage.source
            cost_source = f"{cost_source}; icebreaker fee: {passage.source}"
            co2_source = f"{co2_source}; extra fuel in ice: {passage.source}"
        else:
            fast, likely, slow = leg_speed_kmh(mode, params, state, rail_service=rail_service)
            country = rail_countries[i] if rail_countries is not None and mode == "rail" else None
            slower = params.rail_country_factor.get(country) if country else None
            scale = slower.value if slower is not None else 1.0
            moving[:, i] = (km / (fast * scale), km / (likely * scale), km / (slow * scale))
            if mode == "rail":
                speed_source = params.rail_services[rail_service].source  # type: ignore[index]
                if slower is not None:
                    speed_source = f"{speed_source}; x{slower.value:g} on the {country} network: {slower.source}"
            else:
                key = state.speed_key or mode
                speed_source = f"{params.speed[key].source}; range: {params.moving_spread[mode].source}"  # type: ignore[index]
        speed_sources.append(speed_source)
        cost_sources.append(cost_source)
        co2_sources.append(co2_source)
    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(moving[1] > 0, length_km / np.where(moving[1] > 0, moving[1], 1.0), 0.0)
    out: dict[str, np.ndarray | list[str]] = {"speed_kmh": speed}
    for name, table in (("moving", moving), ("cost", cost), ("co2e", co2)):
        for row, key in enumerate(("low", "likely", "high")):
            out[f"{name}_{key}"] = table[row]
    out["speed_source"] = speed_sources
    out["cost_source"] = cost_sources
    out["co2e_source"] = co2_sources
    return out
