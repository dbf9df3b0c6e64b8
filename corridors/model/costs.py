"""Moving time, cost and CO2e of legs; dwell and fees at transfers and borders.

Pure functions of :class:`~corridors.model.params.Params`; no graph here.

Per leg (distance ``d`` km, mode ``m``)
    ``moving_h = d / speed`` with ``speed`` = the mode's speed x the mode's
    speed factor; on NSR legs the ice speed (independent or escorted) caps
    it; on northern-Caspian legs in winter the winter factor multiplies it.
    ``cost_usd = d x rate[m]`` (+ the NSR escort fee pro rata to distance
    when escorted). ``co2e_kg = d x tonnes_per_teu x g_per_tkm[m] / 1000``.
Per transfer, border crossing or canal (a :class:`Charge`)
    a dwell range (low / likely / high hours) and a fee in USD/TEU. A node
    listed in ``[dwell_node]`` replaces the dwell of a crossing there, for
    every mode or per mode of the crossing (e.g. the truck queues at the
    Astara and Samur road borders, while rail keeps the generic range).
Intermediate port calls (a ``port_calls`` charge on a sea leg)
    Liner services call at ports on the way. A sea leg of ``d`` km on a
    corridor with a call spacing ``s`` (``[port_calls.spacing_km]``) makes
    ``d / s`` expected calls, each with the ``port_call`` dwell range, so
    the dwell grows with sea distance; no fee (port dues are in the sea
    rate). NSR legs make no calls (transits sail direct).
Terminal handling at the ends (:func:`terminal_charge`)
    Loading at the origin port or depot and unloading at the destination,
    by node kind (``[terminal]``); a zero-distance row at each end.
Hub transshipment (a ``transshipment`` transfer)
    Deep-sea ships (Suez, Cape lanes) do not sail the feeder-only legs
    (the Baltic feeder to St Petersburg): a route from one to the other
    pays a transshipment dwell and fee once, at a seaport hub.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corridors.model.layers import layer_mode
from corridors.model.params import NodeDwell, Params
from corridors.model.seasons import SeasonState

__all__ = [
    "PORT_CALLS",
    "Charge",
    "LegFigures",
    "charge_label",
    "charges",
    "crossing_mode",
    "leg_figures",
    "leg_figures_array",
    "port_call_charge",
    "terminal_charge",
]

PORT_CALLS = "port_calls"
"""Charge kind of the intermediate port calls on a sea leg."""

_OPEN = SeasonState("open")
_CHOKEPOINT_PREFIX = "chokepoint:"


@dataclass(frozen=True)
class LegFigures:
    """Moving time, cost and CO2e of one leg for one TEU.

    Attributes
    ----------
    speed_kmh, moving_h, cost_usd, co2e_kg : float
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


@dataclass(frozen=True)
class Charge:
    """Dwell and fee at a node (transfer, border) or a canal.

    Attributes
    ----------
    kind : str
        ``port``, ``ferry_port``, ``gauge``, ``intermodal``,
        ``transshipment``, ``border_rail``, ``border_road``,
        ``chokepoint:<key>`` or ``port_calls``.
    node_id : str or None
        Where it is paid (None for a canal or port calls charged on a leg).
    low_h, likely_h, high_h : float
        Dwell range in hours.
    cost_usd : float
        Fee per TEU.
    dwell_source, cost_source : str
    detail : str
        A short note for people (e.g. ``"2.4 expected calls, 1 per 3,000 km"``).
    """

    kind: str
    node_id: str | None
    low_h: float
    likely_h: float
    high_h: float
    cost_usd: float
    dwell_source: str
    cost_source: str
    detail: str = ""


def leg_speed_kmh(mode: str, params: Params, state: SeasonState = _OPEN) -> float:
    """Return the speed on a leg of `mode` in km/h, after season effects.

    Parameters
    ----------
    mode
        Leg mode.
    params
        Speeds and speed factors.
    state
        Season state of the leg (:func:`corridors.model.seasons.leg_state`).

    Returns
    -------
    float
    """
    speed = params.speed_kmh(mode)
    if state.speed_key is not None:
        speed = min(speed, params.speed_kmh(state.speed_key))
    return speed * state.speed_factor


def leg_figures(length_km: float, mode: str, params: Params, *, state: SeasonState = _OPEN) -> LegFigures:
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

    Returns
    -------
    LegFigures
    """
    arrays = leg_figures_array(np.array([float(length_km)]), [mode], [state], params)
    return LegFigures(
        speed_kmh=float(arrays["speed_kmh"][0]),
        moving_h=float(arrays["moving_h"][0]),
        cost_usd=float(arrays["cost_usd"][0]),
        co2e_kg=float(arrays["co2e_kg"][0]),
        speed_source=arrays["speed_source"][0],
        cost_source=arrays["cost_source"][0],
        co2e_source=arrays["co2e_source"][0],
    )


def leg_figures_array(
    length_km: np.ndarray, modes: Sequence[str], states: Sequence[SeasonState], params: Params
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

    Returns
    -------
    dict
        ``speed_kmh``, ``moving_h``, ``cost_usd``, ``co2e_kg`` (arrays) and
        ``speed_source``, ``cost_source``, ``co2e_source`` (lists of str).
    """
    length_km = np.asarray(length_km, dtype=float)
    speed = np.array([leg_speed_kmh(m, params, s) for m, s in zip(modes, states, strict=True)], dtype=float)
    rate = np.array([params.cost.per_teu_km[m].value for m in modes], dtype=float)  # type: ignore[index]
    intensity = np.array([params.emissions.wtw_g_per_tkm[m].value for m in modes], dtype=float)  # type: ignore[index]
    escort = np.array([s.escort_fee for s in states], dtype=bool)
    escort_per_km = params.cost.nsr_escort.value / params.seasons.nsr.reference_length_km
    tonnes = params.emissions.tonnes_per_teu.value
    cost = length_km * rate + np.where(escort, length_km * escort_per_km, 0.0)
    speed_sources = []
    cost_sources = []
    for mode, state in zip(modes, states, strict=True):
        key = state.speed_key or mode
        speed_sources.append(params.speed[key].source)  # type: ignore[index]
        source = params.cost.per_teu_km[mode].source  # type: ignore[index]
        if state.escort_fee:
            source = f"{source}; NSR escort fee: {params.cost.nsr_escort.source}"
        cost_sources.append(source)
    return {
        "speed_kmh": speed,
        "moving_h": length_km / speed,
        "cost_usd": cost,
        "co2e_kg": length_km * tonnes * intensity / 1000.0,
        "speed_source": speed_sources,
        "cost_source": cost_sources,
        "co2e_source": [params.emissions.wtw_g_per_tkm[m].source for m in modes],  # type: ignore[index]
    }


def crossing_mode(from_layer: str, to_layer: str) -> str:
    """Return the mode of a crossing or transfer between two layers.

    The land mode, road before rail (a road-rail crossing pays the road
    border fee), else the water mode: ferry, river, then sea. This is the
    mode that selects a per-mode ``[dwell_node]`` range.

    Parameters
    ----------
    from_layer, to_layer
        Layers of :mod:`corridors.model.layers` (``rail1435`` is rail,
        ``feeder`` is sea).

    Returns
    -------
    str
        A mode of :data:`corridors.network.schema.MODES`.
    """
    modes = {layer_mode(from_layer), layer_mode(to_layer)}
    for mode in _CROSSING_ORDER:
        if mode in modes:
            return mode
    return sorted(modes)[0]


_CROSSING_ORDER = ("road", "rail", "ferry", "river", "sea")


def port_call_charge(length_km: float, mode: str, corridor: str, params: Params) -> Charge | None:
    """Return the intermediate port calls of one leg, or None when it makes none.

    Parameters
    ----------
    length_km
        Leg length.
    mode, corridor
        Leg mode (only ``sea`` legs call) and corridor (its spacing in
        ``params.port_calls.spacing_km``; none listed: no calls).
    params
        Spacing and the per-call range ``params.dwell["port_call"]``.

    Returns
    -------
    Charge or None
        Kind ``port_calls``, no node, dwell = number of calls x the per-call
        range, no fee. None for a leg without calls or a zero range.
    """
    spacing = params.port_calls.spacing_km.get(corridor)
    per_call = params.dwell["port_call"]
    if mode != "sea" or spacing is None or length_km <= 0 or per_call.high <= 0:
        return None
    calls = float(length_km) / spacing.value
    source = (
        f"{calls:.2f} expected intermediate calls ({length_km:,.0f} km / 1 call per "
        f"{spacing.value:,.0f} km on {corridor} legs: {spacing.source}); per call: {per_call.source}"
    )
    return Charge(
        kind=PORT_CALLS,
        node_id=None,
        low_h=calls * per_call.low,
        likely_h=calls * per_call.likely,
        high_h=calls * per_call.high,
        cost_usd=0.0,
        dwell_source=source,
        cost_source="no fee: port dues of intermediate calls are in the per-TEU-km sea rate",
        detail=f"{calls:.1f} expected, 1 per {spacing.value:,.0f} km",
    )


def charges(
    kinds: Sequence[str], node_id: str | None, params: Params, *, mode: str | None = None
) -> tuple[Charge, ...]:
    """Return the dwell and fee of each charge kind paid at a node.

    Parameters
    ----------
    kinds
        Charge kinds (see :class:`Charge`).
    node_id
        Where; a node listed in ``params.dwell_node`` has its dwell range
        replaced by that entry (given once, on the first charge; the fees
        stay per kind).
    params
        Factors.
    mode
        Mode of the crossing (see :func:`crossing_mode`): picks the range
        of a per-mode ``dwell_node`` entry (None: only its ``any`` range).

    Returns
    -------
    tuple of Charge
    """
    found = []
    for kind in kinds:
        low = likely = high = 0.0
        dwell_source = cost_source = ""
        cost = 0.0
        if kind.startswith(_CHOKEPOINT_PREFIX):
            key = kind.removeprefix(_CHOKEPOINT_PREFIX)
            dwell = params.chokepoint_dwell.get(key)
            fee = params.cost.chokepoint_fee.get(key)
        elif kind.startswith("border_"):
            dwell = params.dwell[kind]  # type: ignore[index]
            fee = params.cost.border[kind.removeprefix("border_")]  # type: ignore[index]
        else:
            dwell = params.dwell[kind]  # type: ignore[index]
            fee = params.cost.transfer[kind]  # type: ignore[index]
        if dwell is None and fee is None:
            continue  # a chokepoint with neither a dwell nor a fee costs nothing
        if dwell is not None:
            low, likely, high, dwell_source = dwell.low, dwell.likely, dwell.high, dwell.source
        if fee is not None:
            cost, cost_source = fee.value, fee.source
        found.append(Charge(kind, node_id, low, likely, high, cost, dwell_source, cost_source))
    entry = params.dwell_node.get(node_id) if node_id is not None else None
    override = entry.for_mode(mode) if isinstance(entry, NodeDwell) else entry
    if override is not None and found:
        which = entry.mode_of(mode) if isinstance(entry, NodeDwell) else None
        key = f"{node_id}.{which}" if which else node_id
        source = f"dwell_node[{key}]: {override.source}"
        first = found[0]
        found = [
            Charge(
                first.kind,
                node_id,
                override.low,
                override.likely,
                override.high,
                first.cost_usd,
                source,
                first.cost_source,
            ),
            *(Charge(c.kind, node_id, 0.0, 0.0, 0.0, c.cost_usd, source, c.cost_source) for c in found[1:]),
        ]
    return tuple(found)


_TRANSFERS = frozenset({"port", "ferry_port", "gauge", "intermodal", "transshipment"})
_LABELS = {
    "port": "port handling",
    "ferry_port": "ferry/feeder port handling and wait for a sailing",
    "gauge": "gauge change (transshipment / bogie exchange)",
    "intermodal": "rail-road transshipment",
    "transshipment": "hub transshipment",
    PORT_CALLS: "intermediate port calls",
    "border_rail": "border crossing (rail)",
    "border_road": "border crossing (road)",
    "terminal_origin": "terminal handling, loading",
    "terminal_destination": "terminal handling, unloading",
}


def terminal_charge(kind: str, end: str, node_id: str, params: Params) -> Charge | None:
    """Return the loading (`end` ``"origin"``) or unloading (``"destination"``) at a node of `kind`.

    Parameters
    ----------
    kind, end, node_id
        Node kind (``params.terminal`` lists the kinds that pay), which end, where.
    params
        The ``[terminal]`` ranges and fees.

    Returns
    -------
    Charge or None
        Kind ``terminal_origin`` or ``terminal_destination``; None for a kind
        that pays nothing (border crossing, sea waypoint, strait).
    """
    table = params.terminal.origin if end == "origin" else params.terminal.destination
    dwell, fee = table.get(kind), params.terminal.fee.get(kind)  # type: ignore[call-overload]
    if dwell is None or fee is None:
        return None
    return Charge(
        f"terminal_{end}", node_id, dwell.low, dwell.likely, dwell.high, fee.value, dwell.source, fee.source
    )


def charge_label(kind: str, *, from_layer: str | None = None, to_layer: str | None = None) -> str:
    """Return a short description of a charge, e.g. ``"port handling sea->rail1435"``.

    Parameters
    ----------
    kind
        Charge kind.
    from_layer, to_layer
        Layers on each side (see :mod:`corridors.model.layers`), when known.

    Returns
    -------
    str
    """
    if kind.startswith(_CHOKEPOINT_PREFIX):
        key = kind.removeprefix(_CHOKEPOINT_PREFIX)
        return f"{key} canal/strait transit"
    text = _LABELS.get(kind, kind)
    if kind in _TRANSFERS and from_layer and to_layer and from_layer != to_layer:
        text = f"{text} {from_layer}->{to_layer}"
    return text
