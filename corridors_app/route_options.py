"""Via and avoid in the explorer (the CLI's ``--via`` / ``--avoid``): places to pass, places and keys to avoid."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from corridors.network.schema import CHOKEPOINTS, CORRIDORS, MODES, chokepoint_name, corridor_name
from corridors.routing.route import MAX_VIA

__all__ = ["KEYS", "TOGGLE_KEY", "pick"]

KEYS = ("via", "avoid", "avoid_chokepoints", "avoid_corridors", "avoid_modes")
"""Session keys of the widgets, also the keyword names of :func:`corridors.routing.route.route`."""

TOGGLE_KEY = "show_ways"
"""Session key of the switch that shows the via and avoid pickers."""

_AVOIDABLE_CORRIDORS = tuple(c for c in CORRIDORS if c != "feeder")


def pick(options: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Draw the "Via and avoid" switch (and, when on, its pickers); return the choices as keyword arguments for routing.

    The pickers are drawn only when the switch is on: off, nothing is
    avoided and no place is passed (turning it off clears them).

    Parameters
    ----------
    options : mapping of str to str
        Node id → picker label (the explorer's node options).

    Returns
    -------
    dict of str to tuple of str
        ``via``, ``avoid``, ``avoid_chokepoints``, ``avoid_corridors``,
        ``avoid_modes`` (empty tuples when nothing is chosen).
    """
    for key in ("via", "avoid"):  # drop nodes that are no longer offered (a removed upload)
        kept = [v for v in st.session_state.get(key) or () if v in options]
        if key in st.session_state and kept != list(st.session_state[key]):
            st.session_state[key] = kept
    chosen = any(st.session_state.get(k) for k in KEYS)
    st.session_state.setdefault(TOGGLE_KEY, chosen)  # a link that sets via or avoid opens them
    if not st.toggle("Via and avoid", key=TOGGLE_KEY, help="Places to pass through, places, chokepoints, corridors and modes to avoid (off: none)"):
        return dict.fromkeys(KEYS, ())  # not drawn: a page load does not send five lists of every place
    with st.container(border=True):
        c1, c2 = st.columns(2)
        c1.multiselect(f"Pass through, in order (at most {MAX_VIA})", list(options), format_func=options.get,
                       key="via", max_selections=MAX_VIA, placeholder="Places to pass…")  # fmt: skip
        c2.multiselect("Avoid places", list(options), format_func=options.get, key="avoid", placeholder="Places to avoid…")
        c3, c4, c5 = st.columns(3)
        c3.multiselect("Avoid chokepoints", list(CHOKEPOINTS), format_func=chokepoint_name, key="avoid_chokepoints")
        c4.multiselect("Avoid corridors", list(_AVOIDABLE_CORRIDORS), format_func=corridor_name, key="avoid_corridors")
        c5.multiselect("Avoid modes", list(MODES), key="avoid_modes")
    return {key: tuple(st.session_state.get(key) or ()) for key in KEYS}
