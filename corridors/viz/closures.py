"""Closures on the map: which legs and places a scenario closes, and why.

A :class:`~corridors.model.view.ScenarioView` says which expanded edges are
closed and by which :class:`~corridors.model.view.Cause`. Here that becomes
what the map draws: every leg closed by the scenario (a closed chokepoint,
corridor, mode, node or leg) or out of season, drawn grey and dashed with
the reason in its tooltip (:func:`closed_leg_records`), and a marker at every
closed chokepoint and place (:func:`closure_markers`).

A leg that is only planned or under construction is not drawn as closed: its
status already shows (faded), and it is closed in every scenario that does not
open it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from corridors.viz.style import CLOSED_COLOR, CLOSED_DASH

__all__ = ["Closures", "closed_leg_records", "closure_markers", "closures_of"]

_DRAWN_KINDS = frozenset({"chokepoint", "node", "leg", "corridor", "mode", "season"})
"""Causes drawn as closed (not ``status``: a planned leg shows as planned)."""


@dataclass(frozen=True)
class Closures:
    """What a scenario closes, as the map draws it.

    Attributes
    ----------
    legs : mapping of str to str
        Leg id -> why it is closed (one line per cause).
    places : mapping of str to str
        Node id of a closed chokepoint's strait, or of a closed node -> why.
    chokepoints : mapping of str to str
        Closed chokepoint key -> its cause's text (also for a chokepoint with no strait node).
    """

    legs: Mapping[str, str] = field(default_factory=dict)
    places: Mapping[str, str] = field(default_factory=dict)
    chokepoints: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        """True when anything is closed."""
        return bool(self.legs or self.places)


def closures_of(view: Any) -> Closures:
    """The legs and places a scenario view closes (planned or unbuilt legs aside).

    Parameters
    ----------
    view : corridors.model.view.ScenarioView
        The network's expanded graph under a scenario.

    Returns
    -------
    Closures
        A leg is closed when every one of its expanded edges (one per layer:
        a dual-gauge track has two) is closed by a drawn cause.
    """
    expanded = view.expanded
    drawn = [c.kind in _DRAWN_KINDS for c in view.causes]
    legs: dict[str, str] = {}
    for leg_id, eids in expanded.leg_edges.items():
        if not eids:
            continue
        per_edge = [[i for i in view.edge_causes[e] if drawn[i]] for e in eids]
        if all(per_edge):
            texts = dict.fromkeys(view.causes[i].text for found in per_edge for i in found)
            legs[str(leg_id)] = "\n".join(texts)
    places: dict[str, str] = {}
    chokepoints: dict[str, str] = {}
    for cause in view.causes:
        if cause.kind == "chokepoint":
            chokepoints[cause.key] = cause.text
            for node_id, info in expanded.node_info.items():
                if getattr(info, "chokepoint", None) == cause.key:
                    places[str(node_id)] = cause.text
        elif cause.kind == "node":
            places[str(cause.key)] = cause.text
    return Closures(legs=legs, places=places, chokepoints=chokepoints)


def closed_leg_records(legs: Sequence[dict[str, Any]], closures: Closures) -> list[dict[str, Any]]:
    """Leg records with the closed ones restyled: grey, dashed, the reason first in the tooltip.

    Parameters
    ----------
    legs
        Records from :func:`~corridors.viz.records.leg_records` (not changed).
    closures
        From :func:`closures_of`.

    Returns
    -------
    list of dict
        The same records (the open ones are the very same objects); a closed
        leg's record is a copy with ``c`` :data:`~corridors.viz.style.CLOSED_COLOR`,
        ``d`` :data:`~corridors.viz.style.CLOSED_DASH`, ``x`` 1 and ``tip``
        starting ``CLOSED: <reason>``.
    """
    if not closures.legs:
        return list(legs)
    out = []
    for rec in legs:
        why = closures.legs.get(rec.get("id", ""))
        if why is None:
            out.append(rec)
            continue
        reason = why.replace("\n", "; ")
        out.append({**rec, "c": list(CLOSED_COLOR), "d": list(CLOSED_DASH), "x": 1, "tip": f"CLOSED: {reason}\n{rec.get('tip', '')}"})
    return out


def closure_markers(
    closures: Closures, nodes: Sequence[dict[str, Any]], legs: Sequence[dict[str, Any]], chokepoint_legs: Mapping[str, Sequence[str]] | None = None
) -> list[dict[str, Any]]:
    """Markers at the closed chokepoints and places.

    Parameters
    ----------
    closures
        From :func:`closures_of`.
    nodes, legs
        Node and leg records (positions already centred for the map).
    chokepoint_legs
        Chokepoint key -> ids of the legs listing it, for a closed chokepoint
        that has no strait node (its marker goes at the middle of its first leg).

    Returns
    -------
    list of dict
        ``{"pos": [lon, lat], "tip": "CLOSED: ..."}`` per marker.
    """
    by_id = {n["id"]: n for n in nodes}
    out = []
    placed_keys = set()
    for node_id, why in closures.places.items():
        node = by_id.get(node_id)
        if node is None:
            continue
        out.append({"pos": list(node["pos"]), "tip": f"CLOSED: {why}\n{node.get('name', node_id)}"})
        placed_keys.add(why)
    first_path = {}
    for rec in legs:
        first_path.setdefault(rec.get("id"), rec.get("p"))
    for key, why in closures.chokepoints.items():
        if why in placed_keys:
            continue
        for leg_id in (chokepoint_legs or {}).get(key, ()):
            path = first_path.get(leg_id)
            if path:
                out.append({"pos": list(path[len(path) // 2][:2]), "tip": f"CLOSED: {why}"})
                break
    return out
