"""An ASGI guard in front of Streamlit's server: security headers, no public metrics, upload budgets.

Streamlit's public config cannot add response headers, hide
``/_stcore/metrics`` or bound what one session uploads to
``/_stcore/upload_file`` (only the size of each file, ``server.maxUploadSize``).
Streamlit's public ASGI app (``st.App``) takes ordinary Starlette middleware,
so :mod:`corridors_app.serve` wraps the planner in :class:`Guard`:

- every HTTP answer carries ``X-Frame-Options: DENY`` and
  ``Content-Security-Policy: frame-ancestors 'none'`` (no site may frame the
  app), ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer``;
- ``/_stcore/metrics`` answers 404 unless ``CORRIDORS_METRICS=1`` (cache names
  and sizes are not for visitors);
- a PUT to ``/_stcore/upload_file/<session>/<file>`` needs a ``Content-Length``
  and is refused (413) when the session would then hold more than
  :data:`MAX_HELD_FILES` files or :data:`MAX_HELD_BYTES` bytes on the server;
  a DELETE (the browser removing a file) gives its share back. Streamlit drops
  a session's files when the session ends; the guard's own bookkeeping is a
  few integers per session, for at most :data:`MAX_TRACKED_SESSIONS` sessions.

No Streamlit import here: the guard is plain ASGI, tested without a server.
"""

from __future__ import annotations

import json
import os
import re
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from corridors_app.limits import MAX_SESSION_UPLOAD_BYTES, MAX_SESSION_UPLOAD_FILES

__all__ = ["MAX_HELD_BYTES", "MAX_HELD_FILES", "MAX_TRACKED_SESSIONS", "SECURITY_HEADERS", "Guard"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

#: Headers added to every HTTP answer (unless the answer already sets them).
SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}

#: Files one session may hold on the server's upload endpoint at once (the app's own budget).
MAX_HELD_FILES = MAX_SESSION_UPLOAD_FILES

#: Bytes (request bodies, so with a little multipart framing) one session may hold at once.
MAX_HELD_BYTES = MAX_SESSION_UPLOAD_BYTES + 1024 * 1024

#: Sessions whose uploads are counted (the least recently active are forgotten first).
MAX_TRACKED_SESSIONS = 10_000

_UPLOAD = re.compile(r"/_stcore/upload_file/([^/]+)/([^/]+)/?$")
_METRICS = re.compile(r"/_stcore/metrics/?$")


class Guard:
    """ASGI middleware: security headers, metrics hidden, per-session upload budget.

    Parameters
    ----------
    app
        The ASGI app guarded (Streamlit's).
    max_files, max_bytes
        Per-session budget on the upload endpoint (files and bytes held at once).
    metrics
        Serve ``/_stcore/metrics`` (default: ``CORRIDORS_METRICS=1`` in the environment).
    """

    def __init__(self, app: Callable[..., Awaitable[None]], *, max_files: int = MAX_HELD_FILES,
                 max_bytes: int = MAX_HELD_BYTES, metrics: bool | None = None) -> None:
        self.app = app
        self.max_files = max_files
        self.max_bytes = max_bytes
        self.metrics = os.environ.get("CORRIDORS_METRICS") == "1" if metrics is None else metrics
        self.held: OrderedDict[str, dict[str, int]] = OrderedDict()  # session id -> file id -> bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one ASGI request (websockets and lifespan pass through untouched)."""
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        path, method = str(scope.get("path", "")), str(scope.get("method", "GET")).upper()
        if _METRICS.search(path) and not self.metrics:
            await _answer(send, 404, "not found")
            return
        upload = _UPLOAD.search(path)
        if upload and method in ("PUT", "DELETE"):
            await self._upload(scope, receive, send, method, *upload.groups())
            return
        await self.app(scope, receive, _with_headers(send))

    def held_by(self, session_id: str) -> tuple[int, int]:
        """Files and bytes a session holds on the upload endpoint, as counted by the guard."""
        files = self.held.get(session_id, {})
        return len(files), sum(files.values())

    async def _upload(self, scope: Scope, receive: Receive, send: Send, method: str, session_id: str, file_id: str) -> None:
        files = self.held.get(session_id, {})
        size = 0
        if method == "PUT":
            length = _header(scope, b"content-length")
            if length is None or not length.isdigit():
                await _answer(send, 411, "an upload needs a Content-Length")
                return
            size = int(length)
            others = {k: v for k, v in files.items() if k != file_id}
            if len(others) + 1 > self.max_files or sum(others.values()) + size > self.max_bytes:
                await _answer(send, 413, f"this session's upload budget is {self.max_files} files or {self.max_bytes:,} bytes held at once")
                return
        status: list[int] = []

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                status.append(int(message["status"]))
            await _with_headers(send)(message)

        await self.app(scope, receive, record)
        if not status or not 200 <= status[0] < 300:  # noqa: PLR2004
            return
        files = dict(self.held.pop(session_id, {}))
        if method == "PUT":
            files[file_id] = size
        else:
            files.pop(file_id, None)
        if files:
            self.held[session_id] = files  # most recently active last
        while len(self.held) > MAX_TRACKED_SESSIONS:
            self.held.popitem(last=False)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            present = {bytes(k).lower() for k, _ in headers}
            headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items() if k.encode() not in present]
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


async def _answer(send: Send, status: int, text: str) -> None:
    body = json.dumps({"detail": text}).encode()
    await _with_headers(send)({"type": "http.response.start", "status": status,
                               "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
