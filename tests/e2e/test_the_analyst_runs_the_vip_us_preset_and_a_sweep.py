"""The analyst, with no account, opens the simulator from the header, runs the `vip-us` preset as
the book does and sees its figures beside the book's, runs it in equilibrium and sees its plots
(supply and demand, gains by decile, a migrant's income, inequality), then sweeps the migrant pool
and sees the sweep; a background run shows its progress until htmx finds it done. Every page
passes axe, fits the window and its budget, and breaks no rule of the Content-Security-Policy: at
desktop and on a phone, in English and Spanish."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from vip.analysis import services
from vip.analysis.models import Run, RunStatus
from vip.clock import now

from tests.e2e.browser import checked, person_page

# Few agents: the walk is about the pages, not the model's precision.
AGENTS = "20000"
PLOTS = ("supply_demand", "gains_by_decile", "migrant_income", "inequality")


@pytest.fixture
def simulator(live_server: object, transactional_db: None) -> Iterator[str]:
    cache.clear()  # the runs counted per address, from other tests
    yield f"{live_server}/"


def watched(page: Page) -> list[str]:
    violations: list[str] = []

    def watch(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", watch)
    return violations


def start(page: Page, mode: str) -> None:
    choice = page.locator(f"input[name=mode][value={mode}]").get_attribute("id")
    page.locator(f"label[for='{choice}']").click()  # the design system hides the radio itself
    page.locator("form[action$='/simulator/inputs/'] button[type=submit]").click()
    expect(page.locator("#id_in-host-adults")).to_be_visible()


def run(page: Page) -> None:
    checked(page)
    page.locator("form[action$='/simulator/inputs/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/simulator/runs/[0-9a-f-]+/$"))


@pytest.mark.parametrize(
    ("language", "phone"), [("en", False), ("es", True), ("es", False), ("en", True)]
)
def test_the_analyst_runs_the_vip_us_preset_and_a_sweep(
    browser: Browser, simulator: str, language: str, phone: bool
) -> None:
    with person_page(browser, language=language, phone=phone) as page:
        violations = watched(page)
        page.goto(simulator)
        page.locator("header a[href$='/simulator/']").click()
        checked(page)
        page.locator("#id_preset").select_option("vip-us")
        start(page, "accounting")
        run(page)
        checked(page)
        expect(page.locator("main table").first).to_contain_text("6")
        expect(page.get_by_text("A low-income person who could net $6,000")).to_be_visible()
        expect(page.locator("svg[aria-labelledby='plot-inequality-caption']")).to_be_visible()

        page.locator("header a[href$='/simulator/']").click()
        page.locator("#id_preset").select_option("vip-us")
        start(page, "equilibrium")
        page.locator("#id_in-simulation-agents").fill(AGENTS)
        run(page)
        checked(page)
        for name in PLOTS:
            expect(page.locator(f"svg[aria-labelledby='plot-{name}-caption']")).to_be_visible()
            expect(page.locator(f"#plot-{name}-table")).to_be_attached()

        page.locator("main a[href*='/simulator/inputs/?run=']").click()
        expect(page.locator("#id_in-simulation-agents")).to_have_value(AGENTS)
        page.locator("#id_sweep_key").select_option("migrants.pool")
        page.locator("#id_sweep_start").fill("1e7")
        page.locator("#id_sweep_stop").fill("3e8")
        page.locator("#id_sweep_steps").fill("3")
        run(page)
        checked(page)
        expect(page.locator("svg[aria-labelledby='plot-sweep-caption']")).to_be_visible()
        expect(page.locator("table:has(#plot-sweep-table) tbody tr")).to_have_count(3)
        expect(page.locator("main a[href$='/run.json']")).to_be_visible()
        expect(page.locator("main a[href$='/scenario.yaml']")).to_be_visible()
    assert violations == []


@pytest.mark.parametrize(("language", "phone"), [("en", False), ("es", True)])
def test_a_background_run_shows_its_progress_until_it_is_done(
    browser: Browser, simulator: str, language: str, phone: bool
) -> None:
    waiting = Run.objects.create(
        preset="vip-us",
        mode="equilibrium",
        name="",
        overrides={"simulation.agents": 20000.0},
        status=RunStatus.QUEUED,
        created_at=now(),
    )
    with person_page(browser, language=language, phone=phone) as page:
        violations = watched(page)
        page.goto(f"{simulator}simulator/runs/{waiting.pk}/")
        expect(page.locator("progress")).to_be_visible()
        checked(page)
        services.execute_run(run_id=str(waiting.pk))  # what `vip worker` does
        # htmx polls every 3 seconds; the run done, it reloads the page with the plots.
        expect(page.locator("svg[aria-labelledby='plot-supply_demand-caption']")).to_be_visible(
            timeout=15_000
        )
        expect(page.locator("progress")).to_have_count(0)
        checked(page)
    assert violations == []
