"""Browser side of ``benchmarks/bench_app.py``: when is a Streamlit page completely rendered, and what did it receive.

A page counts as rendered when all of these hold, and have held for
:data:`QUIET_S` seconds with nothing new happening:

- Streamlit's own markers: ``stApp`` connected, its script state
  ``notRunning``, no element marked stale;
- the page's own markers: CSS selectors that must exist (the map's canvas,
  the results table), the URL path and a text in the query string (the app
  writes the query at the end of its script), the page's ``h1``;
- no request for ``/corridors-data/`` (the map's layers fetched over HTTP,
  :mod:`corridors_app.static_data`) in flight.

The time of the render is the latest of: when those markers were first seen
(polled every few ms), the end of the last map data response, and the end of
the last long task on the page's main thread (``PerformanceObserver``
``longtask``: parsing the layers and building the map's buffers happen
there, after the canvas exists). Quiet means: the markers hold, no map data
in flight, no new long task reported, and the page answers each poll
promptly (a poll held up by the main thread is not quiet). So a map whose
data is still loading or being built is not "rendered", and the quiet period
is not part of the time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DATA", "INIT_SCRIPT", "QUIET_S", "Probe", "Ready", "choose", "click_nav", "wait_rendered"]

DATA = "corridors-data"
"""Path segment of the map data files served over HTTP."""

QUIET_S = 0.3
"""Seconds with the markers holding and no new activity before a render counts as complete."""

BUSY_S = 0.1
"""A poll the page answers later than this was held up by the page's main thread: the page is not quiet."""

INIT_SCRIPT = """
window.__benchLong = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__benchLong.push(e.startTime + e.duration);
  }).observe({type: 'longtask', buffered: true});
} catch (e) {}
"""
"""Added to every browser context: records when each long task on the main thread ended."""

_STATE_JS = """
([selectors, path, search, heading, data]) => {
  const app = document.querySelector('[data-testid=stApp]');
  const ok = !!app && app.dataset.testScriptState === 'notRunning' && app.dataset.testConnectionState === 'CONNECTED'
    && document.querySelectorAll('[data-stale=true]').length === 0
    && selectors.every((s) => document.querySelector(s) !== null)
    && (path === null || location.pathname.endsWith(path))
    && (search === null || location.search.includes(search))
    && (heading === null || [...document.querySelectorAll('h1')].some((h) => h.innerText.trim() === heading));
  const origin = performance.timeOrigin;
  let last = 0;
  for (const e of performance.getEntriesByType('resource')) {
    if (e.name.includes(data)) last = Math.max(last, origin + e.responseEnd);
  }
  for (const t of (window.__benchLong || [])) last = Math.max(last, origin + t);
  return {ok: ok, last: last, now: origin + performance.now()};
}
"""

_BYTES_JS = """
([data, since]) => {
  let decoded = 0, encoded = 0, files = 0;
  for (const e of performance.getEntriesByType('resource')) {
    if (e.name.includes(data) && performance.timeOrigin + e.startTime >= since) {
      decoded += e.decodedBodySize; encoded += e.encodedBodySize; files += 1;
    }
  }
  return [decoded, encoded, files];
}
"""


@dataclass(frozen=True)
class Ready:
    """What a completely rendered page shows.

    Attributes
    ----------
    selectors : tuple of str
        CSS selectors that must all match an element.
    path : str or None
        The URL path must end with this (``"/"`` for the default page).
    search : str or None
        Text the URL's query string must contain (the app writes it at the end of its script).
    heading : str or None
        The text of one ``h1`` on the page.
    """

    selectors: tuple[str, ...] = ("[data-testid=stDeckGlJsonChart] canvas",)
    path: str | None = None
    search: str | None = None
    heading: str | None = None


@dataclass
class Probe:
    """Bytes a page received over the websocket, and its map data requests in flight.

    Attributes
    ----------
    page : playwright.sync_api.Page
        The page watched (attached by :meth:`attach`).
    ws_bytes : int
        Websocket payload bytes received since the last :meth:`reset`.
    in_flight : int
        ``/corridors-data/`` requests started and not yet finished or failed.
    mark : float
        Wall-clock time (s) of the last :meth:`reset`: map data bytes are counted from there.
    """

    page: Any = None
    ws_bytes: int = 0
    in_flight: int = 0
    mark: float = field(default_factory=time.time)

    @classmethod
    def attach(cls, page: Any) -> Probe:
        """Watch ``page``: websocket frames received and ``/corridors-data/`` requests."""
        probe = cls(page=page)

        def _frames(ws: Any) -> None:
            ws.on("framereceived", probe._received)

        page.on("websocket", _frames)
        page.on("request", lambda r: probe._count(r, 1))
        page.on("requestfinished", lambda r: probe._count(r, -1))
        page.on("requestfailed", lambda r: probe._count(r, -1))
        return probe

    def _received(self, payload: Any) -> None:
        self.ws_bytes += len(payload)

    def _count(self, request: Any, step: int) -> None:
        if DATA in request.url:
            self.in_flight = max(0, self.in_flight + step)

    def reset(self) -> None:
        """Start counting bytes afresh (websocket and map data)."""
        self.ws_bytes, self.mark = 0, time.time()

    def data_bytes(self) -> tuple[int, int, int]:
        """Map data received over HTTP since the last :meth:`reset`.

        Returns
        -------
        tuple of int
            Decoded bytes, bytes on the wire (compressed body; 0 for a file
            the browser had cached) and number of files, from the page's
            Resource Timing entries.
        """
        decoded, encoded, files = self.page.evaluate(_BYTES_JS, [DATA, self.mark * 1000.0])
        return int(decoded), int(encoded), int(files)


def wait_rendered(probe: Probe, ready: Ready, *, timeout: float = 120.0) -> float:
    """Wait until the page is completely rendered; return when it was (wall clock, s).

    Parameters
    ----------
    probe : Probe
        The page's probe (map data requests in flight).
    ready : Ready
        The markers of this page.
    timeout : float
        Seconds before giving up.

    Returns
    -------
    float
        ``time.time()`` of the render: the latest of the markers first seen,
        the last map data response, the last long task.

    Raises
    ------
    TimeoutError
        When the page did not settle within ``timeout``.
    """
    page = probe.page
    deadline = time.time() + timeout
    args = [list(ready.selectors), ready.path, ready.search, ready.heading, DATA]
    offset, spread = 0.0, float("inf")  # page clock - python clock (ms), from the call with the shortest round trip
    seen: float | None = None  # when the markers were first seen holding (s)
    quiet: float | None = None  # since when nothing happened (s)
    last = None  # the page's latest activity (ms, page clock)
    while True:
        before = time.time()
        state = page.evaluate(_STATE_JS, args)
        after = time.time()
        if after - before < spread:
            offset, spread = state["now"] - (before + after) * 500.0, after - before
        seen = (before if seen is None else seen) if state["ok"] else None
        # a call the page answered late was held up by a task of its own: not quiet
        calm = seen is not None and probe.in_flight == 0 and after - before < BUSY_S and state["last"] == last
        quiet, last = (before if quiet is None else quiet) if calm else None, state["last"]
        if seen is not None and quiet is not None and after - quiet >= QUIET_S:
            return max(seen, (state["last"] - offset) / 1000.0)
        if after > deadline:
            raise TimeoutError(f"page never settled: {page.url} ({ready}, {probe.in_flight} data requests in flight)")
        page.wait_for_timeout(10)  # lets playwright deliver the page's events meanwhile


def choose(page: Any, label: str, text: str) -> None:
    """Open the selectbox labelled ``label`` and type ``text`` (Enter, pressed by the caller, picks it)."""
    box = page.locator("[data-testid=stSelectbox]").filter(has_text=label).first
    box.click()
    page.keyboard.type(text)


def click_nav(page: Any, title: str) -> None:
    """Click the sidebar navigation link titled ``title``."""
    page.locator("[data-testid=stSidebarNav] a").filter(has_text=title).first.click()
