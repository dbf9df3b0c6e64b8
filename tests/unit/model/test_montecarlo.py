"""Tests of corridors.model.montecarlo."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridors._errors import ValidationError
from corridors.model.montecarlo import percentiles, sample_dwell, transit_samples


def test_seeded_and_reproducible() -> None:
    a = transit_samples(100.0, [10, 5], [20, 10], [40, 30], samples=5000, seed=7)
    b = transit_samples(100.0, [10, 5], [20, 10], [40, 30], samples=5000, seed=7)
    c = transit_samples(100.0, [10, 5], [20, 10], [40, 30], samples=5000, seed=8)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)


def test_no_dwell_or_no_spread_is_constant() -> None:
    assert np.all(transit_samples(50.0, [], [], [], samples=10) == 50.0)
    assert np.all(transit_samples(50.0, [3, 2], [3, 2], [3, 2], samples=10) == 55.0)


def test_pert_mean_and_bounds() -> None:
    rng = np.random.default_rng(1)
    draws = sample_dwell([10], [20], [60], samples=100_000, rng=rng)
    assert draws.min() >= 10 and draws.max() <= 60
    assert draws.mean() == pytest.approx((10 + 4 * 20 + 60) / 6, rel=0.01)


def test_triangular_mean() -> None:
    rng = np.random.default_rng(2)
    draws = sample_dwell([10], [20], [60], samples=100_000, rng=rng, distribution="triangular")
    assert draws.mean() == pytest.approx((10 + 20 + 60) / 3, rel=0.01)
    with pytest.raises(ValidationError):
        sample_dwell([1], [2], [3], samples=10, rng=rng, distribution="normal")


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100)).map(sorted), min_size=1, max_size=6
    ),
    st.floats(0, 1000),
)
def test_percentiles_lie_within_the_range(ranges, moving) -> None:
    low, likely, high = (list(x) for x in zip(*ranges, strict=True))
    samples = transit_samples(moving, low, likely, high, samples=2000, seed=3)
    p50, p90 = percentiles(samples)
    assert moving + sum(low) - 1e-6 <= p50 <= p90 <= moving + sum(high) + 1e-6
