"""The visas' status changes partitioned by jurisdiction and month (vip.visas.partitioning,
docs/scale.md), built in a scratch schema that shadows the flat table inside the test's
transaction: the visa services write to it as to the flat table, each change lands in its
visa's jurisdiction's partition for its month, and a month with no partition refuses the change
(nothing of the operation kept) until its partition is attached."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from django.db import DatabaseError, connection
from django.db.models import F

from vip.agreements import services as agreements
from vip.audit.partitioning import month
from vip.clock import today
from vip.money import Money
from vip.people.models import Role, User
from vip.visas import partitioning
from vip.visas import services as visas
from vip.visas.models import StatusChange, Visa

from tests.cast import insurance, migrant, person, seed_terms, visa_for
from tests.partitioned import LAST_MONTH, NEXT_MONTH, THIS_MONTH, build, partitions

# Creating and attaching partitions is DDL: the tables' owner's work, as a migration would be.
pytestmark = [pytest.mark.postgres, pytest.mark.owner, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def partitioned() -> None:
    """The partitioned table for the US and Canada, last month and this."""
    build(*partitioning.layout("public.visas_statuschange", ["US", "CA"], [LAST_MONTH, THIS_MONTH]))


def canadian_application(authority: User) -> Visa:
    """Dana of Maple Township (CA) applies for Tenzin's visa."""
    dana = person(authority, "Dana", Role.SPONSOR, country="CA", community="maple")
    tenzin = migrant(authority, "Tenzin", home_annual_earnings=3_000_00, home_currency="CAD")
    terms = seed_terms(annual_pay=Money(15_000_00, "CAD"))
    offered = agreements.offer(user=dana, sponsor=dana, migrant_id=tenzin.pk, terms=terms)
    for party in (dana, tenzin):
        agreements.sign(user=party, agreement_id=offered.pk)
    cover = replace(insurance(offered), coverage=Money(120_000_00, "CAD"))
    return visas.apply(user=dana, agreement_id=offered.pk, insurance=cover)


def arrive(story: dict[str, User], visa: Visa) -> None:
    visas.report_event(
        user=story["anthony"], visa_id=visa.pk, kind="arrived", occurred_on=today(), details={}
    )


def test_each_change_lands_in_its_visas_jurisdiction_and_month(story: dict[str, User]) -> None:
    bishals = visa_for(story["anthony"], story["bishal"])
    canadian_application(story["authority"])
    arrive(story, bishals)

    assert partitions(partitioning.TABLE) == {
        f"visas_statuschange_us_{THIS_MONTH:%Y_%m}": 2,  # applied (approved), arrived (active)
        f"visas_statuschange_ca_{THIS_MONTH:%Y_%m}": 1,
    }
    assert list(StatusChange.objects.filter(visa=bishals).values_list("to_status", flat=True)) == [
        "approved",
        "active",
    ]


def test_a_change_back_dated_moves_to_its_months_partition(story: dict[str, User]) -> None:
    bishals = visa_for(story["anthony"], story["bishal"])

    StatusChange.objects.filter(visa=bishals).update(at=F("at") - dt.timedelta(days=31))

    assert partitions(partitioning.TABLE) == {f"visas_statuschange_us_{LAST_MONTH:%Y_%m}": 1}


def test_a_month_without_its_partition_refuses_the_change_until_it_is_attached(
    story: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    bishals = visa_for(story["anthony"], story["bishal"])
    next_month = dt.datetime.combine(NEXT_MONTH.replace(day=10), dt.time(12), tzinfo=dt.UTC)
    monkeypatch.setattr(visas, "now", lambda: next_month)

    with pytest.raises(DatabaseError, match="no partition"):
        arrive(story, bishals)
    bishals.refresh_from_db()
    assert bishals.status == "approved"  # the arrival is not half kept

    with connection.cursor() as cursor:
        for statement in month(partitioning.TABLE, "US", NEXT_MONTH, guarded=False):
            cursor.execute(statement)
    arrive(story, bishals)

    bishals.refresh_from_db()
    assert bishals.status == "active"
    assert partitions(partitioning.TABLE) == {
        f"visas_statuschange_us_{THIS_MONTH:%Y_%m}": 1,
        f"visas_statuschange_us_{NEXT_MONTH:%Y_%m}": 1,
    }
