"""Work limits for uploads (issue 12, finding 1): what an upload at the limits costs, and whom it holds up.

Two parts, both on this machine only (no socket is opened), bounded in count and time:

1. **Work per explorer run** for the issue's uploads, in this tree and (with
   ``--baseline-tree DIR``, e.g. ``git archive HEAD | tar -x -C DIR``) in
   another: the map records the explorer draws (nodes, legs, the routes'
   paths through the upload) and their JSON size. Each tree runs in its own
   interpreter (``PYTHONPATH=tree``); ``--repeat`` runs, medians, ratios.
2. **Another user's work while an upload is processed** (``--stall``): in one
   process, as Streamlit runs sessions (threads sharing the interpreter lock),
   one thread repeats a fixed piece of a page load (routing the bundled
   network and drawing it) while another processes the 5 MB zig-zag upload
   (``with_extra`` then the map records): at full speed (what the app did),
   politely at half the interpreter (:func:`corridors_app.polite.polite`),
   and through :func:`corridors_app.cached.extended_network` (as the app
   does now). The other user's median time is compared with its idle time in
   the same run (target: under 1.5x).

The uploads: 10 legs of 50,000 positions bouncing between two points 0.007°
apart (5.0 MB; Douglas–Peucker is quadratic on them) and 20,000 two-point road
legs (4.9 MB).

    python benchmarks/bench_upload_stall.py --baseline-tree /tmp/head --repeat 3 --stall
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_REPEAT, MAX_STALL_S = 10, 900.0
_BOUNCE = ((51, 35), (51.007, 35))


def _leg(leg_id: str, frm: str, to: str, coords: list) -> dict:
    props = {"id": leg_id, "from": frm, "to": to, "mode": "road", "corridor": "instc", "status": "operational",
             "source": "benchmark", "chokepoints": []}
    return {"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}}


def _xy(net, node: str) -> list[float]:
    g = net.nodes.loc[node, "geometry"]
    return [float(g.x), float(g.y)]


def bounce_upload(net, legs: int = 10, positions: int = 50_000) -> bytes:
    """The issue's zig-zag upload: `legs` legs of `positions` positions."""
    coords = [_xy(net, "IRTHR"), *([*_BOUNCE[i % 2]] for i in range(positions - 2)), _xy(net, "IR-NOWSHAHR")]
    feats = [_leg(f"ZZ{k}", "IRTHR", "IR-NOWSHAHR", coords) for k in range(legs)]
    return json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":")).encode()


def many_upload(net, count: int = 20_000) -> bytes:
    """`count` two-point road legs between bundled nodes."""
    ids = [i for i in net.nodes.index if net.nodes.loc[i, "kind"] != "sea_waypoint"][:40]
    feats, k = [], 0
    while len(feats) < count:
        frm, to = ids[k % len(ids)], ids[(k * 7 + 3) % len(ids)]
        k += 1
        if frm != to:
            feats.append(_leg(f"R{k}", frm, to, [_xy(net, frm), _xy(net, to)]))
    return json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":")).encode()


# ---------------------------------------------------------------- 1. work per explorer run
def _work_child() -> None:
    """In the tree under test: one explorer run's map work for each upload, as JSON on stdout."""
    from corridors.network.loader import load_network
    from corridors.viz import records
    from corridors.viz.geometry import fit_view

    base = load_network()
    out = {}
    for name, data, route in (("zigzag 10x50,000", bounce_upload(base), [f"ZZ{k}" for k in range(10)]),
                              ("20,000 legs", many_upload(base), ["R1", "R2", "R3"])):
        net = base.with_extra(data)
        t0 = time.perf_counter()
        center = float(fit_view([(g.x, g.y) for g in net.nodes.geometry])["longitude"])
        names = {str(k): str(v) for k, v in net.nodes["name"].items()}
        nodes = records.node_records(net.nodes, center=center)
        legs = records.leg_records(net.legs, node_names=names, center=center)
        paths = records.route_paths(net.legs, route, center=center)
        seconds = time.perf_counter() - t0
        payload = len(json.dumps([nodes, legs, paths], separators=(",", ":")))
        out[name] = {"s": seconds, "bytes": payload, "vertices": sum(len(r["p"]) for r in legs) + sum(map(len, paths)),
                     "file_bytes": len(data)}
    sys.stdout.write(json.dumps(out))


def _run_tree(tree: Path, timeout: float) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import bench_upload_stall as b; b._work_child()"
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tree, capture_output=True, timeout=timeout, check=True)
    return json.loads(done.stdout)


def work_table(trees: dict[str, Path], repeat: int, timeout: float) -> None:
    runs: dict[str, list[dict]] = {label: [_run_tree(tree, timeout) for _ in range(repeat)] for label, tree in trees.items()}
    print(f"\nMap work of one explorer run (median of {repeat}; seconds of CPU on a shared machine)")
    print(f"{'upload':<18} {'tree':<9} {'records s':>10} {'map bytes':>11} {'vertices':>9}")
    med: dict[tuple[str, str], dict[str, float]] = {}
    for label, results in runs.items():
        for upload in results[0]:
            m = {k: statistics.median(r[upload][k] for r in results) for k in ("s", "bytes", "vertices")}
            med[(upload, label)] = m
            print(f"{upload:<18} {label:<9} {m['s']:>10.2f} {m['bytes']:>11,.0f} {m['vertices']:>9,.0f}")
    if "before" in trees:
        for upload in runs["after"][0]:
            b, a = med[(upload, "before")], med[(upload, "after")]
            print(f"{upload:<18} {'ratio':<9} {a['s'] / b['s']:>10.3f} {a['bytes'] / b['bytes']:>11.3f} {a['vertices'] / b['vertices']:>9.3f}")


# ---------------------------------------------------------------- 2. another user's work during an upload
def _other_user(base, stop: threading.Event, times: list[float], limit: int) -> None:
    from corridors.routing.route import route
    from corridors.viz import records

    while not stop.is_set() and len(times) < limit:
        t0 = time.perf_counter()
        route(base, "INNSA", "RUMOW", alternatives=2)
        records.leg_records(base.legs, center=60.0)
        times.append(time.perf_counter() - t0)


def _timed_other(base, seconds: float, during=None) -> tuple[list[float], float]:
    stop, times = threading.Event(), []
    other = threading.Thread(target=_other_user, args=(base, stop, times, 10_000), daemon=True)
    other.start()
    t0 = time.perf_counter()
    if during is None:
        time.sleep(seconds)
    else:
        during()
    spent = time.perf_counter() - t0
    stop.set()
    other.join(timeout=MAX_STALL_S)
    return times, spent


def stall(seconds: float, shares: tuple[float, ...] = (0.5,)) -> None:
    os.environ.setdefault("CORRIDORS_UPLOAD_WORKER", "1")
    from corridors.network.loader import load_network
    from corridors.viz import records
    from corridors_app import cached
    from corridors_app.polite import SHARE, polite

    base = load_network()
    data = bounce_upload(base)
    _timed_other(base, 2.0)  # warm the caches of routing
    idle, _ = _timed_other(base, seconds)

    def in_process() -> None:
        new = base.with_extra(data, names=["zigzag.geojson"])
        records.node_records(new.nodes, center=60.0)
        records.leg_records(new.legs, center=60.0)

    def as_the_app_does() -> None:
        cached.extended_network(base, "zigzag.geojson", data)

    def politely(share: float):
        def job() -> None:
            with polite(share):
                in_process()
        return job

    print(f"\nAnother user's work (route + draw the bundled network) while a {len(data) / 2**20:.1f} MB zig-zag upload is processed")
    print(f"{'upload processed':<28} {'n':>4} {'median s':>9} {'p95 s':>7} {'x idle':>7} {'upload s':>9}")
    idle_med = statistics.median(idle)
    print(f"{'(idle)':<28} {len(idle):>4} {idle_med:>9.3f} {_p95(idle):>7.3f} {1.0:>7.2f} {'':>9}")
    jobs = [("at full speed", in_process), *((f"politely, share {share:.2f}", politely(share)) for share in shares),
            (f"as the app does (share {SHARE:.2f})", as_the_app_does)]
    for label, job in jobs:
        times, spent = _timed_other(base, 0, job)
        med = statistics.median(times) if times else float("nan")
        print(f"{label:<28} {len(times):>4} {med:>9.3f} {_p95(times):>7.3f} {med / idle_med:>7.2f} {spent:>9.1f}")


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * (len(values) - 1))] if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline-tree", type=Path, help="a copy of the code before (git archive HEAD | tar -x -C DIR)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per tree run at most")
    parser.add_argument("--stall", action="store_true", help="also measure another user's work during an upload")
    parser.add_argument("--idle-seconds", type=float, default=15.0)
    args = parser.parse_args(argv)
    repeat = max(1, min(args.repeat, MAX_REPEAT))
    trees = {"after": ROOT}
    if args.baseline_tree:
        trees = {"before": args.baseline_tree.resolve(), "after": ROOT}
    work_table(trees, repeat, min(args.timeout, MAX_STALL_S))
    if args.stall:
        stall(min(args.idle_seconds, 120.0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
