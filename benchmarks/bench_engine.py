"""Benchmark the routing engine on the bundled network.

Run: ``python benchmarks/bench_engine.py [--runs N]``

Prints a table of median wall times (over N runs, after one warm-up run) and
each one's ratio to a baseline measured in the same run: a plain
``networkx.dijkstra_path`` on the base graph by ``length_km`` (no modes, no
transfers, no scenario). Also times the ``searoute`` package on the same
sea-only origin-destination pairs (``searoute`` is imported here only; it is
not a runtime dependency of corridors).

Targets (from the issue): one best route with the full per-leg breakdown
~1 ms; K=3 alternatives < 10 ms; all-pairs transit-time matrix over every
port and city node < 1 s; a 10,000-sample Monte Carlo of one route < 50 ms.
No test asserts these: timing asserts are flaky on shared machines.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

from corridors.model.expanded import expanded_graph
from corridors.model.presets import presets
from corridors.model.view import scenario_view
from corridors.network.loader import load_network
from corridors.routing.matrix import transit_matrix
from corridors.routing.route import route

SEA_ONLY = {"avoid_modes": ["rail", "road", "ferry", "river"]}
SEA_PAIRS = [
    ("INNSA", "RULED"),
    ("INNSA", "NLRTM"),
    ("INMAA", "RUVVO"),
    ("INNSA", "RUVVO"),
    ("RUMMK", "JPYOK"),
]


def median_ms(func: Callable[[], Any], runs: int) -> float:
    """Median wall time of `func` in ms, after one warm-up call."""
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def once_ms(func: Callable[[], Any]) -> float:
    """Wall time of one (cold) call in ms."""
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000.0


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="runs per measurement (default 50)")
    args = parser.parse_args()
    runs = args.runs

    load_ms = once_ms(load_network)
    net = load_network()
    cold_expand = once_ms(lambda: expanded_graph(net))
    cold_view = once_ms(lambda: scenario_view(net, "red-sea-closed"))
    for scenario in presets().values():
        scenario_view(net, scenario)
    exp = expanded_graph(net)

    baseline = median_ms(lambda: nx.dijkstra_path(net.graph, "INNSA", "RUMOW", weight="length_km"), runs)
    rows: list[tuple[str, float, str]] = [
        ("baseline: nx.dijkstra_path on the base graph (length_km)", baseline, "")
    ]

    def best() -> Any:
        return route(net, "INNSA", "RUMOW").best.legs

    def best_with_mc() -> Any:
        return route(net, "INNSA", "RUMOW").best.totals

    rows.append(("route INNSA->RUMOW, best, per-leg breakdown", median_ms(best, runs), "~1 ms"))
    rows.append(("route INNSA->RUMOW, best + P50/P90 (10,000-sample MC)", median_ms(best_with_mc, runs), ""))
    rows.append(
        (
            "route INNSA->RUMOW, K=3 distinct alternatives",
            median_ms(lambda: route(net, "INNSA", "RUMOW", alternatives=3), runs),
            "< 10 ms",
        )
    )
    rows.append(
        (
            "route INNSA->RUMOW, K=3, scenario red-sea-closed",
            median_ms(lambda: route(net, "INNSA", "RUMOW", scenario="red-sea-closed", alternatives=3), runs),
            "",
        )
    )
    infeasible = presets()["nsr-winter-no-ice-class"].model_copy(
        update={"closed_chokepoints": ("suez", "cape-of-good-hope")}
    )
    scenario_view(net, infeasible)
    rows.append(
        (
            "route with no answer + reason (RULED->RUVVO, sea only, all shut)",
            median_ms(
                lambda: route(net, "RULED", "RUVVO", scenario=infeasible, **SEA_ONLY), max(5, runs // 5)
            ),
            "",
        )
    )
    n_nodes = len(transit_matrix(net).index)
    rows.append(
        (
            f"all-pairs transit-time matrix, {n_nodes} port/city nodes",
            median_ms(lambda: transit_matrix(net), max(3, runs // 10)),
            "< 1 s",
        )
    )
    one = route(net, "INNSA", "RUMOW").best
    rows.append(
        (
            f"Monte Carlo, 10,000 samples, one route ({len(one.dwell_items)} dwell ranges)",
            median_ms(lambda: one.transit_samples(samples=10_000), runs),
            "< 50 ms",
        )
    )

    ours = {}
    for origin, destination in SEA_PAIRS:
        ours[(origin, destination)] = route(net, origin, destination, optimize="distance", **SEA_ONLY).best
    ours_ms = median_ms(
        lambda: [route(net, o, d, optimize="distance", **SEA_ONLY).best.legs for o, d in SEA_PAIRS], runs
    )
    rows.append((f"corridors: {len(SEA_PAIRS)} sea-only routes (distance)", ours_ms, ""))

    searoute_rows = []
    try:
        import searoute
    except ImportError:
        searoute = None
    if searoute is not None:
        positions = {n: (d["x"], d["y"]) for n, d in net.graph.nodes(data=True)}

        def with_searoute() -> list[Any]:
            return [searoute.searoute(positions[o], positions[d], units="km") for o, d in SEA_PAIRS]

        sr_ms = median_ms(with_searoute, max(5, runs // 5))
        rows.append(
            (f"searoute: the same {len(SEA_PAIRS)} pairs", sr_ms, f"corridors x{sr_ms / ours_ms:.1f} faster")
        )
        for (o, d), found in zip(SEA_PAIRS, with_searoute(), strict=True):
            searoute_rows.append(
                (o, d, ours[(o, d)].distance_km, found["properties"]["length"], ours[(o, d)].label)
            )

    print(
        f"corridors engine benchmark: {len(net.nodes)} nodes, {len(net.legs)} legs; expanded graph "
        f"{len(exp.nodes)} nodes, {len(exp.edges)} edges; median of {runs} runs"
    )
    print(
        f"cold: load_network {load_ms:.0f} ms, expanded graph {cold_expand:.1f} ms, one scenario view {cold_view:.1f} ms"
    )
    print()
    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'median ms':>10}  {'x baseline':>10}  target / note")
    for name, ms, note in rows:
        print(f"{name:<{width}}  {ms:>10.3f}  {ms / baseline:>10.1f}  {note}")
    if searoute_rows:
        print()
        print("sea distances, corridors vs searoute (km):")
        for o, d, km, sr_km, label in searoute_rows:
            print(f"  {o}->{d}: {km:>8.0f} vs {sr_km:>8.0f}  ({(km / sr_km - 1) * 100:+.1f}%)  {label}")


if __name__ == "__main__":
    main()
