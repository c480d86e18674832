"""What a run's page shows, read from its stored result: the figures with the book's beside them,
and the plots as inline SVG, each with its figures as a table (the text alternative).

The plots are vip.simulation.plots' own, drawn again from the stored JSON
(SimulationOutcome.from_json) in the reader's language: their words are translated here, their
title is the page's caption."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vip.analysis.models import Run
from vip.simulation.inputs import Mode, book_figures, preset_description, preset_names
from vip.web.simulator_forms import breakable, shown
from vip.web.svg import inline
from vip.web.templatetags.vip_format import number

if TYPE_CHECKING:  # matplotlib loads only where a page draws a plot
    from matplotlib.figure import Figure

    from vip.simulation.outcome import SimulationOutcome

# The figures of `vip simulate --json` a page shows, in its order (docs/simulation.md).
FIGURES: dict[str, Promise] = {
    "migrants": _("Migrants admitted (people)"),
    "price_per_migrant_year": _("Price per migrant (USD per year)"),
    "host_income_change_pct": _("Natives' income (change, percent of GDP)"),
    "dividend_per_citizen_year": _("Dividend per citizen (USD per year)"),
    "gain_per_family_of_four_year": _("Gain per family of four (USD per year)"),
    "gain_per_sponsor_year": _("Gain per sponsor (USD per year)"),
    "sponsor_participation_rate": _("Adults sponsoring (share)"),
    "migrant_net_gain_year": _("A migrant's net gain (USD per year)"),
    "migrant_income_multiple": _("A migrant's income, times their income at home"),
    "global_income_change_pct": _("World income (change, percent)"),
    "native_wage_change_pct": _("Wage of natives in the same jobs (change, percent)"),
}
MODE_NAMES: dict[str, Promise] = {
    Mode.ACCOUNTING: _("accounting"),
    Mode.EQUILIBRIUM: _("equilibrium"),
}
# vip.simulation.plots' words, as the reader reads them.
WORDS: dict[str, Promise] = {
    "hosts' required transfer (supply)": _("hosts' required transfer (supply)"),
    "migrants' payment (demand)": _("migrants' payment (demand)"),
    "equilibrium": _("equilibrium"),
    "sponsorships (millions)": _("sponsorships (millions)"),
    "USD per migrant per year": _("USD per migrant per year"),
    "native income decile (1 = poorest)": _("native income decile (1 = poorest)"),
    "mean gain, USD per adult per year": _("mean gain, USD per adult per year"),
    "at home": _("at home"),
    "in the host country": _("in the host country"),
    "Gini": _("Gini"),
    "mean log deviation": _("mean log deviation"),
    "before": _("before"),
    "after": _("after"),
    "migrants (millions)": _("migrants (millions)"),
    "gain per sponsor (USD/year)": _("gain per sponsor (USD/year)"),
    "adults sponsoring (share)": _("adults sponsoring (share)"),
    "price per migrant (USD/year)": _("price per migrant (USD/year)"),
}
TITLES: dict[str, Promise] = {
    "supply_demand": _("Supply and demand of sponsorships"),
    "gains_by_decile": _("Who gains among natives, by income decile"),
    "migrant_income": _("Admitted migrants' income, before and after"),
    "inequality": _("Inequality among natives and migrants"),
    "sweep": _("How the outcome responds to the input swept"),
}
MILLION = 1e6
PLOTS_KEPT_SECONDS = 24 * 3600
MEASURE = _("Measure")
NOT_APPLICABLE = _("does not apply")
TABLE_POINTS = 11  # the supply and demand curves' table: every tenth point of 101


@dataclass(frozen=True)
class Plot:
    name: str
    title: str
    svg: str
    columns: list[str]
    rows: list[list[str]]  # the table's cells, in the reader's language


def presets() -> list[dict[str, str]]:
    return [{"name": name, "description": preset_description(name)} for name in preset_names()]


def rounded(value: object) -> float | str | None:
    """A figure as a page prints it: whole above 100, three significant digits below."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None if value is None else str(value)
    return round(value) if abs(value) >= 100 else float(f"{value:.3g}")


def outcome_rows(result: dict[str, Any]) -> list[dict[str, object]]:
    return [{"label": label, "value": rounded(result.get(key))} for key, label in FIGURES.items()]


def book_rows(found: Run) -> list[dict[str, object]]:
    """Each figure the book states for the preset, with its quote, beside the run's."""
    result = found.result or {}
    return [
        {
            "label": FIGURES.get(figure.figure, figure.figure),
            "book": rounded(figure.value),
            "source": figure.source,
            "run": rounded(result.get(figure.figure)),
        }
        for figure in book_figures(found.preset)
    ]


def changed(found: Run) -> list[SafeString]:
    """The inputs the run changed from its preset's, as `--set` would name them."""
    return [breakable(f"{key}={shown(value)}") for key, value in sorted(found.overrides.items())]


def page(found: Run) -> dict[str, object]:
    """A finished run's page: its figures (a single run's) and its plots. A finished run never
    changes: its plots, a second or so of matplotlib, are drawn once per language and kept in the
    shared cache, so that reloading a public page costs the workers nothing."""
    result = found.result or {}
    single = "sweep" not in result
    key = f"vip:simulator:plots:{found.pk}:{get_language()}"
    drawn = cache.get(key)
    if drawn is None:
        drawn = plots(result)
        cache.set(key, drawn, timeout=PLOTS_KEPT_SECONDS)
    return {
        "figures": outcome_rows(result) if single else [],
        "book": book_rows(found) if single else [],
        "plots": drawn,
    }


def plots(result: dict[str, Any]) -> list[Plot]:
    """Every plot that applies to the run (those `vip simulate --plot` writes), or its sweep's."""
    from vip.simulation.outcome import SimulationOutcome
    from vip.simulation.plots import plot_names

    if "sweep" in result:
        return [_sweep(result["sweep"])]
    outcome = SimulationOutcome.from_json(result)
    return [_plot(outcome, name) for name in plot_names(outcome)]


def _plot(outcome: SimulationOutcome, name: str) -> Plot:
    import matplotlib.pyplot as plt

    from vip.simulation import plots

    figure, axes = plt.subplots(figsize=(7, 4.5))
    plots.PLOTS[name](outcome)(axes)
    columns, rows = TABLES[name](outcome)
    return Plot(name, str(TITLES[name]), _svg(figure, name), columns, _cells(rows))


def _sweep(sweep: dict[str, Any]) -> Plot:
    from vip.simulation import plots
    from vip.simulation.outcome import SimulationOutcome

    outcomes = [SimulationOutcome.from_json(result) for result in sweep["results"]]
    figure = plots.sweep_figure(sweep["key"], sweep["values"], outcomes)
    columns = [sweep["key"], *(str(WORDS[label]) for _field, label, _scale in plots.SWEEP_PANELS)]
    rows = [
        [rounded(value)]
        + [
            None if getattr(o, field) is None else rounded(getattr(o, field) / scale)
            for field, _label, scale in plots.SWEEP_PANELS
        ]
        for value, o in zip(sweep["values"], outcomes, strict=True)
    ]
    return Plot("sweep", str(TITLES["sweep"]), _svg(figure, "sweep"), columns, _cells(rows))


def _cells(rows: list[list[float | str | None]]) -> list[list[str]]:
    def cell(value: float | str | None) -> str:
        if value is None:
            return str(NOT_APPLICABLE)
        return value if isinstance(value, str) else number(value)

    return [[cell(value) for value in row] for row in rows]


def _svg(figure: Figure, name: str) -> str:
    from vip.simulation.plots import svg

    _translated(figure)
    return inline(svg(figure), prefix=f"plot-{name}", labelled_by=f"plot-{name}-caption")


def _translated(figure: Figure) -> None:
    """The plot's words in the reader's language; its title goes (the page's caption says it,
    and a run's name, which the reader typed, is never read as matplotlib's mathtext)."""
    from matplotlib.category import StrCategoryFormatter
    from matplotlib.ticker import FixedFormatter, FuncFormatter

    def word(text: str) -> str:
        return str(WORDS.get(text, text))

    if figure.get_suptitle():
        figure.suptitle("")
    for axes in figure.axes:
        axes.set_title("")
        for axis in (axes.xaxis, axes.yaxis):
            axis.label.set_text(word(axis.label.get_text()))
            named = axis.get_major_formatter()
            if isinstance(named, FixedFormatter | FuncFormatter | StrCategoryFormatter):
                axis.set_major_formatter(
                    FuncFormatter(lambda x, pos, named=named: word(named(x, pos)))
                )
        legend = axes.get_legend()
        if legend is not None:
            for text in legend.get_texts():
                text.set_text(word(text.get_text()))


Table = tuple[list[str], list[list[float | str | None]]]


def _supply_demand(outcome: SimulationOutcome) -> Table:
    curves = outcome.details["curves"]
    assert isinstance(curves, dict)
    step = max(len(curves["migrants"]) // (TABLE_POINTS - 1), 1)
    points = zip(curves["migrants"], curves["supply_price"], curves["demand_price"], strict=True)
    columns = [str(WORDS[w]) for w in ("sponsorships (millions)",)] + [
        str(WORDS["hosts' required transfer (supply)"]),
        str(WORDS["migrants' payment (demand)"]),
    ]
    rows = [[rounded(m / MILLION), rounded(s), rounded(d)] for m, s, d in list(points)[::step]]
    return columns, rows


def _gains_by_decile(outcome: SimulationOutcome) -> Table:
    gains = outcome.details["gains_by_native_income_decile"]
    assert isinstance(gains, list)
    columns = [str(WORDS["native income decile (1 = poorest)"])]
    columns.append(str(WORDS["mean gain, USD per adult per year"]))
    return columns, [[decile, rounded(gain)] for decile, gain in enumerate(gains, start=1)]


def _migrant_income(outcome: SimulationOutcome) -> Table:
    incomes = outcome.details["migrant_income_before_after"]
    assert isinstance(incomes, dict)
    return [str(WORDS["at home"]), str(WORDS["in the host country"])], [
        [rounded(incomes["home"]), rounded(incomes["host"])]
    ]


def _inequality(outcome: SimulationOutcome) -> Table:
    before, after = outcome.inequality_before, outcome.inequality_after
    assert before is not None and after is not None
    columns = [str(MEASURE), str(WORDS["before"]), str(WORDS["after"])]
    return columns, [
        [str(WORDS["Gini"]), rounded(before.gini), rounded(after.gini)],
        [
            str(WORDS["mean log deviation"]),
            rounded(before.mean_log_deviation),
            rounded(after.mean_log_deviation),
        ],
    ]


TABLES: dict[str, Callable[[SimulationOutcome], Table]] = {
    "supply_demand": _supply_demand,
    "gains_by_decile": _gains_by_decile,
    "migrant_income": _migrant_income,
    "inequality": _inequality,
}
