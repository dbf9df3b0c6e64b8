"""Load test: many browser sessions against one `streamlit run` on loopback.

Starts the app on 127.0.0.1, opens N Playwright contexts in Debian's Chromium
(no browser download) and lets each one, for a bounded time, ask for a
different origin–destination pair and scenario through the shareable URL,
waiting for the answer it asked for. It reports:

- sessions, duration, queries, errors (wrong answer, time-out, exception);
- p50 / p95 time from navigation to the updated result;
- server memory (RSS) at start, after the first round and at the end, and the
  growth per session.

Every request goes to 127.0.0.1 only, loops are bounded in count and time,
and the server is stopped at the end.

    python benchmarks/load_test.py --sessions 20 --duration 120
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import time
from pathlib import Path

from servers import streamlit_server

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--use-gl=swiftshader", "--enable-unsafe-swiftshader",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]
# (origin, destination, origin name, destination name) as the app shows them
PAIRS = [
    ("INNSA", "RUMOW", "Nhava Sheva", "Moscow"),
    ("INNSA", "RULED", "Nhava Sheva", "Saint Petersburg"),
    ("INMUN", "RUASF", "Mundra", "Astrakhan"),
    ("INMAA", "RUVVO", "Chennai", "Vladivostok"),
    ("NLRTM", "JPYOK", "Rotterdam", "Yokohama"),
    ("RULED", "RUVVO", "Saint Petersburg", "Vladivostok"),
    ("CNSHA", "NLRTM", "Shanghai", "Rotterdam"),
    ("IRBND", "RUMOW", "Bandar Abbas", "Moscow"),
    ("INVTZ", "RUNJK", "Visakhapatnam", "Nakhodka"),
    ("KRPUS", "RUMMK", "Busan", "Murmansk"),
]
DESCRIPTIONS: dict[str, str] = {}
SCENARIOS = ["baseline", "red-sea-closed", "hormuz-closed", "rasht-astara-built", "slow-steaming", "nsr-summer"]


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds used by a process so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


async def session(browser, base: str, index: int, stop_at: float, results: list, errors: list, first_round: asyncio.Event, ready: list):
    rng = random.Random(index)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    rounds = 0
    try:
        while time.monotonic() < stop_at and rounds < 200:
            o, d, oname, dname = PAIRS[(index + rounds) % len(PAIRS)]
            scenario = rng.choice(SCENARIOS)
            url = f"{base}/?origin={o}&destination={d}&scenario={scenario}&k=1"
            t0 = time.monotonic()
            try:
                await page.goto(url, wait_until="domcontentloaded", timeout=60_000)
                heading = page.locator("h3", has_text="→").first
                await heading.wait_for(timeout=60_000)
                # Wait until the heading shows this query's pair (not a previous one).
                await page.wait_for_function(
                    "([a, b]) => [...document.querySelectorAll('h3')].some(h => h.innerText.includes(a) && h.innerText.includes(b))",
                    arg=[oname, dname], timeout=60_000,
                )
                elapsed = time.monotonic() - t0
                text = await heading.inner_text()
                if oname not in text or dname not in text:
                    errors.append(f"session {index}: asked {o}->{d}, got {text!r}")
                else:
                    results.append(elapsed)
                # The scenario the session asked for must be the one shown
                # (the sidebar shows the chosen scenario's description).
                shown = " ".join((await page.locator("[data-testid='stSidebar']").inner_text()).split())
                if DESCRIPTIONS[scenario][:60] not in shown:
                    errors.append(f"session {index}: asked scenario {scenario}, sidebar shows another")
            except Exception as exc:  # noqa: BLE001 - a load test reports failures, it does not stop on them
                errors.append(f"session {index}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
            rounds += 1
            if rounds == 1:
                ready.append(index)
                if len(ready) == len(ready_target):
                    first_round.set()
    finally:
        await context.close()


ready_target: list = []


async def run(args) -> int:
    from playwright.async_api import async_playwright

    from corridors.model.presets import presets

    DESCRIPTIONS.update({name: " ".join(sc.description.split()) for name, sc in presets().items()})
    server = contextlib.ExitStack()
    port, proc = server.enter_context(streamlit_server(ROOT / "app.py"))
    base = f"http://127.0.0.1:{port}"
    rss_start = _rss_mb(proc.pid)
    results: list[float] = []
    errors: list[str] = []
    ready: list[int] = []
    ready_target[:] = list(range(args.sessions))
    first_round = asyncio.Event()
    t_start = time.monotonic()
    try:
        async with async_playwright() as p:
            extra = [] if args.webgl else ["--disable-3d-apis"]
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + extra)
            # one warm-up visit loads the network and the caches once
            warm = await browser.new_page()
            await warm.goto(f"{base}/?origin=INNSA&destination=RUMOW&k=1")
            await warm.locator("h3", has_text="→").first.wait_for(timeout=120_000)
            await warm.close()
            rss_warm = _rss_mb(proc.pid)
            cpu_warm, t_warm = _cpu_s(proc.pid), time.monotonic()
            stop_at = time.monotonic() + args.duration
            tasks = [
                asyncio.create_task(session(browser, base, i, stop_at, results, errors, first_round, ready))
                for i in range(args.sessions)
            ]
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(first_round.wait(), timeout=args.duration + 120)
            rss_after_first = _rss_mb(proc.pid)
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.duration + 180)
            await browser.close()
        alive = proc.poll() is None
        rss_end = _rss_mb(proc.pid)
        server_cpu_share = (_cpu_s(proc.pid) - cpu_warm) / (time.monotonic() - t_warm)
    finally:
        server.close()
    wall = time.monotonic() - t_start
    results.sort()
    p50 = statistics.median(results) if results else float("nan")
    p95 = results[min(len(results) - 1, int(0.95 * len(results)))] if results else float("nan")
    rows = [
        ("sessions (browser contexts)", f"{args.sessions}"),
        ("map drawn in each browser (WebGL)", "yes" if args.webgl else "no (--disable-3d-apis)"),
        ("duration (s)", f"{wall:.0f}"),
        ("updated results", f"{len(results)}"),
        ("errors", f"{len(errors)}"),
        ("server alive at the end", "yes" if alive else "NO"),
        ("server CPU, cores busy on average during the load", f"{server_cpu_share:.2f} of {os.cpu_count()}"),
        ("time to updated result p50 (s)", f"{p50:.2f}"),
        ("time to updated result p95 (s)", f"{p95:.2f}"),
        ("server RSS at start (MB)", f"{rss_start:.0f}"),
        ("server RSS after one warm-up visit (MB)", f"{rss_warm:.0f}"),
        ("server RSS after every session's first result (MB)", f"{rss_after_first:.0f}"),
        ("server RSS at the end (MB)", f"{rss_end:.0f}"),
        ("RSS growth per session (MB)", f"{(rss_after_first - rss_warm) / args.sessions:.1f}"),
        ("RSS growth during the run after warm-up (MB)", f"{rss_end - rss_after_first:.0f}"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    for e in errors[:10]:
        print("  error:", e)
    return 0 if alive and not errors else 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--duration", type=float, default=120.0, help="seconds of load after start (bounded)")
    ap.add_argument(
        "--webgl", action="store_true",
        help="let every session draw the deck.gl map (software GL: on a 2-core machine the "
        "browsers, not the server, then dominate the timings)",
    )
    args = ap.parse_args(argv)
    if not os.path.exists(CHROMIUM):
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2
    args.sessions = max(1, min(args.sessions, 50))
    args.duration = max(10.0, min(args.duration, 900.0))
    return asyncio.run(run(args))


if __name__ == "__main__":
    raise SystemExit(main())
