"""Widget values ⇄ URL query parameters, and widget state kept across pages.

Widget values named in :data:`QUERY_KEYS` are mirrored to ``st.query_params``
both ways, so a copied link reopens the same view: the pickers, the scenario
(a custom one travels *in* the link, ``custom``: see
:mod:`corridors.model.scenario_url`), departure date, rail service, globe,
tiles, the selected route (``route``) and the compare and network pages'
settings. A link is untrusted: it is read through
:func:`corridors_app.query.parse_query`, and a bad value is named in a
warning, never used.

A value that names something this session lacks (a node of an upload it does
not have, a scenario it cannot read) is *held*: the page says so, and the
link's text stays in the address bar until the viewer picks another value
(a reload then tries again; once the upload is added, the held value is
used). A link made with uploads names their files (``uploads``), so the
message can say which file to add.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import streamlit as st

from corridors._errors import CorridorsError, UnknownNodeError
from corridors._text import describe
from corridors.network.lookup import match_node
from corridors_app import session
from corridors_app.query import MAX_CUSTOM_CHARS, MAX_LINK_SCENARIOS, parse_query
from corridors_app.query import QUERY_KEYS as ENGINE_KEYS
from corridors_app.ui import safe_text

__all__ = ["NETWORK_KEYS", "NETWORK_TABS", "PERSISTENT_KEYS", "QUERY_KEYS", "end_checks", "keep_widget_state", "link_scenarios",
           "network_view", "page_setup", "push_to_query", "restore_from_query", "route_focus"]

#: The network page's settings (tab, filters), mirrored in the URL.
NETWORK_KEYS = ("net_tab", "net_corridor", "net_mode", "net_status", "net_text", "net_kind", "net_country", "net_ntext")

#: Keys mirrored in the URL (read back through :func:`corridors_app.query.parse_query` or checked here).
QUERY_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units", "scenarios", "routes", "departure",
              "rail_service", "globe", "tiles", "route", "custom", "uploads", *NETWORK_KEYS)

#: Widget keys whose values survive switching pages.
PERSISTENT_KEYS = ("origin", "destination", "scenario", "k", "optimize", "units", "globe", "tiles", "scenarios", "routes",
                   "departure", "rail_service")

_HELD = "_url_held"  # key -> {"raw": the link's text, "seen": the widget's value when first held}
_CUSTOM_SEEN = "_url_custom_seen"  # the link's `custom` texts already read in this session
_CUSTOM_FAILED = "_url_custom_failed"  # parts of `custom` that could not be read (kept in the link while held)
_LINK_LINES = "_url_link_lines"  # problems of the link's scenarios, shown by the next restore_from_query
_HOLDABLE = ("origin", "destination", "scenario", "scenarios")
_MAX_UPLOAD_NAMES = 10
_MISSING = object()


def page_setup(keys: Iterable[str] = PERSISTENT_KEYS) -> None:
    """Call first in every page: keep widget values across page switches, and take in the link's own scenarios.

    Streamlit drops the state of widgets that a run does not draw; writing
    each value back keeps it for when the planner returns to the page. A
    link's ``custom`` scenarios join the session here, before the page
    lists its scenarios (:func:`link_scenarios`).
    """
    keep_widget_state(keys)
    if "_url_link_uploads" not in st.session_state:  # the files the link was made with (for the hint), read once
        st.session_state["_url_link_uploads"] = (st.query_params.get_all("uploads") or [""])[-1][:2_000]
    link_scenarios()


def keep_widget_state(keys: Iterable[str] = PERSISTENT_KEYS) -> None:
    """Keep widget values across page switches (streamlit drops them otherwise)."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def link_scenarios() -> list[str]:
    """Add the link's custom scenarios (``custom``) to the session, once per distinct link text.

    Each one is checked as an uploaded scenario file is (and against the
    session's network); the problems of those that cannot be read are kept
    for the page's warning (:func:`restore_from_query`).

    Returns
    -------
    list of str
        The names added.
    """
    raw = (st.query_params.get_all("custom") or [""])[-1]
    seen = st.session_state.setdefault(_CUSTOM_SEEN, set())
    if not raw or raw in seen:
        return []
    seen.add(raw)
    try:
        net = session.network()
    except CorridorsError:
        return []  # the page says why the network cannot be loaded
    parsed = parse_query({"custom": raw}, network=net, scenario_names=[])
    added, lines = [], []
    for scenario in parsed.values.get("custom", []):
        mine = session.scenarios().get(scenario.name)
        if mine is not None and mine.key == scenario.key:
            continue
        try:
            session.add_scenario(scenario)
        except CorridorsError as err:
            lines.append(("custom", str(err)))
            continue
        added.append(scenario.name)
    good = {encode(s) for s in parsed.values.get("custom", [])}
    failed = [part for part in raw.split(",")[:MAX_LINK_SCENARIOS] if part.strip() and part.strip() not in good]
    st.session_state[_CUSTOM_FAILED] = failed
    lines += [("custom", _with_upload_hint(p.message)) for p in parsed.problems]
    st.session_state[_LINK_LINES] = [*st.session_state.get(_LINK_LINES, []), *lines]
    return added


def encode(scenario: Any) -> str:
    """A scenario as link text (:func:`corridors.model.scenario_url.encode_scenario`)."""
    from corridors.model.scenario_url import encode_scenario  # noqa: PLC0415

    return encode_scenario(scenario)


def restore_from_query(
    keys: Iterable[str],
    *,
    net: Any,
    scenario_names: Iterable[str],
    valid: Mapping[str, tuple[Callable[[Any], bool], str]] | None = None,
) -> list[str]:
    """Seed widget state from the URL on a session's first visit (and retry values held for it).

    A link can carry anything: every value is checked by
    :func:`corridors_app.query.parse_query` (``routes`` here: a whole number;
    the network page's keys: text, or names among the page's choices), and
    only its clean ``values`` reach the widgets. Each bad value is named in
    one gentle warning; the page keeps its defaults for them. A value that
    names a node or scenario the session lacks is held in the URL
    (:func:`push_to_query`) and tried again on each run until the viewer
    picks another value; a node id that may come from an upload says so,
    and names the link's uploaded files when it lists them.

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
    valid = {**_default_checks(), **(valid or {})}
    held = st.session_state.setdefault(_HELD, {})
    keys = [k for k in keys if k in QUERY_KEYS]
    wanted = [k for k in keys if k not in ("custom", "uploads") and (_retry(k, held) or (k not in st.session_state and k in st.query_params))]
    problems: list[tuple[str, str]] = list(st.session_state.pop(_LINK_LINES, []) if "custom" in keys else [])
    if not wanted and not problems:
        return []
    raw = {k: [held[k]["raw"]] if _retry(k, held) else st.query_params.get_all(k) for k in wanted}
    parsed = parse_query({k: v for k, v in raw.items() if k in ENGINE_KEYS}, network=net, scenario_names=list(scenario_names))
    values = dict(parsed.values)
    for p in parsed.problems:
        key = p.field or ""
        text = (raw.get(key) or [""])[-1].strip()
        if key in _HOLDABLE and (key in ("scenario", "scenarios") or _looks_like_node(text, net)):
            held.setdefault(key, {"raw": text})
        problems.append((key, _with_upload_hint(p.message, text) if key in ("origin", "destination") else p.message))
    for key in wanted:
        if key in ENGINE_KEYS:
            continue
        value, message = _page_value(key, (raw[key] or [""])[-1].strip())
        if message is None:
            values[key] = value
        else:
            problems.append((key, message))
    for key, value in values.items():
        check = valid.get(key)
        if check is not None and not check[0](value):
            problems.append((key, f"{describe(value)} is not offered here ({check[1]})"))
            continue
        st.session_state[key] = value
        if key in held and key not in {p.field for p in parsed.problems}:
            del held[key]  # the link's value is used now (e.g. its upload was added)
    lines = [f"**{safe_text(key)}**: {safe_text(message)}" for key, message in problems]
    if lines:
        kept = " The link's values for what this session lacks stay in the address bar until you pick others." if held else ""
        st.warning(
            f"Part of this link was not used (the page shows its defaults instead).{kept}\n\n" + "\n".join(f"- {line}" for line in lines),
            icon=":material/link_off:",
        )
    return lines


def _retry(key: str, held: Mapping[str, Any]) -> bool:
    """A held value is tried again while the viewer has not picked another one."""
    entry = held.get(key)
    return entry is not None and st.session_state.get(key, _MISSING) == entry.get("seen", st.session_state.get(key, _MISSING))


def _looks_like_node(text: str, net: Any) -> bool:
    from corridors.network import schema  # noqa: PLC0415

    return bool(schema.ID_PATTERN.fullmatch(text)) and text not in net.graph


def _link_uploads() -> list[str]:
    """The uploaded files a link was made with (``uploads``) that this session does not have."""
    raw = st.session_state.get("_url_link_uploads") or ""
    names = [n.strip() for n in raw.split("|") if n.strip()][:_MAX_UPLOAD_NAMES]
    return [n for n in names if n not in session.extra_files()]


def _with_upload_hint(message: str, node: str | None = None) -> str:
    """The upload hint for a node (or a scenario naming one) this session's network lacks."""
    missing = _link_uploads()
    files = ", ".join(describe(n) for n in missing)
    if node is not None and missing:
        return (f"this link names node {describe(node)} from an uploaded file the viewer does not have ({files}): "
                "upload it on the Network page (Add data), or restore the session file there")
    if "unknown node id" in message and missing:
        return f"{message} (from an uploaded file the viewer does not have, {files}: upload it on the Network page)"
    if node is not None or "unknown node id" in message:
        return f"{message}; if it came from an uploaded file, upload that file on the Network page"
    return message


def _default_checks() -> dict[str, tuple[Callable[[Any], bool], str]]:
    today = datetime.date.today()
    low, high = today.replace(year=today.year - 10, day=min(today.day, 28)), today.replace(year=today.year + 10, day=min(today.day, 28))
    return {"departure": (lambda v: low <= v <= high, f"a date from {low} to {high}")}


def _page_value(key: str, text: str) -> tuple[Any, str | None]:
    """A value of a key the engine does not check: ``routes`` (a whole number) or a network page setting."""
    if key == "routes":
        return (int(text), None) if re.fullmatch(r"[0-9]{1,6}", text) else (None, f"expected a whole number, got {describe(text)}")
    if len(text) > 200:  # noqa: PLR2004 - a search or a list of names, never long
        return None, f"value is {len(text):,} characters, over the limit of 200"
    if key in ("net_tab", "net_text", "net_ntext"):
        return text, None
    return [x.strip() for x in text.split(",") if x.strip()], None


def route_focus(count: int, selection_key: str = "summary_table") -> int:
    """The route in focus (0-based): the row the viewer selected, else the link's ``route``, else the first.

    ``count`` routes are shown; ``selection_key`` is the summary table's key (its row selection).
    """
    rows = list((st.session_state.get(selection_key) or {}).get("selection", {}).get("rows", []))
    if tuple(rows) != st.session_state.get("_route_rows", ()):  # the viewer selected (or cleared) a row
        st.session_state["_route_rows"] = tuple(rows)
        st.session_state["route"] = rows[0] + 1 if rows else None
    chosen = st.session_state.get("route")
    return chosen - 1 if isinstance(chosen, int) and 1 <= chosen <= count else 0


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
    """Write widget values to the URL (only the ones that changed); held link values stay until the viewer picks others.

    ``custom`` carries the session's own scenarios (the ones in use first,
    up to :data:`~corridors_app.query.MAX_LINK_SCENARIOS` and
    :data:`~corridors_app.query.MAX_CUSTOM_CHARS`); ``uploads`` the names of
    its uploaded files (for the hint a viewer without them gets).
    """
    held = st.session_state.setdefault(_HELD, {})
    keys = list(keys)
    wanted: dict[str, str | None] = {}
    for key in keys:
        value = st.session_state.get(key)
        entry = held.get(key)
        if entry is not None:
            entry.setdefault("seen", value)
            if value == entry["seen"]:
                wanted[key] = _text(entry["raw"])
                continue
            del held[key]  # the viewer chose: the page's own value from now on
        if key == "custom":
            value = _custom_text(keys)
        elif key == "uploads":
            mine = session.extra_files()[:_MAX_UPLOAD_NAMES]
            value = "|".join(mine) if mine or not held else st.session_state.get("_url_link_uploads")
        wanted[key] = _text(value)
    current = st.query_params.to_dict()
    new = {k: v for k, v in current.items() if k not in wanted} | {k: v for k, v in wanted.items() if v is not None}
    if new != current:
        st.query_params.from_dict(new)  # one message to the browser, not one per parameter


def _text(value: Any) -> str | None:
    """A widget value as it goes in the URL (None: not in the URL)."""
    if value is None or value == "" or value == [] or value is False:
        return None
    if value is True:
        return "1"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def _custom_text(keys: Iterable[str]) -> str:
    """The session's own scenarios as link text: those the page uses first, then the others, while they fit."""
    presets = session.preset_scenarios()
    mine = {n: s for n, s in session.scenarios().items() if n not in presets}
    used = [st.session_state.get("scenario"), *(st.session_state.get("scenarios") or [])] if keys else []
    order = [*dict.fromkeys(n for n in used if n in mine), *(n for n in mine if n not in used)]
    parts: list[str] = []
    if st.session_state.get(_HELD):
        parts += st.session_state.get(_CUSTOM_FAILED, [])  # the link's unreadable ones stay while its values are held
    size = sum(len(x) + 1 for x in parts)
    for name in order:
        text = encode(mine[name])
        if len(parts) >= MAX_LINK_SCENARIOS or size + len(text) + 1 > MAX_CUSTOM_CHARS:
            break
        parts.append(text)
        size += len(text) + 1
    st.session_state[_CUSTOM_SEEN] = {*st.session_state.get(_CUSTOM_SEEN, set()), ",".join(parts)}
    return ",".join(parts)


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


#: The network page's tabs (``net_tab`` in the URL names one).
NETWORK_TABS = ["Legs", "Nodes", "Published claims vs model", "Add data (this session)"]

_NETWORK_FILTERS = {"net_corridor": ("legs", "corridor"), "net_mode": ("legs", "mode"), "net_status": ("legs", "status"),
                    "net_kind": ("nodes", "kind"), "net_country": ("nodes", "country")}


def network_view(net: Any, nodes: Any, legs: Any) -> None:
    """The network page's settings from the link (tab, filters, searches), checked against what the page offers.

    Parameters
    ----------
    net : corridors.network.loader.Network
        The session's network.
    nodes, legs : pandas.DataFrame
        The page's node and leg tables (the filters' choices).
    """
    tables = {"nodes": nodes, "legs": legs}
    valid: dict[str, tuple[Callable[[Any], bool], str]] = {"net_tab": (lambda v: v in NETWORK_TABS, ", ".join(NETWORK_TABS))}
    for key, (table, column) in _NETWORK_FILTERS.items():
        offered = set(tables[table][column].dropna().astype(str))
        valid[key] = (lambda v, offered=offered: set(v) <= offered, f"{column} values of the {table} table")
    restore_from_query((*NETWORK_KEYS, "custom"), net=net, scenario_names=session.scenarios(), valid=valid)
