"""A run's downloads: the run as `vip simulate --json` prints it, and its inputs as a file that
`vip simulate` (and read_scenario) read back to the same inputs and the same figures. A background
run waits on the real database queue with a progress bar (htmx polls it, a page without JavaScript
has a Refresh link) until `vip worker` runs it; then its page shows the plots."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from typer.testing import CliRunner

from vip.analysis.models import Run, RunStatus
from vip.analysis.selectors import scenario_of
from vip.cli import app
from vip.clock import now
from vip.simulation.inputs import read_scenario

from tests.web.test_the_simulator_runs_in_the_browser import SMALL, form_data, run_of

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _no_runs_counted_yet() -> None:
    cache.clear()


def started(data: dict[str, object]) -> Run:
    sent = Client().post("/simulator/inputs/", data)
    assert sent.status_code == 302, sent.content.decode()[:2000]
    return run_of(sent)


def cli_json(*arguments: str) -> object:
    result = CliRunner().invoke(app, ["simulate", *arguments, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.django_db
def test_the_run_downloads_as_json_as_vip_simulate_prints_it() -> None:
    found = started(form_data("vip-us", "accounting", vip__gain_share="0.4"))
    response = Client().get(f"/simulator/runs/{found.pk}/run.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="vip-run-{found.pk}.json"'
    assert json.loads(response.content) == found.result
    preset = cli_json("--preset", "vip-us", "--set", "vip.gain_share=0.4")
    assert json.loads(response.content) == preset


@pytest.mark.django_db
def test_its_inputs_as_yaml_read_back_to_the_same_inputs_and_figures(tmp_path: Path) -> None:
    data = form_data("vip-us", "accounting", vip__gain_share="0.4", vip__sponsors="5e7")
    found = started(data | {"name": "half the sponsors"})
    response = Client().get(f"/simulator/runs/{found.pk}/scenario.yaml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    text = response.content.decode()
    assert read_scenario(text, "download", "x").values() == scenario_of(found).values()
    path = tmp_path / "scenario.yaml"
    path.write_text(text)
    assert cli_json(str(path)) == found.result


@pytest.mark.django_db
def test_a_sweeps_file_names_the_sweep_that_vip_simulate_runs_again(tmp_path: Path) -> None:
    data = form_data("vip-us", "accounting")
    data |= {"sweep_key": "vip.sponsors", "sweep_start": "1e7", "sweep_stop": "1e8"}
    found = started(data | {"sweep_steps": 4})
    assert found.status == RunStatus.DONE
    text = Client().get(f"/simulator/runs/{found.pk}/scenario.yaml").content.decode()
    command = re.match(r"# vip simulate \S+ --sweep (\S+)\n", text)
    assert command, text
    path = tmp_path / "sweep.yaml"
    path.write_text(text)
    assert cli_json(str(path), "--sweep", command.group(1)) == found.result
    page = Client().get(f"/simulator/runs/{found.pk}/").content.decode()
    assert 'aria-labelledby="plot-sweep-caption"' in page
    again = Client().get("/simulator/inputs/", {"run": str(found.pk)}).content.decode()
    assert '<option value="vip.sponsors" selected>' in again  # the same sweep, to change
    assert 'name="sweep_steps" value="4"' in again


@pytest.mark.django_db
def test_a_run_that_failed_says_so() -> None:
    found = Run.objects.create(
        preset="vip-us", mode="accounting", name="", status=RunStatus.FAILED, created_at=now()
    )
    page = Client().get(f"/simulator/runs/{found.pk}/")
    assert page.status_code == 200
    assert b"The run failed." in page.content
    assert Client().get(f"/simulator/runs/{found.pk}/run.json").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_an_equilibrium_sweep_waits_on_the_queue_with_its_progress_then_shows_its_plot() -> None:
    data = form_data("vip-us", "equilibrium", **{k.replace(".", "__"): v for k, v in SMALL.items()})
    data |= {"sweep_key": "migrants.pool", "sweep_start": "1e7", "sweep_stop": "3e8"}
    with override_settings(TASKS=DATABASE_QUEUE):
        found = started(data | {"sweep_steps": 3})
        assert found.status == RunStatus.QUEUED
        page = Client().get(f"/simulator/runs/{found.pk}/").content.decode()
        assert '<progress aria-labelledby="progress-label" max="3" value="0">' in page
        assert 'hx-trigger="every 3s"' in page and "htmx.min.js" in page
        assert f'<a href="/simulator/runs/{found.pk}/">Refresh</a>' in page  # without JavaScript
        poll = Client(headers={"hx-request": "true"}).get(f"/simulator/runs/{found.pk}/")
        assert poll.content.decode().lstrip().startswith("<div hx-get=")
        assert Client().get(f"/simulator/runs/{found.pk}/run.json").status_code == 404
        result = CliRunner().invoke(app, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    found.refresh_from_db()
    assert found.status == RunStatus.DONE, found.error
    assert found.done == found.total == 3
    poll = Client(headers={"hx-request": "true"}).get(f"/simulator/runs/{found.pk}/")
    assert poll["HX-Refresh"] == "true"  # htmx reloads the whole page, now with the plot
    page = Client().get(f"/simulator/runs/{found.pk}/").content.decode()
    assert "<progress" not in page and "htmx.min.js" not in page
    assert 'aria-labelledby="plot-sweep-caption"' in page
