"""`vip bench startup`: what a person waits for when a process has just started (issue 13).

- `vip match solve` on the 4-person market of docs/matching.md, each run a fresh process, next to
  the bare interpreter (`python -c pass`) and the command line loaded and left (`import vip.cli`),
  run in turn in the same rounds so that all three meet the same load.
- The demo server started fresh (`vip demo`, the embedded server and its worker, on a scratch
  SQLite database holding the demo's data, loopback only): the first `GET
  /requests/{id}/candidates` and the first `GET /me/opportunities` it serves, next to the first
  trivial `GET /me` of a server started the same way. Each server is timed on its very first
  request only (it is waited for by a bare TCP connection, which Django never sees): every figure
  is a first request, paying whatever the process left for later. A server started with numba's
  cache empty (as on a fresh clone: the kernels compile before it listens) is timed too.

Wall-clock (perf_counter): a person waits for the whole of it, other processes' load included; the
load average is printed with the figures. Medians over the rounds.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from vip.bench.matching import Figure

ROUNDS = 3
# The market of docs/matching.md: two proposers, two receivers.
MARKET = {
    "proposers": {"bishal": ["anthony", "carol"], "dev": ["anthony"]},
    "receivers": {
        "anthony": {"capacity": 1, "ranking": ["dev", "bishal"]},
        "carol": {"capacity": 2, "ranking": ["bishal"]},
    },
}
VIP = [sys.executable, "-c", "from vip.cli import main; main()"]
CANDIDATES = "GET /requests/{id}/candidates"
OPPORTUNITIES = "GET /me/opportunities"
TRIVIAL = "GET /me"
# An operator's own settings the scratch demo must not inherit: his database as its owner, his
# shared cache, his key (the demo keeps one in its folder).
OPERATORS_OWN = ("VIP_MIGRATE_DATABASE_URL", "VIP_CACHE_URL", "VIP_SECRET_KEY")
FIRST_START_SECONDS = 900  # an empty numba cache: the kernels compile before the server listens


def _wall(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def solve_figures(rounds: int) -> list[Figure]:
    """`vip match solve` against the bare interpreter and `import vip.cli`, in turn each round."""
    with tempfile.TemporaryDirectory() as tmp:
        market = Path(tmp) / "market.json"
        market.write_text(json.dumps(MARKET))
        commands = {
            "solve": [*VIP, "match", "solve", str(market), "--json"],
            "bare": [sys.executable, "-c", "pass"],
            "cli": [sys.executable, "-c", "import vip.cli"],
        }
        _wall(commands["solve"])  # the files in the page cache, as on a second run
        seconds: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(rounds):
            names = list(commands)
            for name in names[round_ % 3 :] + names[: round_ % 3]:
                seconds[name].append(_wall(commands[name]))
    solve = statistics.median(seconds["solve"])
    note = f"wall-clock, median of {rounds} fresh processes; aim under 0.5 s"
    size = "4 people"
    return [
        Figure(
            "vip match solve",
            size,
            solve,
            "python -c pass",
            statistics.median(seconds["bare"]),
            note,
        ),
        Figure(
            "vip match solve",
            size,
            solve,
            "python -c 'import vip.cli'",
            statistics.median(seconds["cli"]),
            note,
        ),
    ]


def prepare_scratch() -> None:
    """Run in the scratch environment (a process of its own): the demo's data as `vip demo`
    loads it, Anthony's request from the seeds (the tests state the same one), and tokens;
    prints them as one JSON object."""
    from vip.cli import prepare_demo

    migrants, sponsors = int(sys.argv[1]), int(sys.argv[2])
    prepare_demo(migrants=migrants, sponsors=sponsors)
    from vip.demo.people import ANTHONY, BISHAL, seed_request
    from vip.people import services as people
    from vip.people.models import User

    anthony = User.objects.get(email=ANTHONY.email)
    bishal = User.objects.get(email=BISHAL.email)
    request = seed_request()
    cast = {
        "request": request.pk,
        "sponsor": people.issue_token(user=anthony),
        "migrant": people.issue_token(user=bishal),
    }
    print(json.dumps(cast))


def scratch_environment(folder: Path) -> dict[str, str]:
    """The demo's files (database, secret key, documents) in the folder; no shared cache."""
    env = {k: v for k, v in os.environ.items() if k not in OPERATORS_OWN}
    return {
        **env,
        "VIP_VAR_DIR": str(folder),
        "VIP_DATABASE_URL": f"sqlite:///{folder / 'vip.sqlite3'}",
        "VIP_DEBUG": "0",
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def demo_server(env: dict[str, str], log: Path) -> Iterator[tuple[int, float]]:
    """`vip demo` started now on a free loopback port: (port, seconds until it listens). It is
    waited for by TCP connections alone, so its first HTTP request is the caller's."""
    port = free_port()
    start = time.perf_counter()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*VIP, "demo", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=out,
            start_new_session=True,  # the server and its worker: one group, stopped together
        )
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the demo stopped ({process.returncode}); see {log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.perf_counter() - start > FIRST_START_SECONDS:
                    raise RuntimeError(f"no demo listening in {FIRST_START_SECONDS} s") from None
                time.sleep(0.05)
        yield port, time.perf_counter() - start
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the server and its worker (SIGINT may be ignored)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def timed_get(port: int, path: str, token: str) -> float:
    """Seconds from sending the request to the last byte of a 200 answer."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1{path}", headers={"Authorization": f"Bearer {token}"}
    )
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            answer.read()
            status = int(answer.status)
    except urllib.error.HTTPError as error:
        status = int(error.code)
    seconds = time.perf_counter() - start
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    return seconds


def first_requests(cast: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Each measured endpoint: its path and the token it is asked with."""
    return {
        CANDIDATES: (f"/requests/{cast['request']}/candidates", cast["sponsor"]),
        OPPORTUNITIES: ("/me/opportunities", cast["migrant"]),
        TRIVIAL: ("/me", cast["sponsor"]),
    }


def server_figures(
    rounds: int, migrants: int, sponsors: int, progress: Callable[[str], None]
) -> list[Figure]:
    """Fresh demo servers on one scratch database, each timed on its first request; the
    endpoints take turns at being first, so all see the same load."""
    with tempfile.TemporaryDirectory(prefix="vip-bench-startup-") as tmp:
        folder = Path(tmp)
        env = scratch_environment(folder)
        progress(f"loading the demo ({migrants} migrants, {sponsors} sponsors) into {folder}")
        made = subprocess.run(
            [
                sys.executable,
                "-c",
                "from vip.bench.startup import prepare_scratch; prepare_scratch()",
                str(migrants),
                str(sponsors),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        cast = json.loads(made.stdout.strip().splitlines()[-1])
        requests = first_requests(cast)
        first: dict[str, list[float]] = {name: [] for name in requests}
        listening: list[float] = []
        first_start: list[float] = []
        compiled: list[float] = []
        for round_ in range(rounds):
            for name in requests:
                with demo_server(env, folder / "demo.log") as (port, started):
                    listening.append(started)
                    first[name].append(timed_get(port, *requests[name]))
                progress(f"round {round_ + 1}: first {name} {first[name][-1] * 1e3:.0f} ms")
            # as on a fresh clone: numba's cache empty, the kernels compiled at the start
            empty = {**env, "NUMBA_CACHE_DIR": tempfile.mkdtemp(prefix="numba-", dir=folder)}
            with demo_server(empty, folder / "demo.log") as (port, started):
                compiled.append(started)
                first_start.append(timed_get(port, *requests[CANDIDATES]))
            ms = first_start[-1] * 1e3
            progress(f"round {round_ + 1}: first start, first {CANDIDATES} {ms:.0f} ms")
    note = f"wall-clock, median of {rounds} fresh servers each; aim under 200 ms"
    size = f"{migrants} migrants, {sponsors} sponsors"
    baseline = f"first {TRIVIAL} of a fresh demo server"
    trivial = statistics.median(first[TRIVIAL])
    listened = f"; it listened {statistics.median(listening):.1f} s after its start (median)"
    figures = [
        Figure(
            f"first {name} of a fresh demo server",
            size,
            statistics.median(first[name]),
            baseline,
            trivial,
            note + listened,
        )
        for name in (CANDIDATES, OPPORTUNITIES)
    ]
    compiling = f"; it compiled the kernels and listened {statistics.median(compiled):.1f} s after"
    return [
        *figures,
        Figure(
            f"first {CANDIDATES} of the demo's first start (empty numba cache)",
            size,
            statistics.median(first_start),
            baseline,
            trivial,
            note + compiling + " its start (median)",
        ),
    ]


def run(rounds: int, migrants: int, sponsors: int, progress: Callable[[str], None]) -> list[Figure]:
    return solve_figures(rounds) + server_figures(rounds, migrants, sponsors, progress)
