"""Commands of vip.simulation, registered on the main `vip` app.

`vip simulate`, `vip inequality` and `vip bench simulate`. Bad input is a refusal (vip.refusals):
one line on stderr naming the key, and exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from vip.refusals import refusing
from vip.simulation.inputs import (
    InputError,
    Mode,
    Scenario,
    load_preset,
    load_scenario_file,
    mode_of,
    parse_assignment,
)

if TYPE_CHECKING:  # numpy, numba and Dask load only in the commands that compute
    from vip.simulation.outcome import SimulationOutcome
    from vip.simulation.runner import Backend

console = Console(stderr=True)


def _scenario(
    scenario_file: Path | None, preset: str | None, mode: str | None, assignments: list[str]
) -> Scenario:
    chosen = None if mode is None else mode_of(mode)
    if (scenario_file is None) == (preset is None):
        raise InputError("scenario", "give either --preset NAME or a SCENARIO.yaml file")
    if scenario_file is not None:
        base = load_scenario_file(scenario_file, chosen)
    else:
        base = load_preset(str(preset), chosen or Mode.ACCOUNTING)
    return base.with_values(dict(parse_assignment(text) for text in assignments))


def _print_outcome(outcome: SimulationOutcome) -> None:
    table = Table(title=f"{outcome.scenario} ({outcome.mode}, {outcome.mechanism})")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key, value in outcome.to_json().items():
        if isinstance(value, float):
            table.add_row(key, f"{value:,.4g}" if abs(value) < 100 else f"{value:,.0f}")
        elif isinstance(value, str | int) or value is None:
            table.add_row(key, str(value))
    Console().print(table)


def simulate(
    scenario_file: Annotated[
        Path | None, typer.Argument(help="A scenario file: `preset:`, `mode:` and `inputs:`.")
    ] = None,
    preset: Annotated[str | None, typer.Option(help="A preset by name.")] = None,
    assignments: Annotated[
        list[str] | None, typer.Option("--set", help="Override an input: dotted.key=value.")
    ] = None,
    mode: Annotated[str | None, typer.Option(help="accounting (the book) or equilibrium.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
    plot: Annotated[
        Path | None, typer.Option(help="Write PNG and SVG plots to this folder.")
    ] = None,
    sweep: Annotated[str | None, typer.Option(help="Vary one input: key=start:stop:steps.")] = None,
    backend: Annotated[str, typer.Option(help="numpy (in process) or dask.")] = "numpy",
    dask_address: Annotated[
        str | None, typer.Option(help="A Dask scheduler; a local cluster by default.")
    ] = None,
    agents: Annotated[
        int | None, typer.Option(help="Agents to draw (equilibrium mode), natives and migrants.")
    ] = None,
) -> None:
    """Simulate VIP, the auction or the status quo for a country."""
    from vip.simulation.runner import Backend, ProgressBar, run

    with refusing(InputError, OSError):  # OSError: a --plot folder not writable
        extra = [f"simulation.agents={agents}"] if agents is not None else []
        scenario = _scenario(scenario_file, preset, mode, [*(assignments or []), *extra])
        chosen = Backend.parse(backend, dask_address)
        if sweep is not None:
            _run_sweep(scenario, sweep, chosen, as_json, plot)
            return
        with ProgressBar(console) as progress:
            outcome = run(scenario, chosen, progress)
        _report(outcome, as_json, plot)


def _report(outcome: SimulationOutcome, as_json: bool, plot: Path | None) -> None:
    if plot is not None:
        from vip.simulation import plots

        for path in plots.outcome_plots(outcome, plot):
            console.print(f"wrote {path}")
    if as_json:
        sys.stdout.write(json.dumps(outcome.to_json()) + "\n")
    else:
        _print_outcome(outcome)


def _run_sweep(
    scenario: Scenario, text: str, backend: Backend, as_json: bool, plot: Path | None
) -> None:
    from vip.simulation.runner import ProgressBar, run, sweep_values

    key, values = sweep_values(scenario, text)
    outcomes = []
    with ProgressBar(console, total=len(values), label=f"sweep {key}") as progress:
        for value in values:
            outcomes.append(run(scenario.with_values({key: value}, "--sweep"), backend, None))
            progress.advance()
    if plot is not None:
        from vip.simulation import plots

        for path in plots.sweep_plot(key, values, outcomes, plot):
            console.print(f"wrote {path}")
    results = [outcome.to_json() for outcome in outcomes]
    if as_json:
        sys.stdout.write(json.dumps({"sweep": {"key": key, "values": values, "results": results}}))
        sys.stdout.write("\n")
    else:
        for outcome in outcomes:
            _print_outcome(outcome)


def _split(text: str | None, count: int, name: str) -> list[str] | None:
    if text is None:
        return None
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != count:
        raise InputError(name, f"give {count} comma-separated values, one per income")
    return parts


def inequality(
    incomes: Annotated[list[float], typer.Argument(help="Incomes, USD per year.")],
    weights: Annotated[str | None, typer.Option(help="Weights W,W,... one per income.")] = None,
    groups: Annotated[str | None, typer.Option(help="Groups G,G,... one per income.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout.")] = False,
) -> None:
    """The book's inequality measure, the Gini and the mean log deviation."""
    from vip.simulation import inequality as inequality_measures

    with refusing(InputError):
        weight_texts = _split(weights, len(incomes), "weights")
        mass = None if weight_texts is None else [_weight(text) for text in weight_texts]
        result = inequality_measures.measure(incomes, mass, _split(groups, len(incomes), "groups"))
    if as_json:
        sys.stdout.write(json.dumps(result.to_json()) + "\n")
        return
    table = Table(title="inequality")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("equalization gain (%)", f"{result.equalization_gain_pct:,.3f}")
    table.add_row("Gini", f"{result.gini:.4f}")
    table.add_row("mean log deviation", f"{result.mean_log_deviation:.4f}")
    if result.decomposition is not None:
        table.add_row("  between groups", f"{result.decomposition.between:.4f}")
        table.add_row("  within groups", f"{result.decomposition.within:.4f}")
    Console().print(table)


def _weight(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError("weights", f"must be numbers, got {text!r}") from None


def bench_simulate(
    as_json: Annotated[bool, typer.Option("--json", help="The results as JSON.")] = False,
    quick: Annotated[bool, typer.Option(help="Small sizes only (seconds, not minutes).")] = False,
) -> None:
    """Agents per second against a memory-bandwidth floor measured in the same run."""
    from vip.bench import simulation as bench

    bench.main(as_json=as_json, quick=quick, console=console)


def register(app: typer.Typer, bench: typer.Typer) -> None:
    """Add this package's commands to the `vip` app and its `bench` group."""
    app.command("simulate")(simulate)
    app.command("inequality")(inequality)
    bench.command("simulate")(bench_simulate)
