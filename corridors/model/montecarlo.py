"""Monte Carlo of transit time: uncertain dwell, fixed moving time.

Each dwell range (low, likely, high) is sampled independently from a
Beta-PERT (default) or triangular distribution; a route's transit time is
its moving time plus the sum of its sampled dwells. Vectorised with numpy
and seeded, so the same inputs always give the same percentiles.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

from corridors._errors import LimitError, ValidationError
from corridors._text import short

__all__ = ["MAX_SAMPLES", "check_samples", "percentiles", "sample_dwell", "transit_samples"]

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
