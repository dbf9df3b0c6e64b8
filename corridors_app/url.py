"""Widget values ⇄ URL query parameters, and widget state kept across pages.

Widget values named in :data:`QUERY_KEYS` are mirrored to ``st.query_params``
both ways, so a copied link reopens the same view. A link is untrusted: it is
read through :func:`corridors_app.query.parse_query`, and a bad value is named
in a warning, never used.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import streamlit as st

from corridors._errors import UnknownNodeError
from corridors._text import describe
from corridors.network.lookup import match_node
from corridors_app.query import QUERY_KEYS as ENGINE_KEYS
from corridors_app.query import parse_query
from corridors_app.ui import safe_text

__all__ = ["PERSISTENT_KEYS", "QUERY_KEYS", "end_checks", "keep_widget_state", "page_setup", "push_to_query", "restore_from_query"]

#: Widget keys mirrored in the URL (read back through :func:`corridors_app.query.parse_query`).
QUERY_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units", "scenarios", "routes")

#: Widget keys whose values survive switching pages.
PERSISTENT_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units", "globe", "tiles", "scenarios", "routes")


def page_setup(keys: Iterable[str] = PERSISTENT_KEYS) -> None:
    """Call first in every page: keep widget values across page switches.

    Streamlit drops the state of widgets that a run does not draw; writing
    each value back keeps it for when the planner returns to the page.
    """
    keep_widget_state(keys)


def keep_widget_state(keys: Iterable[str] = PERSISTENT_KEYS) -> None:
    """Keep widget values across page switches (streamlit drops them otherwise)."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def restore_from_query(
    keys: Iterable[str],
    *,
    net: Any,
    scenario_names: Iterable[str],
    valid: Mapping[str, tuple[Callable[[Any], bool], str]] | None = None,
) -> list[str]:
    """Seed widget state from the URL on a session's first visit.

    A link can carry anything: every value is checked by
    :func:`corridors_app.query.parse_query` (``routes`` here: a whole number),
    and only its clean ``values`` reach the widgets. Each bad value is named
    in one gentle warning; the page keeps its defaults for them.

    Parameters
    ----------
    keys : iterable of str
        Widget keys to restore (see :data:`QUERY_KEYS`).
    net : corridors.network.loader.Network
        The session's network (origin/destination must be its nodes).
    scenario_names : iterable of str
        The scenarios this session offers.
    valid : mapping, optional
        Per-key ``(check, what the page offers)``: a clean value that fails
        the page's own check (e.g. ``k`` over the slider's maximum) is
        ignored too, with that text in the warning.

    Returns
    -------
    list of str
        The warning's lines (empty when every value was used).
    """
    valid = valid or {}
    wanted = [k for k in keys if k in QUERY_KEYS and k not in st.session_state and k in st.query_params]
    if not wanted:
        return []
    raw = {k: st.query_params.get_all(k) for k in wanted}
    parsed = parse_query({k: v for k, v in raw.items() if k in ENGINE_KEYS}, network=net, scenario_names=list(scenario_names))
    values = dict(parsed.values)
    problems = [(p.field or "", p.message) for p in parsed.problems]
    for key in wanted:
        if key in ENGINE_KEYS:
            continue
        text = (raw[key] or [""])[-1].strip()  # e.g. "routes": a whole number
        if re.fullmatch(r"[0-9]{1,6}", text):
            values[key] = int(text)
        else:
            problems.append((key, f"expected a whole number, got {describe(text)}"))
    for key, value in values.items():
        check = valid.get(key)
        if check is not None and not check[0](value):
            problems.append((key, f"{describe(value)} is not offered here ({check[1]})"))
            continue
        st.session_state[key] = value
    lines = [f"**{safe_text(key)}**: {safe_text(message)}" for key, message in problems]
    if lines:
        st.warning(
            "Part of this link was not used (the page shows its defaults instead):\n\n" + "\n".join(f"- {line}" for line in lines),
            icon=":material/link_off:",
        )
    return lines


def end_checks(options: Mapping[str, str]) -> dict[str, tuple[Callable[[Any], bool], str]]:
    """Checks of a link's origin and destination for :func:`restore_from_query`: a node offered, or a place.

    Parameters
    ----------
    options : mapping of str to str
        The node ids the pickers offer.

    Returns
    -------
    dict
        ``{"origin": (check, hint), "destination": (check, hint)}``.
    """
    from corridors_app.map import place_position  # noqa: PLC0415 (the gazetteer, only when a link names a place)

    def check(value: Any) -> bool:
        return value in options or (isinstance(value, str) and place_position(value) is not None)

    return dict.fromkeys(("origin", "destination"), (check, PLACE_HINT))


PLACE_HINT = "a port, terminal or city of the network, a place name, a UN/LOCODE or a position lon,lat"
"""What the origin and destination pickers accept."""


def push_to_query(keys: Iterable[str]) -> None:
    """Write widget values to the URL (only the ones that changed)."""
    for key in keys:
        value = st.session_state.get(key)
        if value is None or value == "" or value == []:
            if key in st.query_params:
                del st.query_params[key]
            continue
        text = ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        if st.query_params.get(key) != text:
            st.query_params[key] = text


def snap_to_node(key: str, names: Mapping[str, str]) -> None:
    """``on_change`` of a place picker: typed text that names one node becomes that node's id.

    A planner who types "Nhava Sheva" and presses Enter gets ``INNSA`` (and a
    link that says so); text that names no node stays as typed, a place the
    library resolves (a city, a UN/LOCODE, ``lon,lat``).

    Parameters
    ----------
    key : str
        The picker's widget key.
    names : Mapping[str, str]
        Node id -> name of the session's network.
    """
    value = st.session_state.get(key)
    if not isinstance(value, str) or value in names:
        return
    with contextlib.suppress(UnknownNodeError):  # not a node: the library resolves it as a place
        st.session_state[key] = match_node(value, names)
