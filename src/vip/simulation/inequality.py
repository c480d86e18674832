"""Inequality measures: the book's equalization gain, the Gini, the mean log deviation.

Radical Markets measures inequality as "the percentage by which an average individual's income
could be increased if income were equally distributed": the mean over people of mean/income - 1.
The mean log deviation (Theil's L) splits exactly into a between-group and a within-group part,
which is how the book separates inequality across countries from inequality within them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from vip.simulation.inputs import InputError

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Decomposition:
    """The mean log deviation as between-group plus within-group parts (they sum exactly)."""

    between: float
    within: float
    groups: dict[str, dict[str, float]]


@dataclass(frozen=True)
class Measures:
    equalization_gain_pct: float
    gini: float
    mean_log_deviation: float
    decomposition: Decomposition | None = None

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        if self.decomposition is None:
            del data["decomposition"]
        return data


def _dot(left: Floats, right: Floats) -> float:
    """A weighted sum by plain reduction: BLAS threads stall when the machine is busy."""
    return float(np.add.reduce(left * right))


def _validated(incomes: ArrayLike, weights: ArrayLike | None) -> tuple[Floats, Floats]:
    values = np.asarray(incomes, dtype=np.float64)
    mass = np.ones_like(values) if weights is None else np.asarray(weights, dtype=np.float64)
    if values.ndim != 1 or values.size == 0:
        raise InputError("incomes", "give at least one income")
    if mass.shape != values.shape:
        raise InputError("weights", "give one weight per income")
    if not np.all(np.isfinite(values)) or np.any(values <= 0):
        raise InputError("incomes", "every income must be a positive number")
    if not np.all(np.isfinite(mass)) or np.any(mass < 0) or mass.sum() <= 0:
        raise InputError("weights", "weights must be non-negative and not all zero")
    return values, mass / mass.sum()


def equalization_gain_pct(incomes: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Average percentage change of each person's income if all incomes were the mean."""
    values, share = _validated(incomes, weights)
    mean = _dot(share, values)
    return 100.0 * (mean * _dot(share, 1.0 / values) - 1.0)


def gini(incomes: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Weighted Gini: one minus twice the area under the Lorenz curve."""
    values, share = _validated(incomes, weights)
    order = np.argsort(values, kind="stable")
    income_share = (share[order] * values[order]) / _dot(share, values)
    lorenz = np.cumsum(income_share)
    below = lorenz - income_share
    return 1.0 - _dot(share[order], lorenz + below)


def mean_log_deviation(incomes: ArrayLike, weights: ArrayLike | None = None) -> float:
    values, share = _validated(incomes, weights)
    return float(np.log(_dot(share, values)) - _dot(share, np.log(values)))


def decompose(
    incomes: ArrayLike, groups: ArrayLike, weights: ArrayLike | None = None
) -> Decomposition:
    """Mean log deviation = sum of group shares times ln(overall mean / group mean) + within."""
    values, share = _validated(incomes, weights)
    labels = np.asarray(groups)
    if labels.shape != values.shape:
        raise InputError("groups", "give one group per income")
    names, codes = np.unique(labels, return_inverse=True)
    group_share = np.bincount(codes, weights=share, minlength=names.size).astype(np.float64)
    present = group_share > 0
    safe_share = np.where(present, group_share, 1.0)
    group_mean = np.bincount(codes, weights=share * values, minlength=names.size) / safe_share
    group_mean_log = (
        np.bincount(codes, weights=share * np.log(values), minlength=names.size) / safe_share
    )
    group_mld: Floats = np.where(
        present, np.log(np.where(present, group_mean, 1.0)) - group_mean_log, 0.0
    )
    mean = _dot(share, values)
    between = float(np.sum(group_share[present] * np.log(mean / group_mean[present])))
    parts = {
        str(name): {
            "population_share": float(group_share[index]),
            "mean_income": float(group_mean[index]),
            "mean_log_deviation": float(group_mld[index]),
        }
        for index, name in enumerate(names)
    }
    return Decomposition(between=between, within=_dot(group_share, group_mld), groups=parts)


def measure(
    incomes: ArrayLike, weights: ArrayLike | None = None, groups: ArrayLike | None = None
) -> Measures:
    """All the measures at once, with the decomposition when groups are given."""
    return Measures(
        equalization_gain_pct=equalization_gain_pct(incomes, weights),
        gini=gini(incomes, weights),
        mean_log_deviation=mean_log_deviation(incomes, weights),
        decomposition=None if groups is None else decompose(incomes, groups, weights),
    )
