"""The authority records what only she may record (a conviction, the sentence served, a finding,
a deportation) from the visa's page in her workspace: the day, then every consequence with its
amount and its day (the fine, the deportation order and when it takes effect, the bar), then the
record; a refusal comes back onto the form with its reason's message, before any consequence is
stated. The visa's page is a click from the search, the review and the complaint."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from vip.calendar import add_months
from vip.clock import now, today
from vip.people.models import MigrantProfile, User
from vip.visas import services
from vip.visas.models import DeportationOrder, Fine, Status, Visa
from vip.web.templatetags.vip_format import day

from tests.cast import active_visa


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def granted(sponsor_: User, migrant_: User) -> Visa:
    visa = active_visa(sponsor_, migrant_)
    Visa.objects.filter(pk=visa.pk).update(applied_at=now() - dt.timedelta(days=120))
    return visa


def ago(days: int) -> str:
    return (today() - dt.timedelta(days=days)).isoformat()


def test_she_records_a_conviction_after_reading_the_fine_and_the_order(
    story: dict[str, User],
) -> None:
    visa = granted(story["anthony"], story["bishal"])
    office = client_of(story["authority"])
    path = f"/authority/visas/{visa.pk}/report/crime_convicted/"

    page = office.get(f"/authority/visas/{visa.pk}/").content.decode()
    check = office.post(path, {"occurred_on": ago(1)}).content.decode()

    assert f'href="{path}"' in page and "Record a conviction for a crime" in page
    assert "$5,000.00" in check and "FINE_CRIME" in check
    assert "effective once the sentence is served" in check
    assert not Fine.objects.filter(visa=visa).exists()  # nothing is sent before she confirms
    sent = office.post(path, {"occurred_on": ago(1), "confirm": "1"})
    assert sent.status_code == 302 and sent["Location"] == f"/authority/visas/{visa.pk}/"
    after = office.get(sent["Location"]).content.decode()
    assert "Convicted of a crime" in after and "Waiting for the sentence to be served" in after
    assert Visa.objects.get(pk=visa.pk).status == Status.REVOKED


def test_the_deportation_waits_for_the_sentence_and_states_the_bar(
    story: dict[str, User],
) -> None:
    authority = story["authority"]
    visa = granted(story["anthony"], story["bishal"])
    services.report_event(
        user=authority,
        visa_id=visa.pk,
        kind="crime_convicted",
        occurred_on=today() - dt.timedelta(days=10),
        details={},
    )
    office = client_of(authority)
    served = f"/authority/visas/{visa.pk}/report/sentence_served/"
    deported = f"/authority/visas/{visa.pk}/report/deported/"

    effective = office.post(served, {"occurred_on": ago(2)}).content.decode()
    office.post(served, {"occurred_on": ago(2), "confirm": "1"})
    early = office.post(deported, {"occurred_on": ago(5)}).content.decode()  # before the check
    sent_early = office.post(deported, {"occurred_on": ago(5), "confirm": "1"}).content.decode()
    bar = office.post(deported, {"occurred_on": ago(0)}).content.decode()

    assert f"takes effect on {day(today() - dt.timedelta(days=2))}" in effective
    for refused in (early, sent_early):
        assert "first record that the sentence is served" in refused and "error-summary" in refused
        assert "deportation.bar_years" not in refused  # no consequences of a refused report
    assert DeportationOrder.objects.get(visa=visa).executed_on is None
    until = add_months(today(), 12 * 10)
    assert f"until {day(until)}" in bar and "deportation.bar_years" in bar
    office.post(deported, {"occurred_on": ago(0), "confirm": "1"})
    assert MigrantProfile.objects.get(user=story["bishal"]).barred_until == until


def test_a_finding_closes_the_case_and_orders_the_deportation_that_day(
    story: dict[str, User],
) -> None:
    visa = granted(story["anthony"], story["bishal"])
    services.report_event(
        user=story["anthony"],
        visa_id=visa.pk,
        kind="disappeared",
        occurred_on=today() - dt.timedelta(days=3),
        details={},
    )
    office = client_of(story["authority"])

    page = office.get(f"/authority/visas/{visa.pk}/").content.decode()
    check = office.post(
        f"/authority/visas/{visa.pk}/report/found/", {"occurred_on": ago(0)}
    ).content.decode()

    assert "Record that the worker was found" in page
    assert "Record a conviction for a crime" not in page  # not from the status he is in
    assert f"The case to find the worker is closed on {day(today())}" in check
    assert f"orders the deportation of the worker, effective on {day(today())}" in check
    assert office.get(f"/authority/visas/{visa.pk}/report/deported/").status_code == 404


def test_the_visas_page_is_a_click_from_the_search_the_review_and_the_complaint(
    story: dict[str, User],
) -> None:
    visa = granted(story["anthony"], story["bishal"])
    complaint = services.file_complaint(
        user=story["bishal"], visa_id=visa.pk, category="pay", text="Not paid."
    )
    office = client_of(story["authority"])
    link = f'href="/authority/visas/{visa.pk}/"'

    found = office.get("/authority/people/", {"q": "Bishal"}).content.decode()
    review = office.get(f"/authority/reviews/{visa.pk}/").content.decode()
    filed = office.get(f"/authority/complaints/{complaint.pk}/").content.decode()

    assert link in found and link in review and link in filed


def test_she_records_that_he_left_without_being_told_it_costs_her_nothing(
    story: dict[str, User],
) -> None:
    visa = granted(story["anthony"], story["bishal"])
    path = f"/authority/visas/{visa.pk}/report/left/"

    hers = client_of(story["authority"]).get(path).content.decode()
    his = client_of(story["bishal"]).get(f"/migrant/visas/{visa.pk}/report/left/").content.decode()

    assert "Record that the worker left the program" in hers and "costs you nothing" not in hers
    assert "Leave the program" in his and "costs you nothing" in his
