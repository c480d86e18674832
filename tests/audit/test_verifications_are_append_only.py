"""People's verifications are append-only, like the log: the database refuses to change or
remove one, and a new finding is a new row (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction

from vip.audit.services import verify
from vip.people.models import User, Verification
from vip.people.services import record_verification

pytestmark = pytest.mark.django_db


def flipped(pk: int) -> Callable[[], object]:
    return lambda: Verification.objects.filter(pk=pk).update(result="not_clear")


def sql(statement: str) -> Callable[[], object]:
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(statement)

    return run


def clean_record(bishal: User) -> Verification:
    return bishal.verifications.get(kind="criminal_record")


@pytest.mark.parametrize(
    "tamper",
    [
        lambda pk: flipped(pk)(),
        lambda pk: Verification.objects.filter(pk=pk).delete(),
        lambda pk: sql(f"UPDATE people_verification SET result = 'not_clear' WHERE id = {pk}")(),
        lambda pk: sql(f"DELETE FROM people_verification WHERE id = {pk}")(),
    ],
    ids=["orm-update", "orm-delete", "sql-update", "sql-delete"],
)
def test_the_database_refuses_to_change_or_remove_a_verification(
    story: dict[str, User], tamper: Callable[[int], object]
) -> None:
    row = clean_record(story["bishal"])

    with pytest.raises(DatabaseError, match="append-only table people_verification"):  # noqa: SIM117
        with transaction.atomic():
            tamper(row.pk)

    assert Verification.objects.get(pk=row.pk).result == "clear"


def test_a_new_finding_is_a_new_row_and_the_log_still_verifies(story: dict[str, User]) -> None:
    old = clean_record(story["bishal"])

    new = record_verification(
        authority=story["authority"],
        person_id=story["bishal"].pk,
        kind="criminal_record",
        result="not_clear",
        note="a conviction abroad",
    )

    assert new.pk != old.pk
    assert Verification.objects.get(pk=old.pk).result == "clear"
    assert story["bishal"].verifications.filter(kind="criminal_record").first() == new
    assert verify().ok
