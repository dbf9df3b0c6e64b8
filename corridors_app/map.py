"""The explorer's map: the network deck with the session's routes, and node clicks.

The map data comes from :mod:`corridors_app.cached` (per network token); the
initial view from :func:`corridors_app.session.map_view`, kept per session so
the browser keeps the user's pan and zoom.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, Sequence
from typing import Any

from corridors.viz.deck import NODE_LAYER_ID, network_deck
from corridors.viz.records import route_paths
from corridors_app import cached, session

__all__ = ["explorer_deck", "node_click"]


def explorer_deck(
    token: str,
    net: Any,
    *,
    found: Any = None,
    labels: Sequence[str] = (),
    focus: int = 0,
    ends: Mapping[str, str | None] | None = None,
    globe: bool = False,
    tiles: bool = False,
) -> tuple[Any, bool]:
    """The explorer's deck: the whole network, the found routes and the chosen origin/destination.

    Parameters
    ----------
    token : str
        :func:`corridors_app.session.network_token` of ``net``.
    net : corridors.network.loader.Network
        The session's network.
    found : corridors.routing.route.RouteSet, optional
        The routes to draw (with ``labels``, one per route).
    labels : sequence of str
        The routes' labels (empty: no routes drawn).
    focus : int
        Index of the highlighted route.
    ends : mapping, optional
        ``{"o": origin id, "d": destination id}`` (``None`` when not chosen).
    globe, tiles : bool
        Globe view; tile basemap.

    Returns
    -------
    tuple
        ``(pydeck.Deck, land)``: ``land`` is false when the offline basemap could not be read.
    """
    node_recs, leg_recs = cached.map_records(token, net)
    by_id = {n["id"]: n for n in node_recs}
    od = [
        {"pos": by_id[node_id]["pos"], "role": role, "tip": by_id[node_id]["tip"]}
        for role, node_id in (ends or {}).items()
        if node_id in by_id
    ]
    center = cached.map_center(token, net)
    paths = [route_paths(net.legs, [leg.leg_id for leg in r.legs], center=center) for r in found.routes] if labels else []
    land = cached.land_polygons(center)
    deck = network_deck(
        node_recs,
        leg_recs,
        view=session.map_view(globe=globe),
        land=land,
        globe=globe,
        tiles=tiles,
        routes=paths,
        route_labels=list(labels),
        focus=focus if labels else None,
        od=od,
    )
    return deck, bool(land)


def node_click(state: MutableMapping[str, Any], event: Any, options: Mapping[str, str]) -> None:
    """A click on a map node sets the origin or the destination (then the other one next time).

    Parameters
    ----------
    state : mutable mapping
        The session state (``click_sets``: which one the next click sets).
    event : dict or None
        The chart's selection event.
    options : mapping of str to str
        The node ids the pickers offer (a click elsewhere is ignored).
    """
    objects = (event or {}).get("selection", {}).get("objects", {}).get(NODE_LAYER_ID) or []
    node_id = objects[0].get("id") if objects else None
    if node_id not in options:
        return
    target = state.get("click_sets", "origin")
    state[target] = node_id
    state["click_sets"] = "destination" if target == "origin" else "origin"
