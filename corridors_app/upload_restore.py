"""A session's work as one file: its uploads and its own scenarios, downloaded and restored.

Uploads and custom scenarios live in one session's state only: a reload or a
server restart loses them (custom scenarios also travel in the page's link,
:mod:`corridors_app.url`). The Network page offers them as one JSON file
(:func:`session_file`) and restores such a file (:func:`restore`): each
upload is added as if uploaded again (same checks, same budget), each
scenario is checked as a scenario file is (and against the network). What
cannot be restored is reported, one line each; the rest is restored.

The file::

    {"format": "corridors-session", "version": 1,
     "uploads": [{"name": "my.geojson", "geojson": "<the file's text>"}],
     "scenarios": [{"name": "mine", "closed_chokepoints": ["suez"]}]}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from corridors._errors import CorridorsError, Problem, ValidationError
from corridors._text import describe
from corridors._untrusted import decode_utf8, read_capped
from corridors_app import session, ui
from corridors_app.limits import MAX_SESSION_UPLOAD_BYTES

__all__ = ["FORMAT", "MAX_SESSION_FILE_BYTES", "Restored", "add_upload", "drop_uploads", "panel", "restore", "session_file"]

FORMAT = "corridors-session"
"""The ``format`` field of a session file."""

MAX_SESSION_FILE_BYTES = MAX_SESSION_UPLOAD_BYTES + 6 * 2**20
"""Largest session file read: a session's upload budget, plus its scenarios (checked before decoding)."""

_FILES_KEY = "_upload_files"  # (network token, [(name, bytes)]) of this session's uploads
_REPORT_KEY = "_restore_report"


@dataclass
class Restored:
    """What a restore brought back, and what it could not.

    Attributes
    ----------
    uploads, scenarios : list of str
        Names of the uploads added and the scenarios kept.
    problems : list of str
        One line per item not restored (with the reason).
    """

    uploads: list[str] = field(default_factory=list)
    scenarios: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def add_upload(name: str, data: bytes) -> Any:
    """:func:`corridors_app.session.add_upload`, keeping the file's bytes for :func:`session_file`."""
    files = _files()
    new = session.add_upload(name, data)
    st.session_state[_FILES_KEY] = (session.network_token(), [*files, (name, bytes(data))])
    return new


def drop_uploads() -> None:
    """:func:`corridors_app.session.drop_uploads`, forgetting the kept bytes too."""
    session.drop_uploads()
    st.session_state.pop(_FILES_KEY, None)


def _files() -> list[tuple[str, bytes]]:
    """The session's uploads with their bytes (empty when the network no longer has them)."""
    token, files = st.session_state.get(_FILES_KEY, ("", []))
    return list(files) if token == session.network_token() and [n for n, _ in files] == session.extra_files() else []


def session_file(uploads: list[tuple[str, bytes]], scenarios: list[Any]) -> bytes:
    """The session file of these uploads and scenarios (UTF-8 JSON).

    Parameters
    ----------
    uploads : list of (str, bytes)
        File name and bytes of each upload, in the order added.
    scenarios : list of corridors.model.scenario.Scenario
        The session's own scenarios.

    Returns
    -------
    bytes
    """
    doc = {
        "format": FORMAT,
        "version": 1,
        "uploads": [{"name": name, "geojson": data.decode("utf-8-sig")} for name, data in uploads],
        "scenarios": [s.to_dict() for s in scenarios],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def read_session_file(data: bytes, name: str) -> dict[str, list[Any]]:
    """Check a session file's envelope: size, UTF-8, JSON, format, version, the two lists.

    Parameters
    ----------
    data : bytes
        The file.
    name : str
        Its name (for the problems).

    Returns
    -------
    dict
        ``{"uploads": [...], "scenarios": [...]}`` (items not yet checked).

    Raises
    ------
    ValidationError
        The file cannot be read as a session file (every envelope problem listed).
    """
    text = decode_utf8(read_capped(data, limit=MAX_SESSION_FILE_BYTES, name=name), name=name)
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        raise ValidationError([Problem(name, None, None, f"not a session file: invalid JSON ({getattr(err, 'msg', 'nested too deeply')})")]) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValidationError([Problem(name, None, None, f"not a session file of this app (its 'format' must be {FORMAT!r})")])
    problems = []
    if doc.get("version") != 1:
        problems.append(Problem(name, None, "version", f"version {describe(doc.get('version'))} is not one this app reads (1)"))
    out: dict[str, list[Any]] = {}
    for key, limit in (("uploads", session.MAX_SESSION_UPLOADS), ("scenarios", session.MAX_SESSION_SCENARIOS)):
        items = doc.get(key, [])
        if not isinstance(items, list):
            problems.append(Problem(name, None, key, f"expected a list, got {type(items).__name__}"))
        elif len(items) > limit:
            problems.append(Problem(name, None, key, f"{len(items):,} items, over the session's limit of {limit}"))
        out[key] = items if isinstance(items, list) else []
    if problems:
        raise ValidationError(problems)
    return out


def restore(data: bytes, name: str) -> Restored:
    """Bring back a session file's uploads and scenarios into this session.

    Parameters
    ----------
    data : bytes
        The session file.
    name : str
        Its name.

    Returns
    -------
    Restored
        What was restored, and one line per item that was not.

    Raises
    ------
    corridors._errors.CorridorsError
        The file itself cannot be read (nothing changed), or the session's
        upload budget is spent.
    """
    doc = read_session_file(data, name)
    embedded = sum(len(str(u.get("geojson", "")).encode("utf-8", "surrogatepass")) for u in doc["uploads"] if isinstance(u, dict))
    session.charge_upload(name, max(len(data) - embedded, 0))  # each upload is charged as it is added
    done = Restored()
    for number, item in enumerate(doc["uploads"], start=1):
        label = f"upload {number}"
        try:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not isinstance(item.get("geojson"), str):
                raise ValidationError([Problem(name, None, label, "expected {'name': text, 'geojson': text}")])
            label = item["name"]
            if label in session.extra_files():
                done.problems.append(f"{label}: already in this session's network (not added twice)")
                continue
            add_upload(label, item["geojson"].encode("utf-8", "surrogatepass"))
            done.uploads.append(label)
        except CorridorsError as err:
            done.problems.append(f"{label}: {' '.join(str(err).splitlines())}")
    for number, item in enumerate(doc["scenarios"], start=1):
        label = describe(item.get("name")) if isinstance(item, dict) else f"scenario {number}"
        try:
            from corridors.model.scenario import Scenario  # noqa: PLC0415

            scenario = Scenario.from_dict(item, source=f"scenario {number} of {name}")
            scenario.check(session.network())
            session.add_scenario(scenario)
            done.scenarios.append(scenario.name)
        except CorridorsError as err:
            done.problems.append(f"scenario {label}: {' '.join(str(err).splitlines())}")
    return done


def panel() -> None:
    """The Network page's "keep this session's work" panel: download the session file, restore one."""
    st.subheader("Keep this session's work")
    presets = session.preset_scenarios()
    scenarios = [s for n, s in session.scenarios().items() if n not in presets]
    uploads = _files()
    st.caption("Uploads and your own scenarios live only in this session: a reload or a server restart loses them "
               "(your scenarios also travel in the page's link). Download them as one file, and restore it here later.")
    c1, c2 = st.columns(2)
    c1.download_button(
        f"Download this session's work ({len(uploads)} upload(s), {len(scenarios)} scenario(s))",
        data=_deferred(uploads, scenarios), file_name="corridors-session.json", mime="application/json",
        key="net_session_dl", icon=":material/download:", disabled=not (uploads or scenarios),
    )
    chosen = c2.file_uploader("Restore a session file", type=["json"], key="net_restore")
    if chosen is not None and st.session_state.get("_restore_seen") != chosen.file_id:
        st.session_state["_restore_seen"] = chosen.file_id
        try:
            st.session_state[_REPORT_KEY] = restore(chosen.getvalue(), chosen.name)
        except CorridorsError as err:
            ui.show_error(err, title=f"{chosen.name} was not restored")
        else:
            st.rerun()
    show_report(st.session_state.pop(_REPORT_KEY, None))


def show_report(done: Restored | None) -> None:
    """Say what a restore brought back and what it could not."""
    if done is None:
        return
    if done.uploads or done.scenarios:
        st.success(ui.safe_text(f"Restored {len(done.uploads)} upload(s) ({', '.join(done.uploads) or 'none'}) and "
                                f"{len(done.scenarios)} scenario(s) ({', '.join(done.scenarios) or 'none'})."))
    if done.problems:
        st.warning("Not restored:\n\n" + "\n".join(f"- {ui.safe_text(line)}" for line in done.problems), icon=":material/warning:")


def _deferred(uploads: list[tuple[str, bytes]], scenarios: list[Any]) -> Callable[[], bytes]:
    """The file, built only when the button is clicked (off the page's run)."""
    return lambda: session_file(uploads, scenarios)
