"""`vip serve --production` is gunicorn with the workers asked for, each answering the portal
and the API (issue 13)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from vip import server

VIP = str(Path(sys.executable).parent / "vip")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answer(url: str, within: float = 60.0) -> int:
    deadline = time.monotonic() + within
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return int(response.status)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_the_production_server_runs_the_workers_asked_for(tmp_path: Path) -> None:
    unset = ("VIP_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "VIP_TEST_DATABASE_NAME")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env |= {"VIP_VAR_DIR": str(tmp_path), "VIP_DEBUG": "1"}
    subprocess.run([VIP, "migrate"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [VIP, "serve", "--production", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert answer(f"http://127.0.0.1:{port}/") == 200
        assert answer(f"http://127.0.0.1:{port}/api/v1/openapi.json") == 200
        workers = psutil.Process(server.pid).children()
        assert len(workers) == 2
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.parametrize(("cores", "workers"), [(1, 3), (2, 5), (8, 17), (None, 3)])
def test_without_workers_asked_for_there_are_two_per_core_and_one_more(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, workers: int
) -> None:
    """gunicorn's advice, from the machine's cores (one when Python cannot tell)."""
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert server.default_workers() == workers
