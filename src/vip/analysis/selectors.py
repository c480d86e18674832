"""Reads of the simulator: a run by its id, and the scenario a run (or a form) stands for."""

from __future__ import annotations

import uuid
from dataclasses import replace

from vip.analysis.models import Run
from vip.errors import NotFound
from vip.simulation.inputs import Mode, Scenario, load_preset


def run(run_id: uuid.UUID | str) -> Run:
    try:
        return Run.objects.get(pk=run_id)
    except (Run.DoesNotExist, ValueError):
        raise NotFound("RUN_NOT_FOUND", "there is no such run") from None


def scenario(preset: str, mode: str, overrides: dict[str, object], name: str = "") -> Scenario:
    """The preset's inputs in the mode, with the overrides; an InputError names a bad key."""
    chosen = Mode.EQUILIBRIUM if mode == Mode.EQUILIBRIUM else Mode.ACCOUNTING
    base = load_preset(preset, chosen).with_values(overrides, source="the simulator's form")
    return replace(base, name=name) if name else base


def scenario_of(found: Run) -> Scenario:
    return scenario(found.preset, found.mode, found.overrides, found.name)
