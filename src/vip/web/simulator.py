"""The policy simulator in the browser (docs/simulation.md), public: no login, nothing personal.

Pick a preset and a mode, or a saved scenario; change any input; run it. The analysis services
decide (an input out of range comes back on its field, TOO_MANY_RUNS is the page's 429); an
equilibrium runs on the task queue and its page polls its progress (htmx; without JavaScript the
page refreshes itself). A run is downloaded as `vip simulate --json` prints it, and its inputs as
a file `vip simulate` reads."""

from __future__ import annotations

import uuid

import yaml
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRefresh

from vip.analysis import selectors, services
from vip.analysis.models import Run, RunStatus
from vip.errors import DomainError, NotFound, RateLimited
from vip.people.login import address_of
from vip.simulation.inputs import InputError, read_scenario, scenario_text
from vip.web import refusals, simulator_selectors
from vip.web.simulator_forms import InputsForm, ScenarioForm, StartForm, breakable, shown

FINISHED = (RunStatus.DONE, RunStatus.FAILED)


def start(request: HttpRequest) -> HttpResponse:
    return _start_page(request, StartForm(), ScenarioForm())


def saved(request: HttpRequest) -> HttpResponse:
    """A saved scenario (pasted or uploaded) opens the inputs page with its values."""
    form = ScenarioForm(request.POST or None, request.FILES or None)
    if not form.is_valid():
        return _start_page(request, StartForm(), form)
    text = form.cleaned_data["text"]
    try:
        scenario = read_scenario(text, _("the saved scenario"), "")  # unnamed: the preset's
    except InputError as error:  # the model's own words, after the reader's
        form.add_error("text", f"{refusals.message_of('SIMULATION_INPUT')} ({error})")
        return _start_page(request, StartForm(), form)
    preset = str(yaml.safe_load(text)["preset"])  # read_scenario has checked it
    initial = {"preset": preset, "mode": scenario.mode, "name": scenario.name}
    return _inputs_page(request, InputsForm(scenario, initial=initial))


def inputs(request: HttpRequest) -> HttpResponse:
    """GET ?preset=&mode= (or ?run=ID, to change a run's inputs): every input; POST: run them."""
    if request.method == "POST":
        return _submitted(request)
    if "run" in request.GET:
        found = _found(request.GET["run"])
        initial: dict[str, object] = {"preset": found.preset, "mode": found.mode}
        initial["name"] = found.name
        if found.sweep_key:  # the same sweep again, unless the analyst changes it
            values = found.sweep_values
            initial |= {"sweep_key": found.sweep_key, "sweep_steps": len(values)}
            initial |= {"sweep_start": shown(values[0]), "sweep_stop": shown(values[-1])}
        return _inputs_page(request, InputsForm(selectors.scenario_of(found), initial=initial))
    chosen = StartForm(request.GET)
    if chosen.is_valid():
        try:
            scenario = selectors.scenario(
                chosen.cleaned_data["preset"], chosen.cleaned_data["mode"], {}
            )
        except InputError as error:  # a preset without this mode
            chosen.add_error("mode", str(error))
        else:
            return _inputs_page(request, InputsForm(scenario, initial=chosen.cleaned_data))
    return _start_page(request, chosen, ScenarioForm())


def _submitted(request: HttpRequest) -> HttpResponse:
    try:
        scenario = selectors.scenario(request.POST["preset"], request.POST["mode"], {})
    except (KeyError, InputError):  # not the form's own post
        return _start_page(request, StartForm(), ScenarioForm(), status=400)
    form = InputsForm(scenario, request.POST)
    if not form.is_valid():
        return _inputs_page(request, form)
    data = form.cleaned_data
    try:
        created = services.start_run(
            address=address_of(request),
            preset=data["preset"],
            mode=data["mode"],
            overrides=form.overrides(),
            name=data["name"],
            sweep=form.sweep(),
        )
    except RateLimited as error:
        refusal = refusals.Refusal.of(error)
        response = _inputs_page(request, form, refusal, error.retry_after, status=error.status)
        response["Retry-After"] = str(error.retry_after)
        return response
    except DomainError as error:
        form.refuse(error)
        return _inputs_page(request, form, status=error.status)
    return redirect("web:simulator_run", run_id=created.pk)


def run(request: HttpRequest, run_id: uuid.UUID) -> HttpResponse:
    found = _found(run_id)
    finished = found.status in FINISHED
    if getattr(request, "htmx", False):  # the progress bar's poll: itself, or reload when done
        if finished:
            return HttpResponseClientRefresh()
        return render(request, "web/simulator/progress.html", {"run": found})
    context: dict[str, object] = {
        "run": found,
        "finished": finished,
        "changed": simulator_selectors.changed(found),
        "sweep_key": breakable(found.sweep_key),
        "mode_name": simulator_selectors.MODE_NAMES[found.mode],
    }
    if found.status == RunStatus.DONE and found.result is not None:
        context.update(simulator_selectors.page(found))
    return render(request, "web/simulator/run.html", context)


def run_json(request: HttpRequest, run_id: uuid.UUID) -> HttpResponse:
    found = _found(run_id)
    if found.result is None:
        raise Http404  # no figures yet: the run page shows its progress
    response = JsonResponse(found.result, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="vip-run-{found.pk}.json"'
    return response


def run_yaml(request: HttpRequest, run_id: uuid.UUID) -> HttpResponse:
    found = _found(run_id)
    text = scenario_text(found.preset, selectors.scenario_of(found))
    if found.sweep_key:  # the file holds the inputs; the sweep is the command's
        values = found.sweep_values
        sweep = f"{found.sweep_key}={shown(values[0])}:{shown(values[-1])}:{len(values)}"
        text = f"# vip simulate vip-run-{found.pk}.yaml --sweep {sweep}\n{text}"
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vip-run-{found.pk}.yaml"'
    return response


def _found(run_id: uuid.UUID | str) -> Run:
    try:
        return selectors.run(run_id)
    except NotFound as error:
        raise Http404(error.code) from error


def _start_page(
    request: HttpRequest, start: StartForm, saved: ScenarioForm, status: int = 200
) -> HttpResponse:
    context = {"start": start, "saved": saved, "presets": simulator_selectors.presets()}
    return render(request, "web/simulator/start.html", context, status=status)


def _inputs_page(
    request: HttpRequest,
    form: InputsForm,
    refusal: refusals.Refusal | None = None,
    retry_after: int | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "scenario": form.scenario,
        "mode_name": simulator_selectors.MODE_NAMES[form.scenario.mode],
        "refusal": refusal,
        "retry_after": retry_after,
    }
    return render(request, "web/simulator/inputs.html", context, status=status)
