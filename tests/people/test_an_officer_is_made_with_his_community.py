"""An officer is created with his community or not at all."""

from __future__ import annotations

from typer.testing import CliRunner

from vip.cli import app
from vip.people.models import User


def run(*extra: str) -> tuple[int, str]:
    command = ["createuser", "--role", "officer", "--email", "o@vip.example"]
    result = CliRunner().invoke(app, [*command, "--password", "long enough", *extra])
    return result.exit_code, result.output


def test_an_officer_without_a_community_is_not_created(story: dict[str, User]) -> None:
    code, output = run()
    assert code == 2 and "OFFICER_NEEDS_COMMUNITY" in output
    assert not User.objects.filter(email="o@vip.example").exists()


def test_an_officer_of_an_unknown_community_is_not_created(story: dict[str, User]) -> None:
    code, output = run("--community", "atlantis")
    assert code == 2 and "COMMUNITY_UNKNOWN" in output
    assert not User.objects.filter(email="o@vip.example").exists()


def test_an_officer_of_a_community_is_created_with_it(story: dict[str, User]) -> None:
    code, output = run("--community", "riverside")
    assert code == 0, output
    assert User.objects.get(email="o@vip.example").community.code == "riverside"  # type: ignore[union-attr]
