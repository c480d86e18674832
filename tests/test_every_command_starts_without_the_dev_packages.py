"""`pip install .` without extras gives a `vip` whose every command starts.

A clean virtualenv per run would take minutes, so the dev packages are hidden instead: every
module of a distribution that the platform's own requirements do not pull in (pytest, hypothesis,
the `matching` library, playwright, ruff, mypy and what they bring) is refused by a finder that a
`sitecustomize` puts first on `sys.meta_path` of each `vip` subprocess."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BUILD_TOOLS = {"pip", "setuptools", "wheel"}  # a clean venv has them too

FINDER = """
import importlib.abc
import sys

HIDDEN = frozenset({hidden!r})


class DevPackagesHidden(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {{name!r}} (a dev package)", name=name)
        return None


sys.meta_path.insert(0, DevPackagesHidden())
"""

# Every command path of the Typer app, each run with --help in this one process.
EVERY_HELP = """
import contextlib, io, json, sys
from typer.main import get_command
from vip.cli import app

root = get_command(app)

def paths(command, prefix):
    yield prefix
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from paths(sub, [*prefix, name])

results = {}
for path in paths(root, []):
    with contextlib.redirect_stdout(io.StringIO()):
        code = root.main([*path, "--help"], prog_name="vip", standalone_mode=False)
    results[" ".join(path)] = code
try:
    import pytest  # the finder is in place: this must fail
    hidden = False
except ModuleNotFoundError:
    hidden = True
loaded = sorted({name.partition(".")[0] for name in sys.modules})
print(json.dumps({"results": results, "loaded": loaded, "hidden": hidden}))
"""

MARKET = {
    "proposers": {"bishal": ["anthony"]},
    "receivers": {"anthony": {"capacity": 1, "ranking": ["bishal"]}},
}


def runtime_distributions() -> set[str]:
    """The platform's requirements without extras, with theirs, all the way down."""
    found: set[str] = set()
    pending: list[tuple[str, frozenset[str]]] = [("vip-platform", frozenset())]
    while pending:
        name, extras = pending.pop()
        key = canonicalize_name(name)
        if (key, extras) in found:
            continue
        found.add(key)
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker is None or any(marker.evaluate({"extra": e}) for e in {"", *extras}):
                pending.append((requirement.name, frozenset(requirement.extras)))
    return {name for name in found if isinstance(name, str)}


def dev_modules() -> set[str]:
    """The top-level modules of every installed distribution the runtime does not need."""
    runtime = runtime_distributions() | BUILD_TOOLS
    hidden = set()
    for distribution in metadata.distributions():
        if canonicalize_name(distribution.metadata["Name"]) in runtime:
            continue
        for file in distribution.files or []:
            top = file.parts[0].split(".")[0]
            if top.isidentifier() and top != "__pycache__":
                hidden.add(top)
    return hidden


@pytest.fixture(scope="module")
def hidden() -> set[str]:
    return dev_modules()


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory, hidden: set[str]) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("no-dev-packages")
    (folder / "sitecustomize.py").write_text(FINDER.format(hidden=sorted(hidden)))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("VIP_", "DJANGO_", "PYTEST", "COV_"))
    }
    # A production-like run: no debug, so the settings need a secret key of their own.
    secret = secrets.token_urlsafe(50)
    return {
        **env,
        "PYTHONPATH": str(folder),
        "VIP_VAR_DIR": str(folder / "var"),
        "VIP_SECRET_KEY": secret,
    }


def vip(env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("vip")), *arguments]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def test_the_hidden_packages_are_the_dev_ones(hidden: set[str]) -> None:
    assert {"pytest", "hypothesis", "matching", "playwright", "ruff", "mypy"} <= hidden
    assert not hidden & {"django", "ninja", "typer", "numpy", "numba", "dask", "yaml", "faker"}


def test_every_command_and_subcommand_shows_its_help(
    environment: dict[str, str], hidden: set[str]
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", EVERY_HELP],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.splitlines()[-1])
    assert {"", "policy show", "simulate", "match solve", "bench simulate", "migrate"} <= set(
        shown["results"]
    )
    assert {path: code for path, code in shown["results"].items() if code != 0} == {}
    assert shown["hidden"] and not hidden & set(shown["loaded"])


def test_the_commands_without_a_database_run(environment: dict[str, str], tmp_path: Path) -> None:
    market = tmp_path / "market.json"
    market.write_text(json.dumps(MARKET))
    for arguments in (
        ["policy", "show", "CA", "--on", "2027-01-01", "--json"],
        ["policy", "reference"],
        ["inequality", "1000", "30000", "--json"],
        ["simulate", "--preset", "vip-us", "--json"],
        ["match", "solve", str(market), "--json"],
    ):
        done = vip(environment, *arguments)
        assert (done.returncode, done.stderr) == (0, ""), arguments
        assert done.stdout


def test_the_commands_on_the_database_run(environment: dict[str, str]) -> None:
    for arguments in (
        ["migrate"],
        ["audit", "verify", "--json"],
        ["ledger", "check", "--json"],
    ):
        done = vip(environment, *arguments)
        assert done.returncode == 0, (arguments, done.stderr)
