"""What one session sees: the base network, the session's upload, its own scenarios.

- ``st.cache_resource`` holds the base network (one shared, read-only object)
  and the preset scenarios.
- A GeoJSON uploaded on the Network page lives in ``st.session_state`` only,
  with a *network token* naming its content **and** its file names: every
  cached result (:mod:`corridors_app.cached`) is keyed by that token, so two
  sessions share a cached table only when they would show the same thing.
- A session keeps at most :data:`MAX_SESSION_UPLOADS` uploads and
  :data:`MAX_SESSION_SCENARIOS` scenarios of its own.
- Every file a session reads through an upload widget (GeoJSON or scenario
  TOML, added or refused) counts against its budget,
  :data:`MAX_SESSION_UPLOAD_FILES` files and :data:`MAX_SESSION_UPLOAD_BYTES`
  bytes (:func:`charge_upload`). Everything is in ``st.session_state``, which
  Streamlit drops when the session ends (``server.disconnectedSessionTTL``
  after its tab closes); the upload endpoint's own copies are bounded per
  session by :class:`corridors_app.guard.Guard` (docs/deploy.md).
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from corridors._errors import LimitError, ValidationError
from corridors._text import display_safe
from corridors.viz.geometry import fit_view
from corridors_app import cached
from corridors_app.limits import MAX_SESSION_UPLOAD_BYTES, MAX_SESSION_UPLOAD_FILES

__all__ = [
    "MAX_SESSION_SCENARIOS",
    "MAX_SESSION_UPLOADS",
    "MAX_SESSION_UPLOAD_BYTES",
    "MAX_SESSION_UPLOAD_FILES",
    "add_scenario",
    "add_upload",
    "base_network",
    "charge_upload",
    "drop_uploads",
    "extra_files",
    "geodata_folder",
    "map_view",
    "network",
    "network_token",
    "preset_scenarios",
    "require_bundled_data",
    "scenarios",
    "upload_budget",
]

#: Files a session may add to its network (each is kept in its session state).
MAX_SESSION_UPLOADS = 10

#: Scenarios a session may build or load (each is kept in its session state).
MAX_SESSION_SCENARIOS = 50

_BUDGET_KEY = "_upload_budget"  # (files, bytes) read through the upload widgets
_EXTRA_KEY = "_extra_network"  # (token, Network, file names) of this session's upload
_CUSTOM_KEY = "_custom_scenarios"  # name -> Scenario built or loaded in this session


# ----------------------------------------------------------------------------
# the network
# ----------------------------------------------------------------------------
def geodata_folder() -> str:
    """The folder the base network is read from (``CORRIDORS_GEODATA_DIR`` or ``geodata/``)."""
    from corridors.network.loader import geodata_dir  # noqa: PLC0415

    return str(geodata_dir())


@st.cache_resource(show_spinner="Loading the network…")
def _base_network(folder: str) -> Any:  # noqa: ARG001 - the cache key
    # keyed by the folder, so a server (or a test) pointed at another folder
    # never gets the network of the first one. A failed load raises and is not
    # cached: the next run tries again (e.g. once the file is restored).
    from corridors.network.loader import load_network  # noqa: PLC0415

    return load_network()


@st.cache_resource(show_spinner=False)
def _bundled_data_ok() -> bool:
    # a success is kept for the server's life; a failure raises and is not
    # cached: the next page load checks again (e.g. once the file is restored)
    from corridors.cli.datafiles import check_bundled  # noqa: PLC0415

    check_bundled()
    return True


def require_bundled_data() -> None:
    """Stop the page with a message naming each bundled data file that is missing or corrupt.

    The files of ``corridors/data/`` other than the corridor GeoJSON
    (``defaults.toml``, ``ice.toml``, the presets, ``claims.toml``,
    ``calibration.toml``, the gazetteer) are checked once per server, before
    any page runs (:func:`base_network` calls this): a broken one shows which
    file and what is wrong, never the server's folder, instead of a traceback
    or a message about the network.
    """
    try:
        _bundled_data_ok()
    except ValidationError as err:
        n = len({problem.source.split(":")[0] for problem in err.problems})  # files, not problems
        st.error(
            f"**{'A data file' if n == 1 else f'{n} data files'} of the planner could not be read, so it cannot start.** "
            "These files come with the corridors package (its `data` folder), not from the geodata folder: "
            "restore the file(s) named below (or reinstall the package), then reload the page.",
            icon=":material/error:",
        )
        # plain text in a code block: names from the files, never markdown (and never the server's folder)
        st.code("\n".join(display_safe(problem) for problem in err.problems), language=None, wrap_lines=True)
        st.stop()


def base_network() -> Any:
    """The bundled network, loaded once per server and shared (read-only).

    A bundled data file that is missing or corrupt stops the page first
    (:func:`require_bundled_data`).

    Returns
    -------
    corridors.network.loader.Network

    Raises
    ------
    corridors._errors.ValidationError
        A corridor file is missing or invalid (every problem listed).
    """
    require_bundled_data()
    return _base_network(geodata_folder())


def network() -> Any:
    """The network this session sees: base, plus its upload if any."""
    extra = st.session_state.get(_EXTRA_KEY)
    return extra[1] if extra else base_network()


def network_token() -> str:
    """A key identifying :func:`network` (content and file names) in data caches."""
    extra = st.session_state.get(_EXTRA_KEY)
    if extra:
        return extra[0]
    from corridors.network.loader import GEODATA_DIR  # noqa: PLC0415

    folder = geodata_folder()
    return "base" if folder == str(GEODATA_DIR) else "base:" + hashlib.sha256(folder.encode()).hexdigest()[:16]


def extra_files() -> list[str]:
    """Names of the files this session added to the network."""
    extra = st.session_state.get(_EXTRA_KEY)
    return list(extra[2]) if extra else []


def _upload_token(previous: str, name: str, data: bytes) -> str:
    # the file name is shown (Network page, CSV ``file`` column): it is part of the key
    digest = hashlib.sha256()
    for part in (previous.encode(), name.encode("utf-8", "surrogatepass"), data):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return f"extra:{digest.hexdigest()[:32]}"


def upload_budget() -> tuple[int, int]:
    """Files and bytes this session has read through its upload widgets so far."""
    files, used = st.session_state.get(_BUDGET_KEY, (0, 0))
    return int(files), int(used)


def charge_upload(name: str, size: int) -> None:
    """Count one file against the session's upload budget, before it is read.

    Parameters
    ----------
    name : str
        The file's name (for the message).
    size : int
        Its size in bytes.

    Raises
    ------
    corridors._errors.LimitError
        The file would take the session over :data:`MAX_SESSION_UPLOAD_FILES`
        files or :data:`MAX_SESSION_UPLOAD_BYTES` bytes; nothing is read.
    """
    files, used = upload_budget()
    if files + 1 > MAX_SESSION_UPLOAD_FILES or used + size > MAX_SESSION_UPLOAD_BYTES:
        msg = (f"{display_safe(name)} was not read: this session has already read {files} file{'s' if files != 1 else ''} "
               f"({_mb(used)}), and the limit per session is {MAX_SESSION_UPLOAD_FILES} files or {_mb(MAX_SESSION_UPLOAD_BYTES)} "
               f"(MAX_SESSION_UPLOAD_FILES, MAX_SESSION_UPLOAD_BYTES); this file is {_mb(size)}. "
               "Reload the page to start a new session (your scenarios and uploads are not kept).")
        raise LimitError(msg)
    st.session_state[_BUDGET_KEY] = (files + 1, used + int(size))


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def add_upload(name: str, data: bytes) -> Any:
    """Join an uploaded GeoJSON to this session's network.

    Parameters
    ----------
    name : str
        The upload's file name (for the report and the ``file`` column).
    data : bytes
        Its bytes.

    Returns
    -------
    corridors.network.loader.Network
        The new session network.

    Raises
    ------
    corridors._errors.LimitError
        The session already added :data:`MAX_SESSION_UPLOADS` files, or the
        file is over its upload budget (:func:`charge_upload`).
    corridors._errors.CorridorsError
        The upload is invalid; the session keeps its earlier network.
    """
    files = extra_files()
    if len(files) >= MAX_SESSION_UPLOADS:
        msg = (f"this session already added {len(files)} file{'s' if len(files) != 1 else ''}, the limit (MAX_SESSION_UPLOADS); "
               "remove your uploads to start afresh")
        raise LimitError(msg)
    charge_upload(name, len(data))
    new = cached.extended_network(network(), name, data)  # checked and drawn once (a large file politely: corridors_app/polite.py)
    st.session_state[_EXTRA_KEY] = (_upload_token(network_token(), name, data), new, [*files, name])
    _reset_views()
    return new


def drop_uploads() -> None:
    """Forget this session's uploads (back to the base network)."""
    st.session_state.pop(_EXTRA_KEY, None)
    _reset_views()


def map_view(*, globe: bool) -> dict[str, float]:
    """The map's initial view, computed once per session (and network) and kept.

    Keeping the same initial view across reruns lets the browser keep the
    user's pan and zoom (the chart is only re-centred when this changes).
    """
    key = f"_view_{'globe' if globe else 'map'}_{network_token()}"
    if key not in st.session_state:
        nodes, _ = cached.map_records(network_token(), network())
        st.session_state[key] = fit_view([n["pos"] for n in nodes], globe=globe)
    return st.session_state[key]


def _reset_views() -> None:
    for key in [k for k in st.session_state if str(k).startswith("_view_")]:
        del st.session_state[key]


# ----------------------------------------------------------------------------
# scenarios
# ----------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def preset_scenarios() -> dict[str, Any]:
    """The engine's preset scenarios, by name (``baseline`` first)."""
    from corridors.model.presets import presets  # noqa: PLC0415

    return presets()


def scenarios() -> dict[str, Any]:
    """Presets plus the scenarios this session built or loaded."""
    return {**preset_scenarios(), **st.session_state.get(_CUSTOM_KEY, {})}


def add_scenario(scenario: Any) -> None:
    """Keep a built or uploaded scenario for this session (by its name; same name: replaced).

    Parameters
    ----------
    scenario : corridors.model.scenario.Scenario
        The checked scenario.

    Raises
    ------
    corridors._errors.ValidationError
        Its name is a preset's (a session's scenario never stands in for a preset).
    corridors._errors.LimitError
        The session already keeps :data:`MAX_SESSION_SCENARIOS` of its own.
    """
    if scenario.name in preset_scenarios():
        msg = f"a preset scenario is already called {scenario.name!r}: give yours another name"
        raise ValidationError(msg)
    custom = dict(st.session_state.get(_CUSTOM_KEY, {}))
    if scenario.name not in custom and len(custom) >= MAX_SESSION_SCENARIOS:
        msg = (f"this session already keeps {len(custom)} scenarios of its own, the limit (MAX_SESSION_SCENARIOS); "
               "reuse a name to replace one, or reload the page to start afresh")
        raise LimitError(msg)
    custom[scenario.name] = scenario
    st.session_state[_CUSTOM_KEY] = custom
