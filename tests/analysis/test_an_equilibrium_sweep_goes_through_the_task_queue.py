"""An equilibrium sweep goes to the task queue (the tests' immediate backend runs it at once): its
progress counts one step per point, and its result is the `vip simulate --sweep --json` shape."""

from __future__ import annotations

import pytest

from vip.analysis import services
from vip.analysis.models import RunStatus

pytestmark = pytest.mark.django_db

SMALL = {"simulation.agents": 6000, "simulation.bins": 1024, "communities.count": 10}


def test_an_equilibrium_sweep_records_a_step_per_point_and_every_result() -> None:
    run = services.start_run(
        address="192.0.2.3",
        preset="vip-us",
        mode="equilibrium",
        overrides=dict(SMALL),
        sweep="migrants.pool=1e7:3e8:3",
    )
    assert run.status == RunStatus.DONE, run.error
    assert run.done == run.total == 3
    assert run.result is not None
    assert run.result["sweep"]["key"] == "migrants.pool"
    assert len(run.result["sweep"]["results"]) == 3
