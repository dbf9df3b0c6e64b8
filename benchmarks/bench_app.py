"""Benchmark the planner app in headless Chromium against a minimal pydeck page.

Run: ``python benchmarks/bench_app.py [--runs N]``

For the app (``app.py``) and for ``benchmarks/minimal_app.py`` (one selectbox,
one small pydeck chart), measured in the same run on the same machine:

- cold start: from launching ``streamlit run`` to the first complete render
  in the browser (map canvas drawn, script finished, nothing stale);
- warm load: a new browser page on the running server, to complete render;
- rerun: choosing another destination in the selectbox, to the updated page
  (new URL query parameter written at the end of the run, nothing stale);
- bytes received over the websocket for the first render.

It also reports the size of the map spec (pydeck JSON) the app sends for the
whole network. Medians over ``--runs`` cold starts (each with three reruns),
and the ratio app / minimal. Uses Debian's ``/usr/bin/chromium`` (never
downloads a browser); servers listen on 127.0.0.1 only and are stopped at the
end. No timing is asserted anywhere: this only prints a table.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
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

APPS = {
    "corridors app": {
        "script": ROOT / "app.py",
        "path": "/?origin=INNSA&destination=RUMOW&k=3",
        "changes": [("Vladivostok", "destination=RUVVO"), ("Rotterdam", "destination=NLRTM"), ("Moscow", "destination=RUMOW")],
        "ready": "[data-testid=stDataFrame]",
    },
    "minimal pydeck page": {
        "script": ROOT / "benchmarks" / "minimal_app.py",
        "path": "/",
        "changes": [("Vladivostok", "destination=Vladivostok"), ("Rotterdam", "destination=Rotterdam"), ("Moscow", "destination=Moscow")],
        "ready": None,
    },
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _server(script: Path) -> Iterator[tuple[str, float]]:
    """Start ``streamlit run``; yield (base URL, monotonic start time)."""
    port = _free_port()
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{script.name}: server exited ({proc.returncode})")
            with contextlib.suppress(OSError), urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:  # noqa: S310 - loopback
                if r.status == 200:
                    break
            if time.monotonic() > deadline:
                raise TimeoutError("server not healthy")
            time.sleep(0.02)
        yield base, start
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _idle(page: Any) -> bool:
    return page.evaluate(
        "() => { const s = document.querySelector('[data-testid=stStatusWidget]');"
        " const running = !!s && s.innerText.toLowerCase().includes('running');"
        " return !running && document.querySelectorAll('[data-stale=true]').length === 0; }"
    )


def _wait_rendered(page: Any, ready: str | None, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=timeout * 1000)
    if ready:
        page.wait_for_selector(ready, timeout=timeout * 1000)
    while not _idle(page):
        if time.monotonic() > deadline:
            raise TimeoutError("page never settled")
        time.sleep(0.02)


def _choose(page: Any, label: str, text: str) -> None:
    box = page.locator("[data-testid=stSelectbox]").filter(has_text=label).first
    box.click()
    page.keyboard.type(text)


def _measure(browser: Any, spec: dict[str, Any]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"cold": [], "warm": [], "rerun": [], "ws_bytes": []}
    with _server(spec["script"]) as (base, start):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        received = [0]

        def _on_ws(ws: Any) -> None:
            ws.on("framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload)))

        page.on("websocket", _on_ws)
        page.goto(base + spec["path"])
        _wait_rendered(page, spec["ready"])
        out["cold"].append(time.monotonic() - start)
        out["ws_bytes"].append(float(received[0]))
        context.close()

        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        t = time.monotonic()
        page.goto(base + spec["path"])
        _wait_rendered(page, spec["ready"])
        out["warm"].append(time.monotonic() - t)

        for text, marker in spec["changes"]:
            _choose(page, "Destination", text)
            t = time.monotonic()
            page.keyboard.press("Enter")
            page.wait_for_function(f"() => location.search.includes({marker!r})", timeout=60_000, polling=10)
            while not _idle(page):
                time.sleep(0.01)
            out["rerun"].append(time.monotonic() - t)
        context.close()
    return out


def _map_bytes() -> tuple[int, int]:
    """Bytes of the app's map spec for the whole network (flat map, globe)."""
    sys.path.insert(0, str(ROOT))
    from corridors.network.loader import load_network
    from corridors.viz import deck, geometry, records

    net = load_network()
    center = geometry.fit_view([(g.x, g.y) for g in net.nodes.geometry])["longitude"]
    nodes = records.node_records(net.nodes, center=center)
    legs = records.leg_records(net.legs, node_names=net.nodes["name"].astype(str).to_dict(), center=center)
    from corridors._paths import BASEMAP_PATH as BASEMAP_PATH
    land = records.basemap_records(BASEMAP_PATH, center=center) if BASEMAP_PATH.exists() else None
    view = geometry.fit_view([n["pos"] for n in nodes])
    flat = deck.deck_json_size(deck.network_deck(nodes, legs, view=view, land=land))
    globe = deck.deck_json_size(deck.network_deck(nodes, legs, view=view, land=land, globe=True))
    return flat, globe


def _server_side_reruns(script: Path, destinations: list[str], *, origin: str | None, repeats: int = 5) -> list[float]:
    """Server-side script time of a rerun after changing the destination.

    Streamlit's AppTest runs the page script in this process, exactly as the
    server does on a rerun, without a browser: the time is the script's own
    (widgets, cached library calls, building the deck and charts).
    """
    from streamlit.testing.v1 import AppTest

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


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts per app (default 3)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install Debian's chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, list[float]]] = {name: {"cold": [], "warm": [], "rerun": [], "ws_bytes": []} for name in APPS}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for _ in range(args.runs):
            for name, spec in APPS.items():  # interleaved, so drift hits both alike
                for key, values in _measure(browser, spec).items():
                    results[name][key].extend(values)
        browser.close()

    server_app = _server_side_reruns(ROOT / "app.py", ["RUMOW", "RULED", "RUVVO"], origin="INNSA")
    server_min = _server_side_reruns(ROOT / "benchmarks" / "minimal_app.py", ["Moscow", "Saint Petersburg", "Vladivostok"], origin=None)
    results["corridors app"]["server_rerun"] = server_app
    results["minimal pydeck page"]["server_rerun"] = server_min
    flat, globe = _map_bytes()
    app, mini = results["corridors app"], results["minimal pydeck page"]
    rows = [
        ("cold start -> first render (s)", "cold", "{:.2f}"),
        ("warm page load -> render (s)", "warm", "{:.2f}"),
        ("rerun after new destination (s)", "rerun", "{:.3f}"),
        ("  of which server-side script (s)", "server_rerun", "{:.3f}"),
        ("websocket bytes, first render", "ws_bytes", "{:,.0f}"),
    ]
    print(f"\nbench_app: medians over {args.runs} cold start(s) per app, {len(app['rerun'])} reruns each\n")
    print(f"{'metric':36} {'corridors app':>15} {'minimal page':>15} {'ratio':>8}")
    print("-" * 77)
    for label, key, fmt in rows:
        a, m = statistics.median(app[key]), statistics.median(mini[key])
        print(f"{label:36} {fmt.format(a):>15} {fmt.format(m):>15} {a / m if m else float('nan'):>7.1f}x")
    print("-" * 77)
    print(f"{'map spec, whole network (flat map)':36} {flat:>15,} bytes  (limit 1,000,000)")
    print(f"{'map spec, whole network (globe)':36} {globe:>15,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
