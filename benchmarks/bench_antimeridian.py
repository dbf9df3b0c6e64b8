"""Benchmark the hand-written antimeridian cuts against the ``antimeridian`` package.

Run: ``python benchmarks/bench_antimeridian.py [--runs N]``

The bundled legs that cross ±180° are stored cut (RFC 7946 MultiLineStrings);
each is joined back into one LineString that jumps across the antimeridian
(the cut points at ±180° dropped), and that line is cut again by:

- ``viz split``: :func:`corridors.viz.geometry.split_antimeridian` (what the map
  draws; the crossing latitude is interpolated linearly in lon/lat), against
  ``antimeridian.fix_line_string(line, great_circle=False)``;
- ``geodesic cut``: :func:`corridors.network.geodesy.cut_antimeridian` (what the
  network reader stores; the crossing latitude lies on the WGS84 geodesic),
  against ``antimeridian.fix_line_string(line, great_circle=True)`` (great
  circle on a sphere).

Both sides are timed with the conversion the caller needs (lists of
``[lon, lat]`` for the map, a shapely geometry for the reader). The table shows
median µs per call (over N runs), the ratio library / hand-written, and whether
the outputs agree: same number of parts, same cut longitudes and crossing
latitudes within 1e-6°. ``antimeridian`` is imported here only; it is not a
dependency of corridors (``pip install antimeridian`` to run this).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import antimeridian
from shapely.geometry import LineString, MultiLineString

from corridors.network.geodesy import cut_antimeridian
from corridors.network.loader import load_network
from corridors.viz.geometry import split_antimeridian

TOLERANCE = 1e-6  # degrees


def crossing_legs() -> dict[str, LineString]:
    """The bundled legs cut at ±180°, each joined back into one jumping LineString."""
    legs = load_network().legs
    out: dict[str, LineString] = {}
    for leg_id, geom in legs.geometry.items():
        if isinstance(geom, MultiLineString) and any(abs(abs(p.coords[-1][0]) - 180.0) < TOLERANCE for p in geom.geoms):
            coords: list[tuple[float, float]] = []
            for part in geom.geoms:
                pts = [tuple(c[:2]) for c in part.coords if abs(abs(c[0]) - 180.0) >= TOLERANCE]
                coords.extend(pts)
            out[str(leg_id)] = LineString(coords)
    return out


def _parts(geom: Any) -> list[list[tuple[float, float]]]:
    if isinstance(geom, list):
        return [[(float(x), float(y)) for x, y, *_ in part] for part in geom]
    parts = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    return [[(float(x), float(y)) for x, y, *_ in part.coords] for part in parts]


def _cuts(parts: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """(longitude, latitude) of every cut: the end of each part but the last."""
    return [part[-1] for part in parts[:-1]]


def agree(a: Any, b: Any) -> tuple[bool, float]:
    """Whether two cuts agree, and the largest difference of crossing latitudes (degrees)."""
    pa, pb = _parts(a), _parts(b)
    if len(pa) != len(pb):
        return False, float("nan")
    ca, cb = _cuts(pa), _cuts(pb)
    worst = max((abs(x[1] - y[1]) for x, y in zip(ca, cb, strict=True)), default=0.0)
    same_lons = all(abs(x[0] - y[0]) < TOLERANCE for x, y in zip(ca, cb, strict=True))
    return same_lons and worst < TOLERANCE, worst


def _as_parts(geom: Any) -> list[Any]:
    return list(geom.geoms) if hasattr(geom, "geoms") else [geom]


def median_us(fn: Callable[[], Any], runs: int) -> float:
    """Median wall time of ``fn()`` in microseconds (each sample averages a batch of calls)."""
    fn()
    batch = 50
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(batch):
            fn()
        samples.append((time.perf_counter() - start) / batch * 1e6)
    return statistics.median(samples)


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed batches per cell (default 21)")
    args = parser.parse_args()

    rows = []
    for leg_id, line in crossing_legs().items():
        coords = list(line.coords)
        pairs = {
            "viz split": (
                lambda coords=coords: split_antimeridian(coords),
                lambda line=line: [list(map(list, p.coords)) for p in _as_parts(antimeridian.fix_line_string(line, great_circle=False))],
            ),
            "geodesic cut": (
                lambda line=line: cut_antimeridian(line),
                lambda line=line: antimeridian.fix_line_string(line, great_circle=True),
            ),
        }
        for what, (ours, theirs) in pairs.items():
            ok, worst = agree(ours(), theirs())
            t_ours, t_theirs = median_us(ours, args.runs), median_us(theirs, args.runs)
            rows.append((leg_id, what, len(coords), t_ours, t_theirs, t_theirs / t_ours, ok, worst))

    header = f"{'leg':<26} {'function':<13} {'pts':>4} {'ours µs':>9} {'lib µs':>9} {'lib/ours':>9} {'agree':>6} {'max Δlat °':>11}"
    print(header)
    print("-" * len(header))
    for leg_id, what, n, t_ours, t_theirs, ratio, ok, worst in rows:
        print(f"{leg_id:<26} {what:<13} {n:>4} {t_ours:>9.1f} {t_theirs:>9.1f} {ratio:>9.1f} {'yes' if ok else 'NO':>6} {worst:>11.2e}")



if __name__ == "__main__":
    main()
