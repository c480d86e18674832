"""The simulator in the browser, public: a preset or a saved scenario, every input with its unit
and source, a run's figures beside the book's and its plots as inline SVG with their tables; an
input out of range refused on its field, past the limit a 429 page with Retry-After."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from vip.analysis.models import Run, RunStatus
from vip.simulation.inputs import load_preset
from vip.web.simulator_forms import field_name, shown

pytestmark = pytest.mark.django_db

SMALL = {"simulation.agents": 6000, "simulation.bins": 1024, "communities.count": 10}


@pytest.fixture(autouse=True)
def _no_runs_counted_yet() -> None:
    cache.clear()


def form_data(preset: str, mode: str, **changes: object) -> dict[str, object]:
    """What the inputs page posts: every input as it shows it, with some changed."""
    scenario = load_preset(preset, mode)  # type: ignore[arg-type]
    data: dict[str, object] = {"preset": preset, "mode": mode, "name": ""}
    for key, item in scenario.inputs.items():
        data[field_name(key)] = shown(item.value)
    for key, value in changes.items():
        data[field_name(key.replace("__", "."))] = value
    return data


def run_of(response: object) -> Run:
    location = response["Location"]  # type: ignore[index]
    found = re.search(r"/simulator/runs/([0-9a-f-]+)/$", location)
    assert found, location
    return Run.objects.get(pk=found.group(1))


def test_the_landing_page_and_the_header_lead_to_the_simulator() -> None:
    page = Client().get("/").content.decode()
    assert page.count('href="/simulator/"') == 2
    start = Client().get("/simulator/")
    assert start.status_code == 200
    assert b"vip-us" in start.content and b"radical-markets-auction" in start.content


def test_each_input_is_shown_with_its_unit_and_source() -> None:
    page = Client().get("/simulator/inputs/", {"preset": "vip-us", "mode": "accounting"})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="in-vip-gain_share"' in text and 'value="0.5"' in text
    assert "share of the migrant&#x27;s gain" in text
    assert "Imagine, then, that 100 million people sponsored migrant workers." in text


def test_a_preset_without_the_mode_is_said_on_the_start_page() -> None:
    page = Client().get("/simulator/inputs/", {"preset": "nope", "mode": "accounting"})
    assert page.status_code == 200
    assert b"usa-error-message" in page.content


def test_an_accounting_run_shows_the_books_figures_and_its_plot() -> None:
    sent = Client().post("/simulator/inputs/", form_data("vip-us", "accounting"))
    assert sent.status_code == 302
    found = run_of(sent)
    assert found.status == RunStatus.DONE
    page = Client().get(f"/simulator/runs/{found.pk}/").content.decode()
    assert "A low-income person who could net $6,000" in page  # the book's quote
    assert page.count("6,000") >= 2  # the book's figure and the run's
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and 'role="img"' in page
    assert "Inequality among natives and migrants: the figures" in page  # the table
    assert "style=" not in page and "<style" not in page  # the CSP allows neither


def test_an_input_out_of_range_is_refused_on_its_field() -> None:
    page = Client().post("/simulator/inputs/", form_data("vip-us", "accounting", vip__gain_share=2))
    assert page.status_code == 422
    text = page.content.decode()
    assert 'href="#id_in-vip-gain_share"' in text  # the error summary links to the field
    assert "The model does not take this value." in text
    assert Run.objects.count() == 0


def test_a_value_that_is_not_a_number_is_refused_by_the_form() -> None:
    page = Client().post("/simulator/inputs/", form_data("vip-us", "accounting", vip__sponsors="x"))
    assert page.status_code == 200
    assert b"Enter a number" in page.content
    assert Run.objects.count() == 0


def test_a_sweep_with_too_many_steps_is_refused_on_its_steps() -> None:
    data = form_data("vip-us", "accounting")
    data |= {"sweep_key": "vip.sponsors", "sweep_start": "1e7", "sweep_stop": "1e8"}
    data["sweep_steps"] = 26
    page = Client().post("/simulator/inputs/", data)
    assert page.status_code == 422
    assert b'href="#id_sweep_steps"' in page.content


@override_settings(VIP_SIMULATIONS_PER_WINDOW=0)
def test_past_the_limit_the_page_says_when_to_try_again() -> None:
    page = Client().post("/simulator/inputs/", form_data("vip-us", "accounting"))
    assert page.status_code == 429
    assert int(page["Retry-After"]) > 0
    assert b"TOO_MANY_RUNS" in page.content
    assert b"Try again in" in page.content


def test_a_saved_scenario_opens_the_inputs_with_its_values() -> None:
    text = "name: half\npreset: vip-us\nmode: accounting\ninputs:\n  vip.gain_share: 0.4\n"
    page = Client().post("/simulator/saved/", {"text": text})
    assert page.status_code == 200
    body = page.content.decode()
    assert re.search(r'name="in-vip-gain_share"[^>]*value="0.4"', body) or re.search(
        r'value="0.4"[^>]*name="in-vip-gain_share"', body
    )
    assert 'value="half"' in body


def test_a_saved_scenario_the_model_cannot_read_is_refused_naming_the_key() -> None:
    page = Client().post("/simulator/saved/", {"text": "preset: vip-us\ninputs:\n  nope.x: 1\n"})
    assert page.status_code == 200
    assert b"nope.x" in page.content and b"usa-error-message" in page.content


def test_an_unknown_run_is_not_found() -> None:
    assert Client().get("/simulator/runs/0b0b0b0b-0000-4000-8000-000000000000/").status_code == 404


def test_the_page_is_in_the_readers_language() -> None:
    page = Client(headers={"accept-language": "es"}).get("/simulator/")
    assert "Simulador" in page.content.decode()


def test_an_uploaded_scenario_opens_the_inputs_with_its_values() -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = b"preset: vip-us\nmode: accounting\ninputs:\n  vip.sponsors: 5.0e7\n"
    upload = SimpleUploadedFile("mine.yaml", text, content_type="application/yaml")
    page = Client().post("/simulator/saved/", {"upload": upload})
    assert page.status_code == 200
    assert b'value="50000000"' in page.content


def test_the_plots_words_are_in_the_readers_language() -> None:
    data = form_data("vip-us", "equilibrium", **{k.replace(".", "__"): v for k, v in SMALL.items()})
    found = run_of(Client().post("/simulator/inputs/", data))
    assert found.status == RunStatus.DONE, found.error
    page = Client(headers={"accept-language": "es"}).get(f"/simulator/runs/{found.pk}/")
    svgs = re.findall(r"<svg .*?</svg>", page.content.decode(), re.S)
    assert len(svgs) == 4  # supply and demand, gains by decile, migrants' income, inequality
    words = " ".join(svgs)
    assert "patrocinios (millones)" in words and "desviación logarítmica media" in words
    assert "en el país de acogida" in words and "sponsorships" not in words
