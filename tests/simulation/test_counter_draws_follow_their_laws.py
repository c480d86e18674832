"""The counter-based generator: its words, its distributions, and draws that ignore chunking.

Distribution checks use large samples and bounds far in the tails (a Kolmogorov-Smirnov
statistic below 2.6 / sqrt(n), a one-in-a-million event for a true law; means and variances
within six standard errors), so a correct generator does not fail them by chance.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vip.simulation import counter_rng, kernels
from vip.simulation.labour import labour_of
from vip.simulation.population import draws_of, sample_natives

from .conftest import SmallScenario

SAMPLE = 200_000
KOLMOGOROV = 2.6  # sqrt(n) * D beyond it: p below 1e-6
examples = settings(max_examples=10, deadline=None, derandomize=True)
seeds = st.integers(min_value=0, max_value=2**63 - 1)
MASK = 2**64 - 1


def _splitmix64(state: int) -> int:
    """SplitMix64's output for a state (Steele, Lea and Flood's published constants)."""
    z = state & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def _kolmogorov(values: np.ndarray, cdf: np.ndarray) -> float:
    """sqrt(n) times the largest gap between the empirical and the true distribution."""
    n = values.size
    order = np.sort(cdf)
    steps = np.arange(1, n + 1) / n
    gap = max(float(np.max(steps - order)), float(np.max(order - (steps - 1.0 / n))))
    return math.sqrt(n) * gap


def _normal_cdf(z: np.ndarray) -> np.ndarray:
    erf = np.vectorize(math.erf)
    result: np.ndarray = 0.5 * (1.0 + erf(z / math.sqrt(2.0)))
    return result


def _normals(key: np.uint64, first: int, count: int) -> np.ndarray:
    positions = np.arange(first, first + count, dtype=np.int64)
    out = np.empty(count)
    counter_rng.normals_at(key, positions, out)
    return out


def test_a_word_is_splitmix64_at_the_counters_position() -> None:
    key = np.uint64(counter_rng.stream_key(2018, counter_rng.MIGRANT))
    for counter in (0, 1, 2, 10**9, 3 * 10**12):
        expected = _splitmix64(int(key) + counter * 0x9E3779B97F4A7C15)
        assert int(counter_rng.word(key, counter)) == expected


def test_each_seed_and_stream_starts_somewhere_else() -> None:
    keys = {int(counter_rng.stream_key(seed, stream)) for seed in range(50) for stream in range(4)}
    assert len(keys) == 200


def test_the_logarithm_exponential_and_turn_agree_with_the_c_library() -> None:
    for x in np.concatenate([np.geomspace(1e-300, 1.0, 20_001), np.linspace(0.5, 2.0, 20_001)]):
        assert abs(counter_rng.log_positive(x) - math.log(x)) <= 4e-16 * max(
            abs(math.log(x)), 1e-300
        ), x
    for x in np.linspace(-50.0, 50.0, 40_001):
        assert abs(counter_rng.exp_moderate(x) - math.exp(x)) <= 4e-16 * math.exp(x), x
    for t in np.linspace(0.0, 1.0, 40_001, endpoint=False):
        cos, sin = counter_rng.cos_sin_turn(t)
        assert abs(cos - math.cos(2 * math.pi * t)) < 2e-15, t
        assert abs(sin - math.sin(2 * math.pi * t)) < 2e-15, t


@examples
@given(seed=seeds)
def test_uniforms_are_uniform(seed: int) -> None:
    values = np.empty(SAMPLE)
    counter_rng.uniforms(np.uint64(counter_rng.stream_key(seed, 1)), 0, values)
    assert values.min() >= 0.0 and values.max() < 1.0
    assert abs(values.mean() - 0.5) < 6 * math.sqrt(1 / 12 / SAMPLE)
    assert abs(values.var() - 1 / 12) < 6 * math.sqrt(1 / 180 / SAMPLE)
    assert _kolmogorov(values, values) < KOLMOGOROV


@examples
@given(seed=seeds, first=st.integers(min_value=0, max_value=10**12))
def test_normals_are_standard_normal_wherever_the_stream_is_read(seed: int, first: int) -> None:
    values = _normals(np.uint64(counter_rng.stream_key(seed, 1)), first, SAMPLE)
    assert abs(values.mean()) < 6 / math.sqrt(SAMPLE)
    assert abs(values.var() - 1.0) < 6 * math.sqrt(2 / SAMPLE)
    assert abs(np.mean(values**3)) < 6 * math.sqrt(15 / SAMPLE)  # symmetric
    assert abs(np.mean(values**4) - 3.0) < 6 * math.sqrt(96 / SAMPLE)  # tails of a normal
    assert _kolmogorov(values, _normal_cdf(values)) < KOLMOGOROV


def test_the_two_normals_of_a_pair_are_uncorrelated() -> None:
    values = _normals(np.uint64(counter_rng.stream_key(7, 1)), 0, 2 * SAMPLE)
    assert abs(np.corrcoef(values[0::2], values[1::2])[0, 1]) < 6 / math.sqrt(SAMPLE)
    assert abs(np.corrcoef(values[0::2] ** 2, values[1::2] ** 2)[0, 1]) < 6 / math.sqrt(SAMPLE)


@given(first=st.integers(min_value=0, max_value=10**15), size=st.integers(1, 2000))
@settings(max_examples=50, deadline=None)
def test_a_block_of_draws_starting_anywhere_equals_the_draws_one_by_one(
    first: int, size: int
) -> None:
    key = np.uint64(counter_rng.stream_key(3, 1))
    start = first - first % 2
    even, odd = np.empty((size + 2) // 2), np.empty((size + 2) // 2)
    counter_rng.fill_pairs(key, start // 2, even, odd)
    blocks = np.empty(even.size * 2)
    blocks[0::2], blocks[1::2] = even, odd
    np.testing.assert_array_equal(
        blocks[first - start : first - start + size], _normals(key, first, size)
    )
    u, z_home, z_move = np.empty(size), np.empty(size), np.empty(size)
    counter_rng.fill_migrants(key, first, u, z_home, z_move)
    assert (u[-1], z_home[-1], z_move[-1]) == counter_rng.migrant_draw(key, first + size - 1)


def test_natives_income_and_cost_have_the_joint_law_of_the_model(small: SmallScenario) -> None:
    scenario = small("vip-us", {"simulation.agents": 2 * SAMPLE})
    draws = draws_of(scenario, labour_of(scenario))
    native = sample_natives(draws, SAMPLE)
    log_income, log_cost = np.log(native.income), np.log(native.cost)
    log_median_cost, income_sigma, elasticity, cost_sigma = draws.cost_law
    n = log_income.size
    assert abs(log_income.mean() - draws.income_law[0]) < 6 * income_sigma / math.sqrt(n)
    assert abs(log_income.std() / income_sigma - 1.0) < 6 / math.sqrt(2 * n)
    sigma = kernels.native_cost_sigma(draws.cost_law)
    assert sigma == math.hypot(elasticity * income_sigma, cost_sigma)
    assert abs(log_cost.mean() - log_median_cost) < 6 * sigma / math.sqrt(n)
    # log c = log c_median + elasticity (log y - log y_median) + noise: the slope on income
    slope = np.cov(log_cost, log_income)[0, 1] / log_income.var()
    assert abs(slope - elasticity) < 6 * cost_sigma / (income_sigma * math.sqrt(n))
