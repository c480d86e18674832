"""`vip serve` (and each gunicorn worker) loads, before it takes a request, what Django would
load on the first one: the URLconf with the API's schemas, and the stack's first-call work by one
request it answers itself, so the first person does not wait for them (issue 13)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from vip.matching import indexes
from vip.warm import WARM_PATH, _serve_one, warm_server

PROBE = """
import json, sys
from vip.boot import django_setup
django_setup(schema=False)
before = "vip.api.app" in sys.modules
from vip.warm import WARM_PATH, _serve_one
status = _serve_one(WARM_PATH)
print(json.dumps([before, "vip.api.app" in sys.modules, status]))
"""


def test_the_warm_request_loads_the_api_and_touches_no_database(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": ":".join(sys.path),
        "VIP_DEBUG": "1",  # Django would print a 401 as a warning on stderr
        "VIP_VAR_DIR": str(tmp_path),
        "VIP_DATABASE_URL": f"sqlite:///{tmp_path / 'none.sqlite3'}",
    }
    run = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == [False, True, 401]
    assert run.stderr == ""  # nobody asked: nothing logged
    assert not (tmp_path / "none.sqlite3").exists()


def test_warming_the_server_builds_the_indexes_and_answers_the_warm_request(
    story: dict[str, object],
) -> None:
    indexes.invalidate()
    warm_server()
    assert indexes._indexes is not None  # what the warming left, not what a query would build
    assert _serve_one(WARM_PATH) == 401
