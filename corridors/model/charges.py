"""Dwell and fees at transfers, borders, canals and the ends of a route (:class:`Charge`).

Pure functions of :class:`~corridors.model.params.Params`; no graph here.

Per transfer, border crossing or canal
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
Waiting for a train (a ``rail_departure`` charge)
    A box put on rail waits for its train: the range of the scenario's rail
    service level (``[rail_services.<level>.departure_wait]``).
Waiting for an icebreaker (an ``ice_wait`` charge on an ice leg)
    The convoy wait of :mod:`corridors.model.ice`, with the escort fee.
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
from typing import TYPE_CHECKING

from corridors.model.layers import layer_mode
from corridors.model.params import NodeDwell, Params

if TYPE_CHECKING:
    from corridors.model.ice import IcePassage

__all__ = [
    "ICE_WAIT",
    "PORT_CALLS",
    "RAIL_DEPARTURE",
    "Charge",
    "boards_rail",
    "charge_label",
    "charges",
    "crossing_mode",
    "ice_wait_charge",
    "is_boarding",
    "port_call_charge",
    "rail_departure_charge",
    "terminal_charge",
]

PORT_CALLS = "port_calls"
"""Charge kind of the intermediate port calls on a sea leg."""
RAIL_DEPARTURE = "rail_departure"
"""Charge kind of the wait for a train when a box is put on rail."""
ICE_WAIT = "ice_wait"
"""Charge kind of the wait for an icebreaker convoy on an ice leg."""

_CHOKEPOINT_PREFIX = "chokepoint:"


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
        Fee per TEU (the likely fee).
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
        detail=f"{calls_text(calls)}, 1 per {spacing.value:,.0f} km",
    )


def calls_text(calls: float) -> str:
    """Expected port calls for people: one decimal, or the chance of a call where one decimal would read 0.0.

    Examples
    --------
    >>> calls_text(2.43), calls_text(0.036), calls_text(0.001)
    ('2.4 expected', '4% chance of a call', 'under 1% chance of a call')
    """
    if calls >= 0.05:  # noqa: PLR2004 - shown as 0.1 or more
        return f"{calls:.1f} expected"
    return f"{calls:.0%} chance of a call" if calls >= 0.005 else "under 1% chance of a call"  # noqa: PLR2004


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
    RAIL_DEPARTURE: "waiting for a train",
    ICE_WAIT: "waiting for an icebreaker convoy",
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


def rail_departure_charge(level: str, node_id: str, params: Params) -> Charge | None:
    """Return the wait for a train of service `level` when a box is put on rail at `node_id`.

    Parameters
    ----------
    level
        A key of ``params.rail_services`` (the scenario's ``rail_service``).
    node_id
        Where the box boards.
    params
        The service levels.

    Returns
    -------
    Charge or None
        Kind ``rail_departure``; None when the level's wait is zero.
    """
    service = params.rail_services[level]  # type: ignore[index]
    wait = service.departure_wait
    if wait.high <= 0:
        return None
    return Charge(
        RAIL_DEPARTURE,
        node_id,
        wait.low,
        wait.likely,
        wait.high,
        0.0,
        f"{service.name}: {wait.source}",
        "no fee: the wait for a train costs nothing per TEU",
        detail=service.name,
    )


def boards_rail(from_layer: str, to_layer: str) -> bool:
    """Return whether a transfer between two layers puts a box on rail or takes it off.

    The expanded graph is undirected, so a transfer edge is either; the
    route keeps the wait for a train only where the box boards
    (:func:`is_boarding`), and the routing weight counts half of it on
    each transfer of a rail section.
    """
    return (layer_mode(from_layer) == "rail") != (layer_mode(to_layer) == "rail")


def is_boarding(charge: Charge, to_layer: str | None) -> bool:
    """Return False for a wait for a train on a transfer that leaves rail (every other charge: True)."""
    return charge.kind != RAIL_DEPARTURE or (to_layer is not None and layer_mode(to_layer) == "rail")


def ice_wait_charge(passage: IcePassage, node_id: str | None) -> Charge:
    """Return the wait for an icebreaker convoy on an ice leg (its fee is in the leg's cost).

    Parameters
    ----------
    passage
        The ice model's figures for the leg.
    node_id
        None (the wait is on the leg).

    Returns
    -------
    Charge
        Kind ``ice_wait``.
    """
    low, likely, high = passage.wait_h
    return Charge(
        ICE_WAIT,
        node_id,
        low,
        likely,
        high,
        0.0,
        f"escort needed with probability {passage.escort_probability:.0%}: {passage.source}",
        "the icebreaker fee is in the leg's cost",
        detail=f"escort p={passage.escort_probability:.0%}",
    )
