"""The authority browses the audit log, newest first, by person, object and action, runs the
chain's verification and reads its result, lists the sensitive reads; and reads each
jurisdiction's dated parameters with their units and references."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from vip.audit.models import Action, AuditEvent
from vip.people import services as people
from vip.people.models import User
from vip.visas import services

from tests.audit.guard import drop_append_only_guard
from tests.cast import active_visa


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def table(page: str) -> str:
    return page[page.index("<tbody>") : page.index("</tbody>")]


def test_the_log_is_filtered_by_person_object_and_action(story: dict[str, User]) -> None:
    bishal, authority = story["bishal"], story["authority"]
    visa = active_visa(story["anthony"], bishal)
    complaint = services.file_complaint(user=bishal, visa_id=visa.pk, category="pay", text="x")
    office = client_of(authority)

    everything = office.get("/authority/audit/").content.decode()
    his = office.get("/authority/audit/", {"person": bishal.email.upper()}).content.decode()
    by_id = office.get("/authority/audit/", {"person": f"P-{bishal.pk}"}).content.decode()
    filed = office.get("/authority/audit/", {"action": "complaint.filed"}).content.decode()
    on_visa = office.get(
        "/authority/audit/", {"object_type": "visa", "object_id": str(visa.pk)}
    ).content.decode()

    newest = AuditEvent.objects.order_by("-id").first()
    assert newest is not None and f'<th scope="row">{newest.chain}#{newest.seq}</th>' in everything
    assert '<code class="vip-code">complaint.filed</code>' in his
    assert table(his) == table(by_id) and table(his) != table(everything)
    assert filed.count('<code class="vip-code">complaint.filed</code>') == 1
    assert f"visa:{visa.pk}" in on_visa and "complaint.filed" in on_visa
    assert f"complaint:{complaint.pk}" not in filed  # filed on the visa, as the log says


@pytest.mark.owner
def test_the_authority_runs_the_chains_verification(story: dict[str, User]) -> None:
    office = client_of(story["authority"])

    intact = office.post("/authority/audit/verify/", follow=True).content.decode()
    assert "The audit log is intact" in intact

    first = AuditEvent.objects.order_by("seq").first()
    assert first is not None
    drop_append_only_guard()  # an attacker with DDL rights (the test's transaction undoes it)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_id = 'x' WHERE seq = %s", [first.seq])

    broken = office.post("/authority/audit/verify/", follow=True).content.decode()
    assert f"The audit log is broken at event #{first.seq}" in broken


def test_the_sensitive_reads_are_listed(story: dict[str, User]) -> None:
    authority, bishal = story["authority"], story["bishal"]
    people.read_verifications(reader=authority, person_id=bishal.pk)
    office = client_of(authority)

    page = office.get("/authority/audit/", {"action": Action.SENSITIVE_READ}).content.decode()

    assert f"user:{bishal.pk}" in page
    assert "?action=sensitive.read" in office.get("/authority/").content.decode()


def test_the_parameters_are_read_with_units_and_references(story: dict[str, User]) -> None:
    office = client_of(story["authority"])

    us = office.get("/authority/parameters/", {"jurisdiction": "US"}).content.decode()
    ca = office.get("/authority/parameters/", {"jurisdiction": "CA"}).content.decode()
    spanish = office.get(
        "/authority/parameters/", {"jurisdiction": "US"}, HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()

    assert "fine.crime" in us and "$5,000.00" in us and "Radical Markets ch. 3" in us
    assert "in force" in us and "years" in us
    assert "CA$6,500.00" in ca
    assert "CA$" in office.get("/authority/parameters/").content.decode()  # the first country
    assert "5000,00" in spanish.replace(".", "").replace("\xa0", "") and "en vigor" in spanish
