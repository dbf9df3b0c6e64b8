"""Monte Carlo of transit time, cost and CO2e over a route's components.

A route is a list of components: each leg's moving time and each dwell
(transfer, border, canal, port calls, waiting for a train or an icebreaker),
every one a range (low, likely, high) of hours, with a range of cost and of
CO2e beside it. Each component is sampled independently from a Beta-PERT
(default) or triangular distribution; its cost and CO2e move with its time
(one draw per component: a slow passage in ice burns more fuel and pays the
escort; a dwell's fee is fixed). Totals are sums over components.
Vectorised with numpy and seeded, so the same inputs always give the same
percentiles.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Sequence

import numpy as np

from corridors._errors import LimitError, ValidationError
from corridors._text import short

__all__ = [
    "HEADLINE",
    "MAX_SAMPLES",
    "QUANTILES",
    "check_samples",
    "percentiles",
    "sample_components",
    "sample_dwell",
    "transit_samples",
]

QUANTILES = (10, 50, 90)
"""Percentiles reported for every total: P10, P50, P90."""
HEADLINE = 50
"""The percentile quoted as a route's figure everywhere (tables, CSV, charts, CLI): P50."""

MAX_SAMPLES = 100_000
"""Most Monte Carlo draws one call may ask for (a protective limit for a shared server)."""

_PERT_SHAPE = 4.0


def check_samples(samples: object) -> int:
    """Return `samples` as an int after checking it is a whole number from 1 to :data:`MAX_SAMPLES`.

    Parameters
    ----------
    samples
        The number of draws asked for.

    Returns
    -------
    int

    Raises
    ------
    ValidationError
        When it is not a positive whole number.
    LimitError
        When it is over :data:`MAX_SAMPLES`.
    """
    if isinstance(samples, bool) or not isinstance(samples, numbers.Integral):
        msg = f"Monte Carlo samples must be a whole number, got {short(samples)}"
        raise ValidationError(msg)
    count = int(samples)
    shown = f"{count:,}" if abs(count) < 10**15 else f"a {len(str(abs(count))):,}-digit number"
    if count < 1:
        msg = f"Monte Carlo samples must be at least 1, got {shown}"
        raise ValidationError(msg)
    if count > MAX_SAMPLES:
        msg = f"{shown} Monte Carlo samples asked for, over the limit of {MAX_SAMPLES:,} (MAX_SAMPLES)"
        raise LimitError(msg)
    return count



def sample_dwell(
    low: Sequence[float] | np.ndarray,
    likely: Sequence[float] | np.ndarray,
    high: Sequence[float] | np.ndarray,
    *,
    samples: int,
    rng: np.random.Generator,
    distribution: str = "pert",
) -> np.ndarray:
    """Sample dwell times for several independent ranges.

    Parameters
    ----------
    low, likely, high
        Ranges in hours, shape (k,), ``low <= likely <= high``.
    samples
        Number of draws per range.
    rng
        Random generator (seeded by the caller).
    distribution
        ``"pert"`` (Beta-PERT, shape 4) or ``"triangular"``.

    Returns
    -------
    numpy.ndarray
        Shape (samples, k), hours. A range with ``low == high`` is constant.

    Raises
    ------
    LimitError
        When `samples` is over :data:`MAX_SAMPLES`.
    """
    samples = check_samples(samples)
    lo = np.asarray(low, dtype=float)
    ml = np.asarray(likely, dtype=float)
    hi = np.asarray(high, dtype=float)
    width = hi - lo
    spread = width > 0
    out = np.broadcast_to(ml, (samples, lo.size)).copy()
    if not spread.any():
        return out
    lo_s, ml_s, hi_s, w_s = lo[spread], ml[spread], hi[spread], width[spread]
    if distribution == "pert":
        alpha = 1.0 + _PERT_SHAPE * (ml_s - lo_s) / w_s
        beta = 1.0 + _PERT_SHAPE * (hi_s - ml_s) / w_s
        draws = lo_s + w_s * rng.beta(alpha, beta, size=(samples, lo_s.size))
    elif distribution == "triangular":
        draws = rng.triangular(lo_s, ml_s, hi_s, size=(samples, lo_s.size))
    else:
        msg = f"unknown distribution {distribution!r}; use 'pert' or 'triangular'"
        raise ValidationError(msg)
    out[:, spread] = draws
    return out


def transit_samples(
    moving_h: float,
    low: Sequence[float] | np.ndarray,
    likely: Sequence[float] | np.ndarray,
    high: Sequence[float] | np.ndarray,
    *,
    samples: int = 10_000,
    seed: int = 0,
    distribution: str = "pert",
) -> np.ndarray:
    """Sample total transit times (hours) of one route.

    Parameters
    ----------
    moving_h
        Fixed moving time of the route.
    low, likely, high
        Dwell ranges along the route (hours).
    samples
        Number of draws.
    seed
        Seed of :func:`numpy.random.default_rng`.
    distribution
        ``"pert"`` or ``"triangular"``.

    Returns
    -------
    numpy.ndarray
        Shape (samples,), hours.

    Raises
    ------
    ValidationError
        When `samples` is not a positive whole number.
    LimitError
        When `samples` is over :data:`MAX_SAMPLES`.
    """
    samples = check_samples(samples)
    rng = np.random.default_rng(seed)
    if len(low) == 0:
        return np.full(samples, float(moving_h))
    dwell = sample_dwell(low, likely, high, samples=samples, rng=rng, distribution=distribution)
    return moving_h + dwell.sum(axis=1)


def sample_components(
    time: np.ndarray,
    cost: np.ndarray,
    co2: np.ndarray,
    *,
    samples: int,
    seed: int,
    distribution: str = "pert",
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sample total time, cost and CO2e of a route's components.

    Parameters
    ----------
    time, cost, co2
        Shape (3, k): rows low, likely, high; one column per component
        (hours, USD/TEU, kg CO2e/TEU); ``low <= likely <= high``.
    samples
        Number of draws.
    seed
        Seed of :func:`numpy.random.default_rng`.
    distribution
        ``"pert"`` or ``"triangular"``.

    Returns
    -------
    tuple of numpy.ndarray
        Total time, cost and CO2e samples, each shape (samples,).

    Raises
    ------
    ValidationError
        When `samples` is not a positive whole number or the distribution is unknown.
    LimitError
        When `samples` is over :data:`MAX_SAMPLES`.

    Notes
    -----
    Each component's draw is a fraction ``u`` of its driving range (its
    time, or its cost or CO2e when the time is fixed), from the PERT or
    triangular law of that range by inverse transform of one uniform draw
    (the PERT quantile function is tabulated once, with the mode on a grid
    of 1/100 of the range: exact enough for percentiles, and several times
    faster than drawing from ``Generator.beta``); all three quantities of the component
    take the same ``u``, mapped piecewise-linearly so that the driving
    range's mode lands on each quantity's likely value.
    """
    samples = check_samples(samples)
    if distribution not in ("pert", "triangular"):
        msg = f"unknown distribution {distribution!r}; use 'pert' or 'triangular'"
        raise ValidationError(msg)
    ranges = [np.asarray(t, dtype=float).reshape(3, -1) for t in (time, cost, co2)]
    widths = [r[2] - r[0] for r in ranges]
    driver = np.where(widths[0] > 0, 0, np.where(widths[1] > 0, 1, np.where(widths[2] > 0, 2, -1)))
    spread = driver >= 0
    fixed = [float(r[1][~spread].sum()) for r in ranges]
    if not spread.any():
        return tuple(np.full(samples, f) for f in fixed)  # type: ignore[return-value]
    cols = np.flatnonzero(spread)
    pick = driver[cols]
    lo = np.choose(pick, [r[0][cols] for r in ranges])
    ml = np.choose(pick, [r[1][cols] for r in ranges])
    hi = np.choose(pick, [r[2][cols] for r in ranges])
    mode = (ml - lo) / (hi - lo)
    uniform = np.random.default_rng(seed).random((samples, cols.size))
    u = _pert_fraction(uniform, mode) if distribution == "pert" else _triangular_fraction(uniform, mode)
    below = np.minimum(u / np.where(mode > 0, mode, 1.0), 1.0)
    above = np.maximum((u - mode) / np.where(mode < 1, 1.0 - mode, 1.0), 0.0)
    totals = []
    for r, f in zip(ranges, fixed, strict=True):
        low, likely, high = r[0][cols], r[1][cols], r[2][cols]
        if np.array_equal(low, high):
            totals.append(np.full(samples, f + float(likely.sum())))
            continue
        values = low + (likely - low) * below + (high - likely) * above
        totals.append(f + values.sum(axis=1))
    return tuple(totals)  # type: ignore[return-value]


_MODE_STEPS = 100
_QUANTILE_POINTS = 2048


@functools.lru_cache(maxsize=1)
def _pert_quantile_table() -> np.ndarray:
    """Quantile functions of Beta-PERT on [0, 1], one row per mode 0, 0.01, ..., 1."""
    x = np.linspace(0.0, 1.0, 8193)
    p = np.linspace(0.0, 1.0, _QUANTILE_POINTS + 1)
    rows = []
    for m in np.linspace(0.0, 1.0, _MODE_STEPS + 1):
        pdf = x ** (_PERT_SHAPE * m) * (1.0 - x) ** (_PERT_SHAPE * (1.0 - m))
        cdf = np.concatenate(([0.0], np.cumsum((pdf[1:] + pdf[:-1]) / 2.0)))
        cdf /= cdf[-1]
        rows.append(np.interp(p, cdf, x))
    table = np.array(rows)
    table.setflags(write=False)
    return table


def _pert_fraction(uniform: np.ndarray, mode: np.ndarray) -> np.ndarray:
    """Beta-PERT fractions of the range for uniform draws, by columns with modes `mode`."""
    table = _pert_quantile_table()
    row = np.rint(np.clip(mode, 0.0, 1.0) * _MODE_STEPS).astype(np.intp)
    scaled = uniform * _QUANTILE_POINTS
    index = np.minimum(scaled.astype(np.intp), _QUANTILE_POINTS - 1)
    weight = scaled - index
    lower = table[row, index]
    upper = table[row, index + 1]
    return lower + (upper - lower) * weight


def _triangular_fraction(uniform: np.ndarray, mode: np.ndarray) -> np.ndarray:
    """Triangular fractions of the range (inverse CDF) for uniform draws."""
    rising = np.sqrt(uniform * mode)
    falling = 1.0 - np.sqrt((1.0 - uniform) * (1.0 - mode))
    return np.where(uniform < mode, rising, falling)


def percentiles(values: np.ndarray, qs: Sequence[float] = (50, 90)) -> tuple[float, ...]:
    """Return percentiles of `values` as plain floats.

    Parameters
    ----------
    values
        Samples.
    qs
        Percentiles in 0-100.

    Returns
    -------
    tuple of float
    """
    return tuple(float(v) for v in np.percentile(values, qs))
