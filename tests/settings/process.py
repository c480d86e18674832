"""Settings are read once per process: each case runs Django in a fresh one."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
PRODUCTION = {
    "VIP_DEBUG": "0",
    "VIP_SECRET_KEY": secrets.token_urlsafe(50)[:50],
    "VIP_ALLOWED_HOSTS": "vip.example",
    "VIP_HTTPS": "1",
}


def environment(var_dir: Path, **variables: str) -> dict[str, str]:
    """This process's environment without VIP_* and DJANGO_* variables, plus the given ones."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("VIP_", "DJANGO_"))}
    return {**kept, "DJANGO_SETTINGS_MODULE": "vip.settings", "VIP_VAR_DIR": str(var_dir)} | (
        variables
    )


def run(command: list[str], var_dir: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        env=environment(var_dir, **variables),
        cwd=var_dir.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def setting(expression: str, var_dir: Path, **variables: str) -> str:
    """The value of a Python expression over django.conf.settings, as the process prints it."""
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    done = run([sys.executable, "-c", code], var_dir, **variables)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
