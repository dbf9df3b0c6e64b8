"""Messages and downloads: library errors as messages (never a traceback), inert text, CSV/JSON buttons.

``app.py`` calls :func:`require_network` first: a missing or corrupt corridor
file stops every page with a message naming it.

Text from users and files is shown through :func:`safe_text` (markdown) or
:func:`plain_text` (code blocks, labels): bidi controls removed or isolated
(:func:`corridors._text.display_safe`), no live link (Streamlit's markdown
turns ``http://...``, ``www....`` and ``a@b.c`` into links even when escaped,
so a word joiner breaks each such pattern), and no folder of the server
(:func:`corridors._text.hide_paths`) in an error.
"""

from __future__ import annotations

import html
import json
import logging
import re
from typing import Any

import streamlit as st

from corridors._errors import CorridorsError, ValidationError
from corridors._text import display_safe, hide_paths
from corridors_app import session

__all__ = ["csv_download", "flash", "json_download", "plain_text", "require_network", "safe_text", "show_error", "show_flash", "show_startup_error"]

_LOG = logging.getLogger(__name__)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")
_FLASH_KEY = "_flash"
_WJ = "\u2060"  # WORD JOINER: invisible, and no autolink pattern matches across it
# what Streamlit's markdown (remark-gfm) links: a protocol, "www.", an e-mail's "@"
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|xmpp)(?=:)|(www)(?=\.)|(@)")


def plain_text(text: object) -> str:
    """Text from data or errors as shown outside markdown: bidi-safe, no folder of the server."""
    return display_safe(hide_paths(text, _folders()))


def safe_text(text: object) -> str:
    """Text from data or errors, made inert for ``st.markdown``-like calls.

    Bidi-safe, HTML and markdown escaped, and never a live link: a word joiner
    follows ``http``, ``www`` and ``@`` (escaping alone does not stop
    Streamlit's autolinks; ``tests/app/test_security.py`` checks it in a browser).
    """
    text = _AUTOLINK.sub(lambda m: m.group(0) + _WJ, plain_text(text))
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _folders() -> list[str]:
    """Folders of the server that messages must not show (the geodata folder, the package's data)."""
    from corridors._paths import DATA_DIR  # noqa: PLC0415

    return [session.geodata_folder(), str(DATA_DIR), str(DATA_DIR.parent.parent)]


def require_network() -> Any:
    """The base network, or (when it cannot be loaded) an error on the page and ``st.stop()``.

    ``app.py`` calls it before any page runs: a missing or corrupt file in
    ``geodata/`` then shows which file and why, on every page, instead of a
    traceback.

    Returns
    -------
    corridors.network.loader.Network
    """
    try:
        return session.base_network()
    except CorridorsError as err:
        show_startup_error(err)
    except Exception as err:  # noqa: BLE001 - unexpected: still no traceback on the page
        _LOG.exception("the corridor network could not be loaded")
        show_startup_error(err)
    st.stop()
    return None  # pragma: no cover - st.stop() does not return


def session_network() -> Any:
    """The session's network (the base one plus its upload); a page that cannot have it says why and stops."""
    try:
        return session.network()
    except CorridorsError as err:
        show_error(err, title="The network could not be loaded")
        st.stop()


def show_startup_error(err: BaseException) -> None:
    """The page's message when the corridor files cannot be loaded (the error's full text)."""
    lines = str(err).splitlines() or [type(err).__name__]
    if not isinstance(err, CorridorsError):
        lines = [f"unexpected error ({type(err).__name__}): {line}" for line in lines]
    # The folder itself is not shown: visitors need not learn the server's paths.
    st.error(
        "**The corridor network could not be loaded, so the planner cannot start.**\n\n"
        + "  \n".join(safe_text(line) for line in lines)
        + "\n\nThe corridor files are read from the server's geodata folder "
        "(set CORRIDORS_GEODATA_DIR to use another folder). Restore or fix the file(s) named above, then reload the page; "
        "`corridors validate` prints the same report.",
        icon=":material/error:",
    )


def show_error(err: BaseException, *, title: str = "") -> None:
    """Show a library error as a message (never a traceback).

    A :class:`~corridors._errors.ValidationError` shows every problem, one per
    line, as plain text in a code block.
    """
    if isinstance(err, ValidationError):
        n = len(err.problems)
        st.error(f"{safe_text(title) + ': ' if title else ''}{n} problem{'s' if n != 1 else ''} found — nothing was changed.")
        st.code(plain_text(err), language=None, wrap_lines=True)
    elif isinstance(err, CorridorsError):
        st.error((safe_text(title) + ": " if title else "") + safe_text(err))
    else:  # pragma: no cover - unexpected, still no traceback
        st.error((safe_text(title) + ": " if title else "") + f"unexpected error ({type(err).__name__}): {safe_text(err)}")


def flash(message: str) -> None:
    """Keep a success message to show after the next rerun."""
    st.session_state[_FLASH_KEY] = message


def show_flash() -> None:
    """Show (once) the message kept by :func:`flash`."""
    message = st.session_state.pop(_FLASH_KEY, None)
    if message:
        st.success(safe_text(message))


def csv_download(frame: Any, filename: str, *, key: str, label: str = "Download CSV") -> None:
    """A download button with the table as formula-safe CSV (same columns as the CLI)."""
    from corridors.report.export import to_csv  # noqa: PLC0415

    st.download_button(label, data=to_csv(frame, bom=True), file_name=filename, mime="text/csv", key=key, icon=":material/download:")


def json_download(data: Any, filename: str, *, key: str, label: str, mime: str = "application/geo+json") -> None:
    """A download button for a JSON-able object (e.g. routes as GeoJSON)."""
    st.download_button(label, data=json.dumps(data, ensure_ascii=False), file_name=filename, mime=mime, key=key, icon=":material/download:")
