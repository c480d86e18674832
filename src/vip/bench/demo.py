"""`vip bench demo`: `make demo` on a fresh clone, as a new user meets it (issue 13).

The checkout's HEAD (or the repository `--source` names) is cloned into a temporary folder and
`make demo PORT=<a free port>` is run there: a new venv, `pip install -e .` from the machine's
configured index, the demo's data, the server. `/` is polled until it answers 200. The figures:
seconds until it answers, seconds until the install's stamp (`.venv/.runtime-*`, touched by the
Makefile when the install ends) and the venv's size. The baseline, in the same run and started the
same way: a fresh venv, `pip install` of the Django the project pins only, `django-admin
startproject`, `runserver`, polled until `/` answers 200.

Each is run with nothing of the operator's: no VIP_* settings, no PYTHONPATH or active venv, a
pip cache of its own (empty, as on a new machine). Every server listens on loopback only and is
stopped with its whole process group (make, the demo, its worker), and the folder removed, even
when the run fails or is interrupted (Ctrl-C, SIGTERM). Wall-clock: a person waits for all of it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from vip.bench.matching import Figure
from vip.bench.startup import free_port

ANSWER_SECONDS = 1800  # a whole install on a loaded machine
POLL_SECONDS = 0.25
LOG_TAIL = 20  # lines of a failed start's output shown in its error
DEMO = "make demo on a fresh clone"
# What a new user's shell has none of (the settings module: pytest's, or the operator's).
OPERATORS_OWN = {"PYTHONPATH", "VIRTUAL_ENV", "NUMBA_CACHE_DIR", "DJANGO_SETTINGS_MODULE"}
BASELINE = "a fresh venv, pip install {django} only, django-admin startproject, runserver"


class CannotRun(RuntimeError):
    """No git checkout to clone, or a start that stopped or never answered."""


@dataclass(frozen=True)
class Start:
    """One site started from nothing: seconds until `/` answered 200, seconds of it installing,
    and the venv's size (MB: 10^6 bytes of its files)."""

    answered: float
    installed: float
    venv_mb: float


def checkout() -> Path:
    """The git checkout this package runs from."""
    found = subprocess.run(
        ["git", "-C", str(Path(__file__).parent), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
    )
    if found.returncode != 0:
        raise CannotRun("vip is not running from a git checkout: name one with --source")
    return Path(found.stdout.strip())


def clone(source: Path, into: Path) -> str:
    """A `git clone` of the source's HEAD (a worktree's own HEAD, checked out by its commit)."""
    head = subprocess.run(
        ["git", "-C", str(source), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    if head.returncode != 0:
        raise CannotRun(f"{source} is not a git checkout")
    commit = head.stdout.strip()
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(source), str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "checkout", "--quiet", "--detach", commit], check=True)
    return commit


def pinned_django(pyproject: Path) -> str:
    """The `Django==X` requirement the project pins."""
    dependencies = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    return str(next(d for d in dependencies if d.lower().startswith("django==")))


def fresh_environment(pip_cache: Path) -> dict[str, str]:
    """This process's environment less what a new user would not have: the operator's VIP_*
    settings, PYTHONPATH, Django's settings module, an active venv (its bin left out of PATH),
    numba's cache folder."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("VIP_") and k not in OPERATORS_OWN
    }
    if sys.prefix != sys.base_prefix:
        ours = str(Path(sys.prefix) / "bin")
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != ours)
    return {**env, "PIP_CACHE_DIR": str(pip_cache)}


def venv_mb(venv: Path) -> float:
    """The files' sizes, links not followed."""
    total = 0
    for folder, _, files in os.walk(venv):
        total += sum(os.lstat(Path(folder) / name).st_size for name in files)
    return total / 1e6


def _tail(log: Path) -> str:
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    return "\n".join(lines[-LOG_TAIL:])


@contextmanager
def group(
    command: list[str], cwd: Path, env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """The command in a session of its own, stopped with every process it started."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=out, start_new_session=True
        )
    try:
        yield process
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    with suppress(ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
    # whatever of the group is left (a worker slow to stop, a child make left behind)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def answered(port: int, process: subprocess.Popen[bytes], start: float, log: Path) -> float:
    """Seconds from `start` until `GET /` on the port answered 200."""
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as answer:
                if answer.status == 200:
                    return time.perf_counter() - start
        except (urllib.error.URLError, OSError):
            pass
        if process.poll() is not None:
            raise CannotRun(f"it stopped ({process.returncode}) before / answered:\n{_tail(log)}")
        if time.perf_counter() - start > ANSWER_SECONDS:
            raise CannotRun(f"/ did not answer in {ANSWER_SECONDS} s:\n{_tail(log)}")
        time.sleep(POLL_SECONDS)


def demo(folder: Path, env: dict[str, str]) -> Start:
    """`make demo` in the cloned folder."""
    log = folder / "make-demo.log"
    port = free_port()
    began, start = time.time(), time.perf_counter()
    with group(["make", "demo", f"PORT={port}"], folder, env, log) as process:
        seconds = answered(port, process, start, log)
    stamps = list((folder / ".venv").glob(".runtime-*"))
    if not stamps:
        raise CannotRun(f"no install stamp in {folder / '.venv'}")
    return Start(seconds, stamps[0].stat().st_mtime - began, venv_mb(folder / ".venv"))


def baseline(folder: Path, env: dict[str, str], django: str) -> Start:
    """The smallest Django site, from nothing, in the folder."""
    log = folder / "baseline.log"
    venv = folder / ".venv"

    def step(*command: str) -> None:
        with log.open("ab") as out:
            done = subprocess.run(command, cwd=folder, env=env, stdout=out, stderr=out)
        if done.returncode:
            raise CannotRun(f"`{' '.join(command)}` failed:\n{_tail(log)}")

    start = time.perf_counter()
    step("python3", "-m", "venv", str(venv))
    step(str(venv / "bin" / "pip"), "install", "--quiet", django)
    installed = time.perf_counter() - start
    step(str(venv / "bin" / "django-admin"), "startproject", "hello", str(folder))
    port = free_port()
    server = [str(venv / "bin" / "python"), "manage.py", "runserver", "--noreload"]
    with group([*server, f"127.0.0.1:{port}"], folder, env, log) as process:
        seconds = answered(port, process, start, log)
    return Start(seconds, installed, venv_mb(venv))


@contextmanager
def interruptible() -> Iterator[None]:
    """SIGTERM as Ctrl-C: the servers stopped and the folders removed on the way out."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def figures(commit: str, django: str, ours: Start, base: Start) -> list[Figure]:
    size = f"commit {commit[:7]}"
    mb = f"venv {ours.venv_mb:.0f} MB against the baseline's {base.venv_mb:.0f} MB"
    startproject = BASELINE.format(django=django)
    return [
        Figure(
            f"{DEMO}, until / answers 200",
            size,
            ours.answered,
            f"{startproject}, until / answers 200",
            base.answered,
            f"wall-clock; {ours.installed:.0f} s of it installing; {mb}",
        ),
        Figure(
            f"{DEMO}: its install (venv, pip install -e .)",
            size,
            ours.installed,
            f"a fresh venv, pip install {django}",
            base.installed,
            f"wall-clock; {mb}",
        ),
    ]


def run(source: Path | None) -> dict[str, Any]:
    """Both sites started, each in a temporary folder removed afterwards."""
    source = source or checkout()
    with interruptible(), tempfile.TemporaryDirectory(prefix="vip-bench-demo-") as tmp:
        root = Path(tmp)
        commit = clone(source, root / "clone")
        django = pinned_django(root / "clone" / "pyproject.toml")
        ours = demo(root / "clone", fresh_environment(root / "pip-cache-demo"))
        (root / "baseline").mkdir()
        base = baseline(root / "baseline", fresh_environment(root / "pip-cache-baseline"), django)
    return {
        "commit": commit,
        "figures": figures(commit, django, ours, base),
        "demo": asdict(ours),
        "baseline": asdict(base),
        "load_average": os.getloadavg(),
    }
