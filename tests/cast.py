"""Named people and the steps of the seeds' story, shared by the tests."""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import replace
from fractions import Fraction
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.test import Client

from vip.agreements import services as agreements
from vip.agreements.models import Agreement
from vip.calendar import add_months
from vip.clock import today
from vip.demo.people import DEMO_PASSWORD, years_ago
from vip.matching.ranking.records import Housing, SoftCriterion
from vip.matching.services import RequestCriteria
from vip.money import Money
from vip.people import services as people
from vip.people.models import Role, User
from vip.visas import services as visas
from vip.visas.models import StatusChange, Visa


def totp_code(step: int = 0, secret: str | None = None) -> str:
    """The code an authenticator app shows now (`step` 1: the next one, also accepted) for the
    demo's staff TOTP secret, as `oathtool --totp -b VIP_DEMO_TOTP_SECRET` prints it. A code is
    accepted once: a test that logs staff in twice takes the next step the second time."""
    counter = int(time.time()) // 30 + step
    return format_hotp_value(hotp_value(secret or settings.VIP_DEMO_TOTP_SECRET, counter))


class Api:
    """A JSON client that logs in as a person with a bearer token."""

    def __init__(self) -> None:
        self.client = Client()
        self.tokens: dict[int, str] = {}

    def token(self, user: User) -> str:
        if user.pk not in self.tokens:
            self.tokens[user.pk] = people.issue_token(user=user)
        return self.tokens[user.pk]

    def call(
        self,
        method: str,
        path: str,
        as_: User | None = None,
        body: Any = None,
        raw: str | None = None,
    ) -> tuple[int, Any]:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token(as_)}"} if as_ else {}
        data = (
            raw
            if raw is not None
            else (json.dumps(body, default=str) if body is not None else None)
        )
        response = getattr(self.client, method)(
            f"/api/v1{path}", data=data, content_type="application/json", **headers
        )
        payload = json.loads(response.content) if response.content else None
        return response.status_code, payload

    def get(self, path: str, as_: User | None = None) -> tuple[int, Any]:
        return self.call("get", path, as_)

    def post(self, path: str, body: Any = None, as_: User | None = None) -> tuple[int, Any]:
        return self.call("post", path, as_, body if body is not None else {})

    def put(self, path: str, body: Any, as_: User | None = None) -> tuple[int, Any]:
        return self.call("put", path, as_, body)


def person(
    authority: User,
    name: str,
    role: str,
    *,
    age: int = 30,
    country: str = "US",
    community: str | None = "springfield",
    verify: tuple[str, ...] = ("identity",),
    **profile: Any,
) -> User:
    """A verified person; sponsors are citizens of the US living in Springfield by default."""
    sponsor = role == Role.SPONSOR
    user = people.create_account(
        email=f"{name.lower()}@test.vip.example",
        password=DEMO_PASSWORD,
        role=role,
        full_name=name,
        birth_date=years_ago(age),
        country=country,
        citizenship=country if sponsor else "",
        community_code=community if sponsor else None,
    )
    kinds = verify + (("citizenship",) if sponsor and "identity" in verify else ())
    for kind in kinds:
        people.record_verification(
            authority=authority, person_id=user.pk, kind=kind, result="clear"
        )
    if profile:
        people.update_profile(user, profile)
    return user


def migrant(authority: User, name: str, **profile: Any) -> User:
    profile.setdefault("home_annual_earnings", 2400_00)
    profile.setdefault("home_currency", "USD")
    return person(authority, name, Role.MIGRANT, country="NP", **profile)


def sponsor(authority: User, name: str, **kwargs: Any) -> User:
    return person(authority, name, Role.SPONSOR, **kwargs)


def seed_terms(**changes: Any) -> agreements.Terms:
    """The seeds' terms: a year at $12,000 from today, the spare room, half the gain to the host."""
    terms = agreements.Terms(
        start_date=today(),
        duration_months=12,
        annual_pay=Money(12_000_00, "USD"),
        housing="spare room",
        work="for_sponsor",
        gain_share=Fraction(1, 2),
        sector="construction",
    )
    return replace(terms, **changes)


def signed_agreement(
    sponsor_: User,
    migrant_: User,
    *,
    pay: int = 12_000_00,
    share: str = "1/2",
    months: int = 12,
    sector: str | None = "construction",
    start: dt.date | None = None,
) -> Agreement:
    """The seeds' terms: a year at $12,000 with the spare room, half the gain to the host."""
    terms = seed_terms(
        start_date=start or today(),
        duration_months=months,
        annual_pay=Money(pay, "USD"),
        gain_share=agreements.parse_gain_share(share),
        sector=sector,
    )
    agreement = agreements.offer(
        user=sponsor_, sponsor=sponsor_, migrant_id=migrant_.pk, terms=terms
    )
    agreements.sign(user=sponsor_, agreement_id=agreement.pk)
    return agreements.sign(user=migrant_, agreement_id=agreement.pk)


def back_date(agreement: Agreement, *, months: int) -> Agreement:
    """As if it was offered, signed and applied for `months` earlier (its visas and their history
    too): an offer refuses a start before today, so a test that needs a past start makes the
    agreement today and moves it back."""
    start = add_months(agreement.start_date, -months)
    delta = agreement.start_date - start
    for field in ("created_at", "sponsor_signed_at", "migrant_signed_at"):
        if getattr(agreement, field) is not None:
            setattr(agreement, field, getattr(agreement, field) - delta)
    agreement.start_date = start
    agreement.save()
    for visa in Visa.objects.filter(agreement=agreement):
        visa.applied_at -= delta
        visa.decided_at = visa.decided_at and visa.decided_at - delta
        visa.save(update_fields=["applied_at", "decided_at"])
    for change in StatusChange.objects.filter(visa__agreement=agreement):
        change.at -= delta
        change.save(update_fields=["at"])
    return agreement


def insurance(
    agreement: Agreement, coverage: int = 100_000_00, months: int | None = None
) -> visas.InsuranceTerms:
    start = agreement.start_date
    end = add_months(start, months or agreement.duration_months) - dt.timedelta(days=1)
    return visas.InsuranceTerms(
        provider="Mutual Health",
        policy_number="MH-1",
        coverage=Money(coverage, "USD"),
        valid_from=start,
        valid_to=end,
    )


def visa_for(sponsor_: User, migrant_: User, **terms: Any) -> Visa:
    agreement = signed_agreement(sponsor_, migrant_, **terms)
    return visas.apply(user=sponsor_, agreement_id=agreement.pk, insurance=insurance(agreement))


def active_visa(sponsor_: User, migrant_: User, **terms: Any) -> Visa:
    visa = visa_for(sponsor_, migrant_, **terms)
    assert visa.status == "approved", visa.reasons
    visas.report_event(
        user=sponsor_, visa_id=visa.pk, kind="arrived", occurred_on=today(), details={}
    )
    visa.refresh_from_db()
    return visa


def official(authority: User, name: str, role: str, community: str | None = None) -> User:
    """A community officer or an agency, made as `vip createuser` would."""
    return people.create_account(
        email=f"{name.lower()}@test.vip.example",
        password=DEMO_PASSWORD,
        role=role,
        full_name=name,
        birth_date=years_ago(45),
        country="US",
        community_code=community,
        created_by=authority,
    )


def fitting_bishal(**criteria: Any) -> RequestCriteria:
    """A request that meets Bishal's wishes (pay above his expectation, a private room) and counts
    them: a sponsor who opted into nothing scores 0 with him, and a pair scored 0 is not listed."""
    return RequestCriteria(
        annual_pay=Money(12_000_00, "USD"),
        housing=Housing.PRIVATE_ROOM,
        soft_criteria=(SoftCriterion.PAY, SoftCriterion.HOUSING),
        **criteria,
    )
