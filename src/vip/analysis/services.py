"""Simulation runs in the browser: start one (counted against the client's address), and run it,
at once or on the task queue, recording its progress for the page that polls it.

The simulator is public (no login, nothing personal): there is no caller to check and no audit
event, since a run changes nothing of the program; the rate limit is what protects the workers."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction

from vip.analysis import rules, selectors
from vip.analysis.models import Run, RunStatus
from vip.cache import rate_limit
from vip.clock import now
from vip.errors import Invalid
from vip.simulation.inputs import InputError, Scenario

log = logging.getLogger(__name__)


def count_run(address: str) -> None:
    """Runs are rate-limited per client address, in the shared cache (every worker counts in one
    place): VIP_SIMULATIONS_PER_WINDOW in VIP_SIMULATION_WINDOW_SECONDS, then 429."""
    rate_limit(
        "simulations",
        address,
        settings.VIP_SIMULATIONS_PER_WINDOW,
        settings.VIP_SIMULATION_WINDOW_SECONDS,
        "TOO_MANY_RUNS",
        "simulation runs",
    )


def refused(error: InputError) -> Invalid:
    return Invalid("SIMULATION_INPUT", str(error), {"key": error.key})


def _checked(
    preset: str, mode: str, overrides: dict[str, object], name: str, sweep: str | None
) -> tuple[Scenario, str, list[float]]:
    from vip.simulation.runner import sweep_values  # numpy loads only where a run is made

    try:
        scenario = selectors.scenario(preset, mode, overrides, name)
        key, values = sweep_values(scenario, sweep) if sweep else ("", [])
    except InputError as error:
        raise refused(error) from None
    if "simulation.agents" in scenario.inputs and scenario.number("simulation.agents") > (
        rules.MAX_AGENTS
    ):
        raise Invalid(
            "SIMULATION_TOO_BIG",
            f"at most {rules.MAX_AGENTS} agents in the browser: use `vip simulate` for more",
            {"key": "simulation.agents", "maximum": rules.MAX_AGENTS},
        )
    if len(values) > rules.MAX_SWEEP_STEPS:
        raise Invalid(
            "SIMULATION_TOO_BIG",
            f"at most {rules.MAX_SWEEP_STEPS} steps in the browser: use `vip simulate` for more",
            {"key": "sweep", "maximum": rules.MAX_SWEEP_STEPS},
        )
    return scenario, key, values


def start_run(
    *,
    address: str,
    preset: str,
    mode: str,
    overrides: dict[str, object],
    name: str = "",
    sweep: str | None = None,
) -> Run:
    """A run of the preset in the mode with the inputs changed (and a sweep of one input): the
    inputs are checked whole first; accounting runs at once, an equilibrium on the task queue."""
    scenario, key, values = _checked(preset, mode, overrides, name, sweep)
    count_run(address)
    base = selectors.scenario(preset, scenario.mode, {})
    changed = {k: v.value for k, v in scenario.inputs.items() if base.inputs[k].value != v.value}
    with transaction.atomic(durable=True):
        created = Run.objects.create(
            preset=preset,
            mode=scenario.mode,
            name=scenario.name,
            overrides=changed,
            sweep_key=key,
            sweep_values=values,
            total=rules.steps(values),
            created_at=now(),
        )
    if rules.runs_in_background(scenario):
        from vip.analysis.tasks import simulate

        simulate.enqueue(str(created.pk))
    else:
        execute_run(run_id=str(created.pk))
    created.refresh_from_db()
    return created


def _failed(run_id: str, error: str) -> None:
    Run.objects.filter(pk=run_id).update(status=RunStatus.FAILED, error=error, finished_at=now())


def _progress(run_id: str, done: int, total: int) -> None:
    Run.objects.filter(pk=run_id).update(done=done, total=total)


def execute_run(*, run_id: str) -> Run:
    """Run it (the task queue's job, or the request's for accounting) and record the outcome as
    `vip simulate --json` prints it; each step done is written for the progress bar."""
    from vip.simulation.runner import run as simulate

    found = selectors.run(run_id)
    Run.objects.filter(pk=run_id).update(status=RunStatus.RUNNING, done=0)
    try:
        scenario = selectors.scenario_of(found)
        result: dict[str, Any]
        if found.sweep_key:
            results = []
            for step, value in enumerate(found.sweep_values, start=1):
                point = scenario.with_values({found.sweep_key: value}, "--sweep")
                results.append(simulate(point).to_json())
                _progress(run_id, step, len(found.sweep_values))
            result = {
                "sweep": {"key": found.sweep_key, "values": found.sweep_values, "results": results}
            }
        else:
            # Chunks of agents are the steps of one equilibrium run.
            result = simulate(scenario, report=lambda d, t: _progress(run_id, d, t)).to_json()
    except InputError as error:  # an accounting model's own check (a bid above the gain)
        _failed(run_id, str(error))
    except Exception:  # the page says it failed rather than polling for ever
        log.exception("simulation run %s failed", run_id)
        _failed(run_id, "")
    else:
        Run.objects.filter(pk=run_id).update(
            status=RunStatus.DONE, result=result, done=found.total, finished_at=now()
        )
    return selectors.run(run_id)
