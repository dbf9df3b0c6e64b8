"""Layers of the expanded graph: which layers a leg is in, and what changing layer costs.

Every node of the expanded graph (:mod:`corridors.model.expanded`) is a copy
of a place in one *layer*: ``sea``, ``river``, ``ferry``, ``road``,
``rail1435``, ``rail1520`` (a rail layer per gauge) or ``feeder`` (sea legs
sailed by feeder ships). Changing layer at a node is a transfer of one kind
(:func:`transfer_kind`); each layer has one mode (:func:`layer_mode`).
"""

from __future__ import annotations

from corridors.network import schema

__all__ = ["LAYERS", "WATER_LAYERS", "layer_mode", "leg_layers", "transfer_kind"]

LAYERS = ("sea", "river", "ferry", "road", "rail1435", "rail1520", "feeder")
"""Layers of the expanded graph (a rail layer per gauge; ``feeder``: sea legs sailed by feeder ships)."""

WATER_LAYERS = frozenset({"sea", "river", "ferry", "feeder"})
"""Layers sailed by ships (a change to or from one is a port or ferry transfer)."""


def leg_layers(
    mode: str, gauge_mm: int | None = None, *, dual_gauge: bool = False, sea_service: str | None = None
) -> tuple[str, ...]:
    """Return the layers a leg belongs to.

    Parameters
    ----------
    mode
        Leg mode.
    gauge_mm
        Rail gauge (1435 or 1520; missing is taken as 1520).
    dual_gauge
        A dual-gauge rail leg is in both rail layers.
    sea_service
        For sea legs when the graph has feeder-only legs: ``"deep"`` (the
        ``sea`` layer), ``"feeder"`` (the ``feeder`` layer) or ``"both"``;
        None: the ``sea`` layer.

    Returns
    -------
    tuple of str
    """
    if mode == "sea" and sea_service is not None:
        return {"deep": ("sea",), "feeder": ("feeder",), "both": ("sea", "feeder")}[sea_service]
    if mode != "rail":
        return (mode,)
    if dual_gauge:
        return ("rail1435", "rail1520")
    return (f"rail{int(gauge_mm) if gauge_mm else schema.DUAL_GAUGE_MM}",)


def layer_mode(layer: str) -> str:
    """Return the mode of a layer (``"rail1520"`` -> ``"rail"``, ``"feeder"`` -> ``"sea"``)."""
    if layer.startswith("rail"):
        return "rail"
    return "sea" if layer == "feeder" else layer


def transfer_kind(a: str, b: str) -> str | None:
    """Return the charge kind for changing from layer `a` to layer `b`.

    Parameters
    ----------
    a, b
        Layers.

    Returns
    -------
    str or None
        None when ``a == b``; ``transshipment`` between the ``sea`` and
        ``feeder`` layers; ``ferry_port`` when a ferry is involved;
        ``port`` for any other change involving a ship; ``gauge`` between
        the rail layers; ``intermodal`` between rail and road.
    """
    if a == b:
        return None
    if {a, b} == {"sea", "feeder"}:
        return "transshipment"
    if a in WATER_LAYERS or b in WATER_LAYERS:
        return "ferry_port" if "ferry" in (a, b) else "port"
    if layer_mode(a) == layer_mode(b) == "rail":
        return "gauge"
    return "intermodal"
