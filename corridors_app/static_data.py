"""Map data served over HTTP once per browser, not over the websocket on every page load.

The big layers of the map (the offline basemap's country polygons, about
130 KB; the network's legs, about 150 KB, and nodes, about 37 KB; the
invisible click grid, about 37 KB) are the same for every planner who looks
at the same network under the same scenario. Sent inside the map spec they
travelled over each session's websocket on every fresh page load and every
rerun. When the app is served by :mod:`corridors_app.serve`, they are
published here instead: the layer's ``data`` is then a relative URL
(``corridors-data/<hash>.json``) that deck.gl fetches, and the browser
keeps it (the name is the content's SHA-256, so the answer never changes:
``Cache-Control: immutable``); a rerun that sends the same URL is not even
re-read by deck.gl.

- Only content the app itself published is served: a request for any other
  name is a 404, and nothing a user sends reaches the store.
- A file lives as long as a cached map refers to it (:class:`Published`
  objects are held by the map cache, ``corridors_app.map``, bounded; the
  store holds weak references), so memory is bounded by that cache and a
  cached map never points at a dropped file.
- A name is the hash of the content: only a session that built or was
  served the same map (the same validated network and scenario) knows it.
- Under ``streamlit run corridors_app/app.py`` or in tests, where no route
  is mounted, :func:`publish` returns None and the map keeps its data inline.

No streamlit here: :mod:`corridors_app.serve` mounts :data:`ROUTE` before
Streamlit's runtime starts.
"""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

__all__ = ["PREFIX", "ROUTE", "Published", "enable", "publish", "served"]

PREFIX = "corridors-data"
"""First path segment of the published files (relative to the app's root)."""


class Published:
    """One published file: keep this object to keep the file served.

    Attributes
    ----------
    name : str
        The content's SHA-256 (hex).
    payload : bytes
        The JSON served.
    url : str
        ``corridors-data/<name>.json``, relative to the app's root.
    """

    __slots__ = ("__weakref__", "name", "payload", "url")

    def __init__(self, name: str, payload: bytes) -> None:
        self.name, self.payload, self.url = name, payload, f"{PREFIX}/{name}.json"


_STORE: weakref.WeakValueDictionary[str, Published] = weakref.WeakValueDictionary()
_LOCK = threading.Lock()
_ENABLED = threading.Event()
_CACHE_CONTROL = "public, max-age=31536000, immutable"


def enable() -> None:
    """Mark the route as mounted (called by :mod:`corridors_app.serve`): from now on :func:`publish` publishes."""
    _ENABLED.set()


def publish(records: Any) -> Published | None:
    """Publish JSON-serializable ``records`` as a file, served while the returned object is kept.

    Parameters
    ----------
    records
        What a deck.gl layer's ``data`` holds (lists of dicts and numbers).

    Returns
    -------
    Published or None
        The file (the same object for the same content while one is alive),
        or None when no route is mounted (the caller keeps the data inline).
    """
    if not _ENABLED.is_set():
        return None
    payload = json.dumps(records, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    name = hashlib.sha256(payload).hexdigest()
    with _LOCK:
        found = _STORE.get(name)
        if found is None:
            found = _STORE[name] = Published(name, payload)
        return found


def served(name: str) -> bytes | None:
    """The published bytes named ``name`` (the hash, without ``.json``), or None."""
    with _LOCK:
        found = _STORE.get(name)
    return None if found is None else found.payload


async def _answer(request: Request) -> Response:
    name = str(request.path_params.get("name", ""))
    payload = served(name.removesuffix(".json")) if name.endswith(".json") else None
    if payload is None:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(payload, media_type="application/json", headers={"Cache-Control": _CACHE_CONTROL})


ROUTE = Route(f"/{PREFIX}/{{name}}", _answer, methods=["GET"])
"""The starlette route answering ``GET /corridors-data/<sha256>.json``."""
