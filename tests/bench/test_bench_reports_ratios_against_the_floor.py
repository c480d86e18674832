from __future__ import annotations

import pytest

from vip.bench import simulation as bench

KEYS = {"name", "size", "seconds", "baseline", "baseline_seconds", "ratio"}


def test_a_bench_result_has_the_shared_shape_and_ratio_is_floor_over_time() -> None:
    result = bench.kernel_case(20_000, bandwidth=1e10).to_json()
    assert set(result) >= KEYS
    assert result["ratio"] == pytest.approx(result["baseline_seconds"] / result["seconds"])


def test_the_equilibrium_case_reports_its_bisection_iterations() -> None:
    result = bench.equilibrium_case(20_000, bandwidth=1e10).to_json()
    assert set(result) >= KEYS
    assert 1 <= result["iterations"] <= 200
