"""Run a scenario in its mode on a backend, with a progress bar when it takes a while."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from types import TracebackType

import numpy as np
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from vip.simulation import accounting, model
from vip.simulation.inputs import InputError, Mode, Scenario, domain_of
from vip.simulation.outcome import SimulationOutcome
from vip.simulation.population import Draws, Tally, chunk_tally

Report = Callable[[int, int], None]  # (chunks done, chunks in all)
SHOW_AFTER_SECONDS = 1.0


class Compute(StrEnum):
    """Where an equilibrium's agents are drawn and tallied."""

    NUMPY = "numpy"  # in this process
    DASK = "dask"  # on a Dask cluster (a local one by default)


@dataclass(frozen=True)
class Backend:
    name: Compute = Compute.NUMPY
    address: str | None = None

    @classmethod
    def parse(cls, name: str, address: str | None) -> Backend:
        if name not in list(Compute):
            raise InputError("backend", f"must be {' or '.join(Compute)}, got {name!r}")
        if address is not None and name != Compute.DASK:
            raise InputError("dask-address", "only with --backend dask")
        return cls(Compute(name), address)


class ProgressBar:
    """A rich progress bar that appears only once the work has taken more than a second."""

    def __init__(self, console: Console, total: int = 0, label: str = "agents") -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._progress.add_task(label, total=total)
        self._started = time.monotonic()
        self._shown = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._shown:
            self._progress.stop()

    def __call__(self, done: int, total: int) -> None:
        self._progress.update(self._task, completed=done, total=total)
        self._show_if_slow()

    def advance(self) -> None:
        self._progress.advance(self._task)
        self._show_if_slow()

    def _show_if_slow(self) -> None:
        if not self._shown and time.monotonic() - self._started > SHOW_AFTER_SECONDS:
            self._progress.start()
            self._shown = True


def numpy_tally(draws: Draws, report: Report | None = None) -> Tally:
    """Chunk after chunk in this process: memory stays at one chunk whatever the population."""
    total = chunk_tally(draws, 0)
    for chunk in range(1, draws.chunks):
        total = total + chunk_tally(draws, chunk)
        if report is not None:
            report(chunk + 1, draws.chunks)
    return total


def run(
    scenario: Scenario, backend: Backend = Backend(), report: Report | None = None
) -> SimulationOutcome:
    if scenario.mode == Mode.ACCOUNTING:
        return accounting.run(scenario)
    if backend.name == Compute.DASK:
        from vip.simulation import dask_backend

        tally = partial(dask_backend.dask_tally, address=backend.address, report=report)
        return model.run(scenario, tally)
    return model.run(scenario, partial(numpy_tally, report=report))


MAX_SWEEP_STEPS = 200  # a sweep is read off a plot; more points only take longer


def sweep_values(scenario: Scenario, text: str) -> tuple[str, list[float]]:
    """`key=start:stop:steps` into the key and its values, each checked against the key's domain."""
    key, separator, spec = text.partition("=")
    parts = spec.split(":")
    if not separator or len(parts) != 3:
        raise InputError("sweep", f"expected key=start:stop:steps, got {text!r}")
    if key not in scenario.inputs:
        raise InputError(key, f"not an input of {scenario.name} in {scenario.mode} mode")
    try:
        start, stop, steps = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise InputError(
            "sweep", f"start and stop must be numbers, steps a whole number: {text!r}"
        ) from None
    if not 2 <= steps <= MAX_SWEEP_STEPS:
        raise InputError("sweep", f"steps must be from 2 to {MAX_SWEEP_STEPS}")
    values = [float(value) for value in np.linspace(start, stop, steps)]
    for value in values:
        domain_of(key).check(key, value)
    return key, values
