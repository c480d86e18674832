"""The authority's read-only records: the open enforcement cases, the deportation orders by
their effective dates, the unpaid fines and the amnesty intakes, each filtered and paged, each
line leading to the visa's page; the dashboard counts them."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from vip.clock import now, today
from vip.people.models import User
from vip.visas import services
from vip.visas.models import Fine, Visa

from tests.cast import active_visa, migrant, sponsor


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def granted(sponsor_: User, migrant_: User) -> Visa:
    visa = active_visa(sponsor_, migrant_)
    Visa.objects.filter(pk=visa.pk).update(applied_at=now() - dt.timedelta(days=120))
    return visa


def report(user: User, visa: Visa, kind: str, on: dt.date) -> None:
    services.report_event(user=user, visa_id=visa.pk, kind=kind, occurred_on=on, details={})


def test_the_records_list_cases_orders_fines_and_intakes(story: dict[str, User]) -> None:
    authority = story["authority"]
    gone = granted(story["anthony"], story["bishal"])
    report(story["anthony"], gone, "disappeared", today() - dt.timedelta(days=2))
    convicted = granted(story["carol"], migrant(authority, "Dawa"))
    report(authority, convicted, "crime_convicted", today())
    rosa = migrant(authority, "Rosa")
    services.amnesty_intake(
        authority=authority,
        person_id=rosa.pk,
        jurisdiction_code="US",
        path="sponsorship",
        received_on=dt.date(2026, 3, 1),
    )
    office = client_of(authority)

    cases = office.get("/authority/enforcement/").content.decode()
    orders = office.get("/authority/deportations/").content.decode()
    fines = office.get("/authority/fines/").content.decode()
    intakes = office.get("/authority/amnesty/").content.decode()

    assert f"/authority/visas/{gone.pk}/" in cases and "Bishal" in cases
    assert f"/authority/visas/{convicted.pk}/" in orders
    assert "Waiting for the sentence to be served" in orders
    assert {f.visa_id for f in Fine.objects.filter(paid_at=None)} == {gone.pk, convicted.pk}
    assert "FINE_DISAPPEARANCE" in fines and "FINE_CRIME" in fines
    assert "Rosa" in intakes
    board = office.get("/authority/").content.decode()
    for path in ("enforcement", "deportations", "fines", "amnesty"):
        assert f'href="/authority/{path}/"' in board

    only_crime = office.get("/authority/fines/", {"code": "FINE_CRIME"}).content.decode()
    assert "FINE_CRIME" in only_crime and f"/authority/visas/{gone.pk}/" not in only_crime
    by_name = office.get("/authority/fines/", {"text": "carol"}).content.decode()
    assert f"/authority/visas/{convicted.pk}/" in by_name
    assert f"/authority/visas/{gone.pk}/" not in by_name
    closed = office.get("/authority/enforcement/", {"state": "closed"}).content.decode()
    assert f"/authority/visas/{gone.pk}/" not in closed
    citizenship = office.get("/authority/amnesty/", {"path": "citizenship"}).content.decode()
    assert "Rosa" not in citizenship


def test_the_visa_page_shows_its_fines_case_and_order(story: dict[str, User]) -> None:
    authority = story["authority"]
    visa = granted(story["anthony"], story["bishal"])
    report(story["anthony"], visa, "disappeared", today() - dt.timedelta(days=2))
    report(authority, visa, "found", today())

    page = client_of(authority).get(f"/authority/visas/{visa.pk}/").content.decode()

    assert "FINE_DISAPPEARANCE" in page
    assert "Deportation order" in page and "Enforcement case" in page


def test_the_unpaid_fines_are_ten_a_page(story: dict[str, User]) -> None:
    authority = story["authority"]
    for number in range(11):
        visa = granted(sponsor(authority, f"Payer{number:02d}"), migrant(authority, f"M{number}"))
        report(authority, visa, "crime_convicted", today())
    office = client_of(authority)

    first = office.get("/authority/fines/", {"code": "FINE_CRIME"}).content.decode()
    second = office.get("/authority/fines/", {"code": "FINE_CRIME", "page": 2}).content.decode()

    assert first.count("FINE_CRIME)</td>") == 10 and "?code=FINE_CRIME&amp;page=2" in first
    assert second.count("FINE_CRIME)</td>") == 1
