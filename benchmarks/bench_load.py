"""Light-client load test: fresh page loads over Streamlit's websocket, no browser.

A light client does what a browser's first visit does on the server: it opens
``/_stcore/stream`` (subprotocol ``streamlit``), sends one ``BackMsg``
``rerun_script`` with the page's query string (a new session, nothing cached
on the client), reads the ``ForwardMsg`` stream until ``script_finished`` and
closes. It checks the answer: the app must show the heading of the pair it
asked for ("… Nhava Sheva → Moscow"), the minimal page its title; an
exception element, an error box or a missing heading is a wrong answer. No
JavaScript, no drawing: the figures are the server's.

In one run it measures the app (``corridors_app/serve.py``, as served) and
the baseline, ``benchmarks/minimal_app.py`` (one pydeck chart), at 1, 10 and
20 concurrent clients, and reports page loads per second, p50/p95 latency,
wrong answers, errors, server CPU (cores busy) and memory (RSS, psutil).

``--soak 600`` then keeps 10 clients on the app for 10 minutes and prints
RSS each minute (where memory levels off). ``--proxy`` runs the app levels
against two processes (127.0.0.1:8501/8502) behind nginx with
``deploy/nginx.conf`` (nginx must be installed) beside one process.

Bounded: at most 50 clients, 900 s per level, 3,600 s of soak; every socket
is on 127.0.0.1; every server started is stopped at the end.

    python benchmarks/bench_load.py                  # 1/10/20 clients, 20 s each
    python benchmarks/bench_load.py --soak 600       # plus a 10-minute soak
    python benchmarks/bench_load.py --proxy          # plus two processes behind nginx
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from servers import free_port, stop, streamlit_server, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "corridors_app" / "serve.py"
MINIMAL = ROOT / "benchmarks" / "minimal_app.py"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
_UNESCAPE = re.compile(r"\\(.)")  # markdown escapes in element bodies
MAX_CLIENTS, MAX_LEVEL_S, MAX_SOAK_S = 50, 900.0, 3600.0
# (origin, destination, origin name, destination name): each client walks through them
PAIRS = [
    ("INNSA", "RUMOW", "Nhava Sheva", "Moscow"),
    ("INNSA", "RULED", "Nhava Sheva", "Saint Petersburg"),
    ("INMAA", "RUVVO", "Chennai", "Vladivostok"),
    ("NLRTM", "JPYOK", "Rotterdam", "Yokohama"),
    ("IRBND", "RUMOW", "Bandar Abbas", "Moscow"),
    ("CNSHA", "NLRTM", "Shanghai", "Rotterdam"),
]


# ---------------------------------------------------------------- one page load
def _texts(msg: Any, out: list[str]) -> bool:
    """Collect the visible text of one ForwardMsg; True if it is an exception or error box."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return False
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        out.append(f"EXCEPTION {element.exception.type}: {element.exception.message}")
        return True
    if kind in ("heading", "markdown", "alert", "text"):
        out.append(_UNESCAPE.sub(r"\1", getattr(element, kind).body))
        return kind == "alert" and element.alert.format == element.alert.ERROR
    return False


async def page_load(port: int, query: str, expect: tuple[str, ...], timeout: float = 120.0) -> tuple[float, int, str | None]:
    """One fresh page load by a light client.

    Parameters
    ----------
    port
        Server (or proxy) port on 127.0.0.1.
    query
        The page's query string (without ``?``).
    expect
        Texts that must all appear in one heading/markdown element.

    Returns
    -------
    tuple
        ``(seconds, bytes received, problem)``; ``problem`` is ``None`` for a
        right answer, else ``"wrong: ..."`` or ``"error: ..."``.
    """
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    t0 = time.perf_counter()
    texts: list[str] = []
    received = 0
    failed = False
    try:
        async with asyncio.timeout(timeout), websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"http://127.0.0.1:{port}", max_size=64 * 2**20, compression=None,
        ) as ws:
            back = BackMsg()
            back.rerun_script.query_string = query
            back.rerun_script.page_script_hash = ""
            await ws.send(back.SerializeToString())
            while True:
                raw = await ws.recv()
                received += len(raw)
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                failed |= _texts(msg, texts)
                if msg.WhichOneof("type") == "script_finished":
                    status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                    if status != "FINISHED_SUCCESSFULLY":
                        return time.perf_counter() - t0, received, f"error: script {status}"
                    break
    except Exception as exc:  # noqa: BLE001 - a load test counts failures, it does not stop on them
        return time.perf_counter() - t0, received, f"error: {type(exc).__name__}: {str(exc)[:100]}"
    elapsed = time.perf_counter() - t0
    if failed:
        return elapsed, received, "wrong: " + next((t for t in texts if t.startswith("EXCEPTION")), "error box")[:120]
    if not any(all(e in t for e in expect) for t in texts):
        return elapsed, received, f"wrong: no element shows {expect}"
    return elapsed, received, None


def _request(target: str, index: int) -> tuple[str, tuple[str, ...]]:
    if target == "minimal":
        return "", ("Minimal pydeck page",)
    o, d, oname, dname = PAIRS[index % len(PAIRS)]
    return f"origin={o}&destination={d}&k=3", ("best route", oname, f"→ {dname}")


# ---------------------------------------------------------------- servers
@contextlib.contextmanager
def nginx_proxy(port: int) -> Iterator[subprocess.Popen]:
    """nginx with deploy/nginx.conf, listening on 127.0.0.1:`port` instead of 80 (a temporary copy)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    text = NGINX_CONF.read_text().replace("listen 80;", f"listen 127.0.0.1:{port};")
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\ndaemon off;\n"
                        + text.replace("\nhttp {", f"\nhttp {{\n    access_log off;\n    client_body_temp_path {tmp};\n"
                                       f"    proxy_temp_path {tmp};\n", 1))
        proc = subprocess.Popen([nginx, "-c", str(conf), "-p", tmp], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_healthy(port, proc, timeout=20)
            yield proc
        finally:
            stop(proc)


# ---------------------------------------------------------------- measuring
class Probe:
    """CPU seconds and RSS of a set of server processes (psutil)."""

    def __init__(self, pids: list[int]) -> None:
        import psutil

        self.procs = [psutil.Process(pid) for pid in pids]
        self.rss_peak = 0.0

    def cpu(self) -> float:
        """User + system CPU seconds of all processes (and their children) so far."""
        total = 0.0
        for p in self.procs:
            for q in [p, *p.children(recursive=True)]:
                with contextlib.suppress(Exception):
                    t = q.cpu_times()
                    total += t.user + t.system
        return total

    def rss_mb(self) -> float:
        """Resident memory of all processes (MB); keeps the peak."""
        total = 0.0
        for p in self.procs:
            for q in [p, *p.children(recursive=True)]:
                with contextlib.suppress(Exception):
                    total += q.memory_info().rss
        mb = total / 2**20
        self.rss_peak = max(self.rss_peak, mb)
        return mb


async def level(port: int, target: str, clients: int, seconds: float, probe: Probe, ticks: list | None = None) -> dict[str, Any]:
    """`clients` light clients loading pages back to back for `seconds`; the figures."""
    latencies: list[float] = []
    problems: list[str] = []
    sent = [0]
    stop_at = time.monotonic() + seconds

    async def client(index: int) -> None:
        n = 0
        while time.monotonic() < stop_at:
            query, expect = _request(target, index + n)
            elapsed, size, problem = await page_load(port, query, expect)
            n += 1
            sent[0] += size
            if problem:
                problems.append(problem)
            else:
                latencies.append(elapsed)

    async def sampler() -> None:
        start = time.monotonic()
        while time.monotonic() < stop_at:
            await asyncio.sleep(min(10.0, max(0.5, seconds / 20)))
            if ticks is not None:
                ticks.append((time.monotonic() - start, len(latencies), probe.rss_mb(), list(latencies[-200:])))
            else:
                probe.rss_mb()

    cpu0, rss0, t0 = probe.cpu(), probe.rss_mb(), time.monotonic()
    await asyncio.gather(sampler(), *(client(i) for i in range(clients)))
    wall = time.monotonic() - t0
    lat = sorted(latencies)
    return {
        "clients": clients, "seconds": wall, "loads": len(lat), "per_s": len(lat) / wall,
        "p50": statistics.median(lat) if lat else float("nan"),
        "p95": lat[min(len(lat) - 1, int(0.95 * len(lat)))] if lat else float("nan"),
        "wrong": sum(p.startswith("wrong") for p in problems), "errors": sum(p.startswith("error") for p in problems),
        "examples": sorted(set(problems))[:3], "cpu": (probe.cpu() - cpu0) / wall,
        "rss0": rss0, "rss1": probe.rss_mb(), "kb_per_load": sent[0] / max(1, len(lat) + len(problems)) / 1024,
    }


async def run_target(port: int, target: str, pids: list[int], levels: list[int], seconds: float) -> list[dict[str, Any]]:
    """Warm the server (one load per pair), then each level in turn."""
    for i in range(len(PAIRS)):
        query, expect = _request(target, i)
        await page_load(port, query, expect)
    probe = Probe(pids)
    return [await level(port, target, n, seconds, probe) for n in levels]


def print_table(title: str, rows: list[dict[str, Any]]) -> None:
    """One table of level figures."""
    print(f"\n{title}")
    print(f"{'clients':>7} {'loads/s':>8} {'p50 s':>7} {'p95 s':>7} {'loads':>6} {'wrong':>6} {'errors':>6} {'CPU cores':>9} {'RSS MB':>13} {'KB/load':>8}")
    for r in rows:
        print(f"{r['clients']:>7} {r['per_s']:>8.2f} {r['p50']:>7.3f} {r['p95']:>7.3f} {r['loads']:>6} {r['wrong']:>6} {r['errors']:>6} "
              f"{r['cpu']:>9.2f} {r['rss0']:>6.0f}→{r['rss1']:<6.0f} {r['kb_per_load']:>8.0f}")
        for example in r["examples"]:
            print(f"{'':>9}{example}")


def compare(app: list[dict[str, Any]], mini: list[dict[str, Any]]) -> None:
    """The issue's targets: throughput >= 0.6x and p95 <= 2x the minimal page's at 10 clients."""
    print("app / minimal page, same run")
    for a, m in zip(app, mini, strict=True):
        print(f"{a['clients']:>3} clients: throughput {a['per_s'] / m['per_s']:.2f}x (target >= 0.6x), "
              f"p95 {a['p95'] / m['p95']:.2f}x (target <= 2x at 10 clients)")


async def soak(port: int, pids: list[int], clients: int, seconds: float) -> None:
    """`clients` clients on the app for `seconds`: loads, p95 and RSS each minute."""
    probe = Probe(pids)
    ticks: list = []
    result = await level(port, "app", clients, seconds, probe, ticks=ticks)
    print(f"\nsoak: {clients} clients for {seconds:.0f} s on the app (one process)")
    print(f"{'minute':>6} {'loads':>7} {'RSS MB':>7}")
    last_minute, last_count = -1, 0
    for t, count, rss, _lat in ticks:
        minute = int(t // 60)
        if minute != last_minute:
            print(f"{minute:>6} {count - last_count:>7} {rss:>7.0f}")
            last_minute, last_count = minute, count
    print_table("soak totals", [result])
    half = [rss for t, _c, rss, _l in ticks if t >= seconds / 2]
    if half:
        print(f"RSS over the second half: min {min(half):.0f}, max {max(half):.0f} MB, peak of the run {probe.rss_peak:.0f} MB")


async def main_async(args: argparse.Namespace) -> int:
    levels = args.levels
    results: dict[str, list[dict[str, Any]]] = {}
    with streamlit_server(MINIMAL) as (port, proc):
        results["minimal"] = await run_target(port, "minimal", [proc.pid], levels, args.seconds)
    with streamlit_server(MINIMAL, extra=("--runner.postScriptGC", "true")) as (port, proc):
        results["minimal_gc"] = await run_target(port, "minimal", [proc.pid], levels, args.seconds)
    with streamlit_server(APP) as (port, proc):
        results["app"] = await run_target(port, "app", [proc.pid], levels, args.seconds)
        if args.soak:
            await soak(port, [proc.pid], args.soak_clients, args.soak)
    if args.proxy:
        with streamlit_server(APP, 8501) as (_p1, proc1), streamlit_server(APP, 8502) as (_p2, proc2):
            proxy_port = free_port()
            with nginx_proxy(proxy_port) as nginx:
                results["proxy"] = await run_target(proxy_port, "app", [proc1.pid, proc2.pid, nginx.pid], levels, args.seconds)
    print_table("minimal pydeck page (benchmarks/minimal_app.py), one process, the app's settings (.streamlit/config.toml)", results["minimal"])
    print_table("minimal pydeck page, one process, the settings when issue 12 was filed (Streamlit's gc.collect() after every run)", results["minimal_gc"])
    print_table("corridors app (corridors_app/serve.py), one process", results["app"])
    print("\nagainst the minimal page with the app's settings")
    compare(results["app"], results["minimal"])
    print("\nagainst the minimal page with a gc.collect() after every run (issue 12's baseline)")
    compare(results["app"], results["minimal_gc"])
    if "proxy" in results:
        print_table("corridors app, two processes behind nginx (deploy/nginx.conf)", results["proxy"])
        print("\ntwo processes / one process")
        for two, one in zip(results["proxy"], results["app"], strict=True):
            print(f"{two['clients']:>3} clients: throughput {two['per_s'] / one['per_s']:.2f}x, p95 {two['p95'] / one['p95']:.2f}x")
    bad = sum(r["wrong"] + r["errors"] for rows in results.values() for r in rows)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    """Parse the options (bounded) and run."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", default="1,10,20", help="concurrency levels, comma-separated (default 1,10,20)")
    ap.add_argument("--seconds", type=float, default=20.0, help="seconds per level (default 20)")
    ap.add_argument("--soak", type=float, default=0.0, help="seconds of soak on the app after the levels (e.g. 600)")
    ap.add_argument("--soak-clients", type=int, default=10)
    ap.add_argument("--proxy", action="store_true", help="also two app processes on :8501/:8502 behind nginx")
    args = ap.parse_args(argv)
    args.levels = [max(1, min(int(n), MAX_CLIENTS)) for n in args.clients.split(",")]
    args.seconds = max(2.0, min(args.seconds, MAX_LEVEL_S))
    args.soak = max(0.0, min(args.soak, MAX_SOAK_S))
    args.soak_clients = max(1, min(args.soak_clients, MAX_CLIENTS))
    if args.proxy and not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        print("--proxy needs nginx (apt-get install nginx)", file=sys.stderr)
        return 2
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    raise SystemExit(main())
