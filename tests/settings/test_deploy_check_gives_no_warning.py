"""Django's deployment checklist passes for the production variables, and HTTPS (HSTS, the
redirect, secure cookies) follows VIP_HTTPS."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.settings.process import PRODUCTION, run

CHECK = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]


def test_check_deploy_gives_no_warning_with_the_production_variables(tmp_path: Path) -> None:
    done = run(CHECK, tmp_path / "var", **PRODUCTION)

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_without_https_the_checklist_names_what_https_would_turn_on(tmp_path: Path) -> None:
    done = run(CHECK, tmp_path / "var", **(PRODUCTION | {"VIP_HTTPS": "0"}))

    assert done.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):  # HSTS, redirect, session and CSRF cookies
        assert f"security.{warning}" in done.stderr
