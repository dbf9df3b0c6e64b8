"""Tests of corridors.model.montecarlo."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridors._errors import ValidationError
from corridors.model.montecarlo import QUANTILES, percentiles, sample_components, sample_dwell, transit_samples


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


# ------------------------------------------------------------ sample_components
def _cols(*triples: tuple[float, float, float]) -> np.ndarray:
    """(3, k) ranges from k (low, likely, high) triples."""
    return np.array(triples, dtype=float).T.reshape(3, -1)


def test_components_are_seeded_and_fixed_ones_are_constant() -> None:
    time = _cols((10, 20, 60), (5, 5, 5))
    cost = _cols((100, 100, 100), (50, 50, 50))
    co2 = _cols((0, 0, 0), (7, 7, 7))
    a = sample_components(time, cost, co2, samples=3000, seed=4)
    b = sample_components(time, cost, co2, samples=3000, seed=4)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert np.all(a[1] == 150) and np.all(a[2] == 7)  # no cost or CO2e range: the likely sums
    assert a[0].min() >= 15 and a[0].max() <= 65
    assert a[0].mean() == pytest.approx(5 + (10 + 4 * 20 + 60) / 6, rel=0.01)
    nothing = sample_components(_cols((3, 3, 3)), _cols((1, 1, 1)), _cols((2, 2, 2)), samples=5, seed=1)
    assert [list(x) for x in nothing] == [[3] * 5, [1] * 5, [2] * 5]


def test_a_components_cost_and_co2e_move_with_its_time() -> None:
    # one component: a slow passage (in ice) pays more and burns more, the same draw
    time, cost, co2 = sample_components(
        _cols((100, 150, 300)), _cols((10, 20, 90)), _cols((1, 2, 5)), samples=5000, seed=2
    )
    order = np.argsort(time)
    assert np.all(np.diff(cost[order]) >= -1e-9) and np.all(np.diff(co2[order]) >= -1e-9)
    assert cost.min() >= 10 and cost.max() <= 90 and co2.min() >= 1 and co2.max() <= 5
    # a cost range on a component of fixed time is sampled on its own
    _, alone, _ = sample_components(_cols((4, 4, 4)), _cols((10, 20, 90)), _cols((0, 0, 0)), samples=5000, seed=2)
    assert alone.std() > 0 and alone.mean() == pytest.approx((10 + 80 + 90) / 6, rel=0.02)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(*(st.tuples(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100)).map(sorted) for _ in range(3))),
        min_size=1,
        max_size=6,
    )
)
def test_component_percentiles_lie_within_the_summed_ranges(components) -> None:
    ranges = [_cols(*(c[i] for c in components)) for i in range(3)]
    totals = sample_components(*ranges, samples=2000, seed=3)
    for r, values in zip(ranges, totals, strict=True):
        p10, p50, p90 = percentiles(values, QUANTILES)
        assert r[0].sum() - 1e-6 <= p10 <= p50 <= p90 <= r[2].sum() + 1e-6


def test_component_options_are_checked() -> None:
    one = _cols((1, 2, 3))
    with pytest.raises(ValidationError, match="unknown distribution"):
        sample_components(one, one, one, samples=10, seed=1, distribution="normal")
    with pytest.raises(ValidationError):
        sample_components(one, one, one, samples=0, seed=1)
    triangular = sample_components(_cols((10, 20, 60)), one, one, samples=100_000, seed=5, distribution="triangular")
    assert triangular[0].mean() == pytest.approx((10 + 20 + 60) / 3, rel=0.01)
