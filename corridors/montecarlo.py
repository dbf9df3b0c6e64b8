"""Monte Carlo of transit time: uncertain dwell, fixed moving time.

Each dwell range (low, likely, high) is sampled independently from a
Beta-PERT (default) or triangular distribution; a route's transit time is
its moving time plus the sum of its sampled dwells. Vectorised with numpy
and seeded, so the same inputs always give the same percentiles.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corridors._errors import ValidationError

__all__ = ["percentiles", "sample_dwell", "transit_samples"]

_PERT_SHAPE = 4.0


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
    """
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
    """
    rng = np.random.default_rng(seed)
    if len(low) == 0:
        return np.full(samples, float(moving_h))
    dwell = sample_dwell(low, likely, high, samples=samples, rng=rng, distribution=distribution)
    return moving_h + dwell.sum(axis=1)


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
