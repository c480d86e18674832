"""The `vip` command."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vip.cli import app
from vip.people.models import Role, User

from tests.cast import Api

runner = CliRunner()


def test_vip_without_arguments_lists_its_commands() -> None:
    result = runner.invoke(app, [])
    for command in (
        "demo",
        "serve",
        "migrate",
        "createuser",
        "policy",
        "audit",
        "ledger",
        "seed-demo",
        "bench",
    ):
        assert command in result.output


def test_policy_show_prints_the_parameters_in_force_as_json() -> None:
    result = runner.invoke(app, ["policy", "show", "US", "--on", "2026-06-01", "--json"])
    assert result.exit_code == 0
    shown = json.loads(result.output)
    assert shown["parameters"]["gain_share.max_fraction"] == 0.5
    assert shown["parameters"]["fine.crime"] == {"amount": 5_000_00, "currency": "USD"}


def test_policy_show_refuses_an_unknown_jurisdiction_or_date() -> None:
    assert runner.invoke(app, ["policy", "show", "XX"]).exit_code == 2
    assert runner.invoke(app, ["policy", "show", "US", "--on", "soon"]).exit_code == 2


def test_createuser_is_how_staff_accounts_are_made(db: None) -> None:
    result = runner.invoke(
        app,
        [
            "createuser",
            "--role",
            "authority",
            "--email",
            "chief@vip.example",
            "--password",
            "s3cret-enough",
        ],
    )
    assert result.exit_code == 0, result.output
    assert User.objects.get(email="chief@vip.example").role == Role.AUTHORITY
    again = runner.invoke(
        app,
        [
            "createuser",
            "--role",
            "authority",
            "--email",
            "chief@vip.example",
            "--password",
            "s3cret-enough",
        ],
    )
    assert again.exit_code == 2 and "EMAIL_TAKEN" in again.output


def test_seed_demo_adds_verified_people_fitting_their_origin(story: dict[str, User]) -> None:
    result = runner.invoke(app, ["seed-demo", "--sponsors", "5", "--migrants", "40"])
    assert result.exit_code == 0, result.output
    migrants = User.objects.filter(email__startswith="migrant", role=Role.MIGRANT)
    assert migrants.count() == 40
    nepali = [m for m in migrants if m.country == "NP"]
    assert all(m.migrant_profile.languages[0] == {"code": "ne", "level": "native"} for m in nepali)
    assert all(m.verifications.filter(kind="identity", result="clear").exists() for m in migrants)


def test_createuser_refuses_a_bad_email_or_a_short_password(db: None) -> None:
    bad = runner.invoke(
        app, ["createuser", "--role", "authority", "--email", "bad", "--password", "s3cret-enough"]
    )
    assert bad.exit_code == 2 and "EMAIL_INVALID" in bad.output
    short = runner.invoke(
        app,
        ["createuser", "--role", "authority", "--email", "chief@vip.example", "--password", "x"],
    )
    assert short.exit_code == 2 and "PASSWORD_TOO_SHORT" in short.output


def test_support_accrue_refuses_a_future_day_or_a_bad_date(db: None) -> None:
    assert runner.invoke(app, ["support", "accrue", "--on", "2099-01-01"]).exit_code == 2
    assert runner.invoke(app, ["support", "accrue", "--on", "junk"]).exit_code == 2
    assert runner.invoke(app, ["support", "accrue"]).exit_code == 0


def test_staff_made_at_the_shell_need_no_address_confirmation(
    story: dict[str, User], api: Api
) -> None:
    made = runner.invoke(
        app,
        [
            "createuser",
            "--role",
            "officer",
            "--email",
            "olga@vip.example",
            "--password",
            "s3cret-enough-2026",
            "--community",
            "springfield",
        ],
    )
    assert made.exit_code == 0, made.output
    status, body = api.post(
        "/auth/token", {"email": "olga@vip.example", "password": "s3cret-enough-2026"}
    )
    assert status == 422, body
    assert "MFA_REQUIRED" in json.dumps(body)  # next: enrol a second factor, not confirm


def test_the_demo_runs_a_worker_beside_its_server_and_stops_it_after() -> None:
    from vip.cli import worker_beside

    with worker_beside() as process:
        assert process.poll() is None  # running: the worker waits for tasks
        assert process.args[-1] == "worker"
    assert process.returncode is not None
