"""Monotone curves over price bins and a bisection solver that provably converges on them.

Agents are binned once (see kernels). A `BinnedQueue` orders them by price: the cheapest hosts
first, or the migrants with the lowest reservation (highest willingness to pay) first. Reading a
curve at a number m is a binary search over cumulative counts: the equilibrium never touches the
agents again, whatever the number of bisection steps.

The solver bisects on the number m of sponsorships over [0, upper] for the largest m at which a
predicate holds. Each predicate is "the marginal host's cost is at most what the marginal
migrant pays", with a non-decreasing left side and a non-increasing right side, so it is true on
[0, m*] and false above: bisection halves the bracket at every step and converges to m*. It keeps
the last feasible point, so when a shock only makes the predicate harder (higher costs, a
smaller wage) the answer can only fall, exactly, not just up to a tolerance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
RELATIVE_TOLERANCE = 1e-12
MAX_ITERATIONS = 200


@dataclass(frozen=True)
class BinnedQueue:
    """People in price bins (ascending), with per-bin sums of some money values (USD/year)."""

    count: Floats
    sums: dict[str, Floats]
    edges: Floats  # bin edges, USD per year (len = bins + 1)

    @cached_property
    def total(self) -> float:
        return float(self.count.sum())

    @cached_property
    def cumulative(self) -> Floats:
        return np.cumsum(self.count)

    def crossing(self, number: float) -> tuple[int, float]:
        """The bin holding the number-th person in the queue, and how much of it is taken."""
        cumulative = self.cumulative
        index = int(np.searchsorted(cumulative, number, side="left"))
        index = min(index, self.count.size - 1)
        before = cumulative[index] - self.count[index]
        taken = 0.0 if self.count[index] == 0 else (number - before) / self.count[index]
        return index, float(min(max(taken, 0.0), 1.0))

    def upper_price(self, number: float) -> float:
        """An upper bound on the number-th person's price: his bin's upper edge."""
        return float(self.edges[self.crossing(number)[0] + 1])

    def lower_price(self, number: float) -> float:
        return float(self.edges[self.crossing(number)[0]])

    def sum_of_first(self, name: str, number: float) -> float:
        """The named sum over the first `number` people (a partial bin counts pro rata)."""
        if number <= 0:
            return 0.0
        index, taken = self.crossing(number)
        values = self.sums[name]
        return float(values[:index].sum() + taken * values[index])

    def mean_of_first(self, name: str, number: float) -> float:
        """The named sum's mean over the first `number` people (the first bin's mean near 0)."""
        index, taken = self.crossing(number)
        people = self.cumulative[index] - self.count[index] + taken * self.count[index]
        if people <= 0:
            first = int(np.argmax(self.count > 0))
            return float(self.sums[name][first] / self.count[first]) if self.total > 0 else 0.0
        return self.sum_of_first(name, number) / float(people)

    def taken_per_bin(self, number: float) -> Floats:
        """For each bin, the share of its people among the first `number` in the queue."""
        index, taken = self.crossing(number)
        share = (np.arange(self.count.size) < index).astype(np.float64)
        share[index] = taken if number > 0 else 0.0
        return share


@dataclass(frozen=True)
class Solution:
    migrants: float
    iterations: int


def largest_feasible(feasible: Callable[[float], bool], upper: float) -> Solution:
    """The largest m in [0, upper] with feasible(m), for a predicate true then false."""
    if upper <= 0 or feasible(upper):
        return Solution(max(upper, 0.0), 1)
    low, high, iterations = 0.0, upper, 1
    while high - low > RELATIVE_TOLERANCE * upper and iterations < MAX_ITERATIONS:
        middle = 0.5 * (low + high)
        if feasible(middle):
            low = middle
        else:
            high = middle
        iterations += 1
    return Solution(low, iterations)
