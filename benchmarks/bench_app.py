"""Benchmark the planner app in headless Chromium against a minimal pydeck page.

Run: ``python benchmarks/bench_app.py [--runs N] [--reruns N] [--budget-min M]``

The app is served as in production, ``streamlit run corridors_app/serve.py``
(the map's big layers then travel over HTTP from ``/corridors-data/<hash>.json``,
:mod:`corridors_app.static_data`); the yardstick is
``benchmarks/minimal_app.py`` (one selectbox, one small pydeck chart). Both run
from the repository root, so both get ``.streamlit/config.toml``, and both are
measured in the same run on the same machine, alternately. Measured (a page
is "rendered" as defined in ``benchmarks/bench_app_pages.py``: script
finished, nothing stale, the map's canvas there, its data loaded and the
main thread done with it):

- first render (cold start): from launching ``streamlit run`` to the first
  complete render of the whole-network view (no origin or destination);
- warm page load: the same view in a fresh browser context, server running;
- shared link: a link with the whole view in its URL (route, scenario, K,
  objective, units) opened in a fresh browser context, against the minimal
  page's warm load;
- widget change: another destination chosen in the selectbox, to the updated
  page, in the browser; and the server-side script time of the same change
  (Streamlit's ``AppTest``, with the map data published as under ``serve.py``);
- page switch: on the explorer with a route, the sidebar link to
  "Methodology", then back to "Route explorer", each to a complete render;
- bytes: the websocket payload of the whole-network first render, and the
  map data fetched over HTTP for it (decoded, and compressed on the wire).

Prints one table: measure, target, medians for the app and the minimal page,
their ratio, and whether the target is met. Uses Debian's ``/usr/bin/chromium``
(never downloads a browser); servers listen on 127.0.0.1 only and are stopped
at the end; the run stops starting new rounds once ``--budget-min`` is spent.
No timing is asserted anywhere: this only prints a table.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_app_pages import INIT_SCRIPT, Probe, Ready, choose, click_nav, wait_rendered
from servers import streamlit_server

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "corridors_app" / "serve.py"
MINIMAL = ROOT / "benchmarks" / "minimal_app.py"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--use-gl=swiftshader",
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 1000}
KB = 1000.0

CANVAS = "[data-testid=stDeckGlJsonChart] canvas"
TABLE = "[data-testid=stDataFrame]"
ROUTE_URL = "/?origin=INNSA&destination=RUMOW"
SHARED_URL = "/?origin=INNSA&destination=RULED&scenario=red-sea-closed&k=3&optimize=time&units=km"
WHOLE = Ready((CANVAS, "[data-testid=stAlertContentInfo]"), path="/", heading="Route explorer")
METHODOLOGY = Ready((TABLE,), path="/methodology", heading="Methodology")
MINIMAL_PAGE = Ready((CANVAS,), heading="Minimal pydeck page")
APP_CHANGES = [("Vladivostok", "destination=RUVVO"), ("Rotterdam", "destination=NLRTM"), ("Moscow", "destination=RUMOW")]
MINIMAL_CHANGES = [("Vladivostok", "destination=Vladivostok"), ("Rotterdam", "destination=Rotterdam"), ("Moscow", "destination=Moscow")]


def _explorer(search: str) -> Ready:
    """The explorer with a route: map, results table, the destination written to the URL at the end of the script."""
    return Ready((CANVAS, TABLE), path="/", search=search, heading="Route explorer")


def _minimal(search: str) -> Ready:
    """The minimal page after a change: its map, the destination written to the URL."""
    return Ready((CANVAS,), search=search, heading="Minimal pydeck page")


@contextlib.contextmanager
def _server(script: Path) -> Iterator[tuple[str, float]]:
    """Start ``streamlit run script`` from the repository root; yield (base URL, wall-clock start)."""
    start = time.time()
    with streamlit_server(script.relative_to(ROOT), poll=0.02) as (port, _proc):
        yield f"http://127.0.0.1:{port}", start


@contextlib.contextmanager
def _fresh_page(browser: Any) -> Iterator[Probe]:
    """A page in a fresh browser context (empty cache, no cookies), watched by a :class:`Probe`."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_SCRIPT)
    try:
        yield Probe.attach(context.new_page())
    finally:
        context.close()


def _load(probe: Probe, url: str, ready: Ready) -> float:
    """Open ``url``; seconds to a complete render."""
    probe.reset()
    start = time.time()
    probe.page.goto(url)
    return wait_rendered(probe, ready) - start


def _reruns(probe: Probe, changes: list[tuple[str, str]], ready: Callable[[str], Ready]) -> list[float]:
    """Choose each destination in turn; seconds from Enter to the updated page."""
    times = []
    for text, marker in changes:
        choose(probe.page, "Destination", text)
        start = time.time()
        probe.page.keyboard.press("Enter")
        times.append(wait_rendered(probe, ready(marker)) - start)
    return times


def _switch(probe: Probe, title: str, ready: Ready) -> float:
    """Click the sidebar link ``title``; seconds to the other page completely rendered."""
    start = time.time()
    click_nav(probe.page, title)
    return wait_rendered(probe, ready) - start


def _app_round(browser: Any, loads: int, reruns: int) -> dict[str, list[float]]:
    """One cold start of the app and everything measured on that server."""
    out: dict[str, list[float]] = defaultdict(list)
    with _server(APP) as (base, start):
        with _fresh_page(browser) as probe:
            probe.reset()
            probe.page.goto(base + "/")
            out["cold"].append(wait_rendered(probe, WHOLE) - start)
            decoded, wire, files = probe.data_bytes()
            out["ws_kb"].append(probe.ws_bytes / KB)
            out["data_kb"].append(decoded / KB)
            out["data_wire_kb"].append(wire / KB)
            out["data_files"].append(float(files))
        for k in range(loads + 1):
            if k < loads:
                with _fresh_page(browser) as probe:
                    out["warm"].append(_load(probe, base + "/", WHOLE))
            with _fresh_page(browser) as probe:  # the first open computes the link's routes; later ones find them cached
                out["shared" if k else "shared_first"].append(_load(probe, base + SHARED_URL, _explorer("destination=RULED")))
                out["shared_ws_kb"].append(probe.ws_bytes / KB)
        with _fresh_page(browser) as probe:
            _load(probe, base + ROUTE_URL, _explorer("destination=RUMOW"))
            out["rerun"].extend(_reruns(probe, APP_CHANGES[-reruns:], _explorer))  # ends on Moscow again
            for _ in range(loads):
                out["to_methodology"].append(_switch(probe, "Methodology", METHODOLOGY))
                out["to_explorer"].append(_switch(probe, "Route explorer", _explorer("destination=RUMOW")))
    return out


def _minimal_round(browser: Any, loads: int, reruns: int) -> dict[str, list[float]]:
    """One cold start of the minimal page: first render, warm loads, reruns."""
    out: dict[str, list[float]] = defaultdict(list)
    with _server(MINIMAL) as (base, start):
        with _fresh_page(browser) as probe:
            probe.reset()
            probe.page.goto(base + "/")
            out["cold"].append(wait_rendered(probe, MINIMAL_PAGE) - start)
            out["ws_kb"].append(probe.ws_bytes / KB)
        for k in range(loads):
            with _fresh_page(browser) as probe:
                out["warm"].append(_load(probe, base + "/", MINIMAL_PAGE))
                if k == loads - 1:
                    out["rerun"].extend(_reruns(probe, MINIMAL_CHANGES[-reruns:], _minimal))
    return out


def _server_side_reruns(script: Path, destinations: list[str], *, origin: str | None, repeats: int = 5) -> list[float]:
    """Server-side script time of a rerun after changing the destination.

    Streamlit's AppTest runs the page script in this process, exactly as the
    server does on a rerun, without a browser: the time is the script's own
    (widgets, cached library calls, building the deck and charts). The map
    data is published as files, as under ``corridors_app/serve.py``.
    """
    from streamlit.testing.v1 import AppTest

    sys.path.insert(0, str(ROOT))
    from corridors_app import static_data

    static_data.enable()  # as serve.py does: the map's big layers become URLs, not inline data
    at = AppTest.from_file(str(script), default_timeout=120)
    if origin:
        at.query_params["origin"] = origin
    at.run()
    times = []
    for k in range(repeats * len(destinations)):
        dest = destinations[k % len(destinations)]
        t = time.perf_counter()
        at.selectbox(key="destination").set_value(dest).run()
        times.append(time.perf_counter() - t)
        if at.exception:
            raise RuntimeError(f"{script.name}: {at.exception}")
    return times[len(destinations):]  # the first round fills the caches


# label, target, app key, minimal key, how the target is judged, limit, number format
ROWS = [
    ("first render, cold start (s)", "<= 1.5x minimal", "cold", "cold", "ratio", 1.5, "{:.2f}"),
    ("warm page load (s)", "<= 1.5x minimal", "warm", "warm", "ratio", 1.5, "{:.2f}"),
    ("shared link, fresh browser (s)", "<= 1.5x min. warm", "shared", "warm", "ratio", 1.5, "{:.2f}"),
    ("  first open, routes not cached yet (s)", "-", "shared_first", "warm", None, None, "{:.2f}"),
    ("widget change, in the browser (s)", "<= 2x minimal", "rerun", "rerun", "ratio", 2.0, "{:.3f}"),
    ("widget change, server-side (s)", "<= 0.150 s", "server_rerun", "server_rerun", "at most", 0.150, "{:.3f}"),
    ("page switch -> Methodology (s)", "< 1 s", "to_methodology", None, "below", 1.0, "{:.2f}"),
    ("page switch -> Route explorer (s)", "< 1 s", "to_explorer", None, "below", 1.0, "{:.2f}"),
    ("websocket, first render, whole net (KB)", "< 250 KB", "ws_kb", "ws_kb", "below", 250.0, "{:.1f}"),
    ("map data over HTTP, first render (KB)", "-", "data_kb", None, None, None, "{:.1f}"),
    ("  of which on the wire, gzip (KB)", "-", "data_wire_kb", None, None, None, "{:.1f}"),
    ("  map data files fetched", "-", "data_files", None, None, None, "{:.0f}"),
    ("websocket, shared link (KB)", "-", "shared_ws_kb", None, None, None, "{:.1f}"),
]


def _table(app: dict[str, list[float]], mini: dict[str, list[float]]) -> list[str]:
    """The result table's lines: measure | target | app median | minimal median | ratio | met."""
    lines = [f"{'measure':41} {'target':19} {'app median':>11} {'minimal med.':>12} {'ratio':>7}  met", "-" * 101]
    for label, target, key, mkey, how, limit, fmt in ROWS:
        a = statistics.median(app[key]) if app.get(key) else float("nan")
        m = statistics.median(mini[mkey]) if mkey and mini.get(mkey) else None
        ratio = a / m if m else None
        met = {"ratio": ratio is not None and ratio <= (limit or 0), "at most": a <= (limit or 0), "below": a < (limit or 0)}.get(how or "")
        lines.append(f"{label:41} {target:19} {fmt.format(a):>11} {fmt.format(m) if m is not None else '-':>12} "
                     f"{f'{ratio:.2f}x' if ratio is not None else '-':>7}  {'-' if met is None else ('yes' if met else 'no')}")
    return lines


def _so_far(app: dict[str, list[float]], mini: dict[str, list[float]]) -> str:
    """One line: every value measured so far, per measure (seconds or KB)."""
    parts = [f"{who} {key} [{', '.join(f'{v:.3g}' for v in values)}]" for who, got in (("app", app), ("minimal", mini))
             for key, values in got.items()]
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts per app (default 3)")
    parser.add_argument("--loads", type=int, default=2, help="warm loads, shared links and page switches per cold start (default 2)")
    parser.add_argument("--reruns", type=int, default=3, choices=(1, 2, 3), help="destination changes per cold start (default 3)")
    parser.add_argument("--budget-min", type=float, default=18.0, help="start no new round after this many minutes (default 18)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install Debian's chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    began = time.monotonic()
    app: dict[str, list[float]] = defaultdict(list)
    mini: dict[str, list[float]] = defaultdict(list)
    rounds, longest = 0, 0.0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for run in range(args.runs):
                if rounds and time.monotonic() - began + longest > args.budget_min * 60:
                    print(f"time budget ({args.budget_min:g} min) reached: stopping after {rounds} round(s)", flush=True)
                    break
                t = time.monotonic()
                order = [(app, _app_round), (mini, _minimal_round)]  # alternated, so drift hits both alike
                for into, measure in order if run % 2 == 0 else order[::-1]:
                    for key, values in measure(browser, args.loads, args.reruns).items():
                        into[key].extend(values)
                rounds, longest = rounds + 1, max(longest, time.monotonic() - t)
                print(f"round {rounds} done in {time.monotonic() - t:.0f} s; so far: {_so_far(app, mini)}", flush=True)
        finally:
            browser.close()

    app["server_rerun"] = _server_side_reruns(ROOT / "corridors_app" / "app.py", ["RUMOW", "RULED", "RUVVO"], origin="INNSA")
    mini["server_rerun"] = _server_side_reruns(MINIMAL, ["Moscow", "Saint Petersburg", "Vladivostok"], origin=None)
    print(f"\nbench_app: medians over {rounds} cold start(s) per app; per cold start {args.loads} warm load(s), {args.loads} shared "
          f"link(s), {args.reruns} widget change(s), {args.loads} switch(es) each way; server-side: {len(app['server_rerun'])} "
          f"reruns each (AppTest); {time.monotonic() - began:.0f} s in all; KB = 1,000 bytes\n")
    print("\n".join(_table(app, mini)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
