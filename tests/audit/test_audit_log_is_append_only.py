"""The database itself refuses to change or remove an audit event (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import DatabaseError, connection, transaction

from vip.audit.models import AuditEvent
from vip.audit.services import verify
from vip.people.models import User

pytestmark = pytest.mark.django_db


def raw(sql: str) -> Callable[[], None]:
    def run() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql)

    return run


def rewrite_through_the_model() -> None:
    event = AuditEvent.objects.get(chain="", seq=1)
    event.action = "nothing.happened"
    event.save()


@pytest.mark.parametrize(
    "tamper",
    [
        raw("UPDATE audit_auditevent SET action = 'nothing.happened' WHERE seq = 1"),
        raw("DELETE FROM audit_auditevent WHERE seq = 1"),
        raw("DELETE FROM audit_auditevent"),
        lambda: AuditEvent.objects.filter(seq=1).update(data={"role": "authority"}),
        lambda: AuditEvent.objects.filter(seq__gte=2).delete(),
        rewrite_through_the_model,
    ],
    ids=["sql-update", "sql-delete-one", "sql-delete-all", "orm-update", "orm-delete", "save"],
)
def test_the_database_refuses_to_update_or_delete_an_audit_event(
    story: dict[str, User], tamper: Callable[[], object]
) -> None:
    before = list(AuditEvent.objects.order_by("seq").values_list("seq", "action", "hash"))

    with pytest.raises(DatabaseError, match="append-only table audit_auditevent"):  # noqa: SIM117
        with transaction.atomic():
            tamper()

    assert list(AuditEvent.objects.order_by("seq").values_list("seq", "action", "hash")) == before
    assert verify().ok


@pytest.mark.postgres
@pytest.mark.owner  # the guard holds for the owner too (the app role may not even TRUNCATE)
def test_postgresql_also_refuses_to_truncate_the_audit_log(story: dict[str, User]) -> None:
    raw("SET CONSTRAINTS ALL IMMEDIATE")()  # settle the deferred foreign-key checks first
    with pytest.raises(DatabaseError, match="append-only table audit_auditevent: TRUNCATE"):  # noqa: SIM117
        with transaction.atomic():
            raw("TRUNCATE audit_auditevent CASCADE")()
    assert verify().ok
