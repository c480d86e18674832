"""What a run in the browser may ask for, and where it runs: pure decisions."""

from __future__ import annotations

from vip.simulation.inputs import Mode, Scenario

# A public page: one run may not hold a worker for long. Accounting is arithmetic (microseconds);
# an equilibrium of 400,000 agents takes about a second, so these bound a run to a minute or so.
MAX_AGENTS = 2_000_000
MAX_SWEEP_STEPS = 25


def runs_in_background(scenario: Scenario) -> bool:
    """Accounting runs at once, in the request; an equilibrium (or a sweep of one) goes to the
    task queue, and the page shows its progress."""
    return scenario.mode != Mode.ACCOUNTING


def steps(sweep_values: list[float]) -> int:
    """The progress bar's steps: one per point of a sweep, one for a single run."""
    return max(len(sweep_values), 1)
