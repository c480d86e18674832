"""What `vip demo` adds to the seeds' story so that each workspace has work in it on the first
day: a new sponsor waiting for verification with her document, Marc and Ramesh's application in
review in Maple Township (Canada), Carol and Sita's live visa (with its arrival, a check-in due
and a complaint), Anthony and Carol as the agency's clients, and an auction taking registrations.
The review and the check-in need the demo's law in force (vip.demo.law, parameters.yaml).
Everything goes through the services, each step with its audit event, as a person would have
done it in the portal. Not part of `load_story`: the tests' `story` fixture loads that for every
test, and the seeds' story stays Anthony and Bishal's alone."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from fractions import Fraction

from django.core.files.base import ContentFile

from vip.agreements import services as agreements
from vip.auctions import services as auctions
from vip.auctions.rules import Windows
from vip.calendar import add_months
from vip.clock import now, today
from vip.demo.people import (
    DIANA,
    EXTRA_LOGINS,
    MARC,
    RAMESH,
    SITA,
    DemoLogin,
    verify_all,
    years_ago,
)
from vip.money import Money
from vip.people import services as people
from vip.people.models import Role, User, VerificationKind
from vip.policy.parameters import parameters
from vip.visas import services as visas
from vip.visas.models import ComplaintCategory, Status, Visa
from vip.web import services as portal
from vip.welfare import services as welfare

AUCTION_CODE = "US-DEMO-1"


def sample_png(width: int = 16, height: int = 10) -> bytes:
    """A small valid PNG (a pale blue card), made here: the demo ships no binary file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + b"\xcc\xdd\xee" * width  # filter byte 0, then RGB pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def account(
    login: DemoLogin, role: str, age: int, country: str, community: str | None = None
) -> User:
    """A demo login's account; a sponsor is a citizen of his country living in `community`."""
    return people.create_account(
        email=login.email,
        password=login.password,
        role=role,
        full_name=login.name.split(" (")[0],
        birth_date=years_ago(age),
        country=country,
        citizenship=country if community else "",
        community_code=community,
    )


def pending_verification(authority: User) -> User:
    """Diana signed up in Riverside and sent her passport: the authority's verification queue."""
    diana = account(DIANA, Role.SPONSOR, 51, "US", "riverside")
    people.update_profile(diana, {"household_size": 2, "housing": "annex"})
    people.ask_verification(
        person=diana,
        kind=VerificationKind.IDENTITY,
        upload=ContentFile(sample_png(), name="passport.png"),
        document_number="X1234567",
    )
    return diana


def migrant(authority: User, login: DemoLogin, age: int, profile: dict[str, object]) -> User:
    """A migrant from Nepal, verified as Bishal is (identity, criminal record, health)."""
    person = account(login, Role.MIGRANT, age, "NP")
    people.update_profile(person, profile)
    verify_all(
        authority,
        person,
        [VerificationKind.IDENTITY, VerificationKind.CRIMINAL_RECORD, VerificationKind.HEALTH],
    )
    return person


def signed(sponsor: User, person: User, terms: agreements.Terms) -> int:
    agreement = agreements.offer(user=sponsor, sponsor=sponsor, migrant_id=person.pk, terms=terms)
    agreements.sign(user=sponsor, agreement_id=agreement.pk)
    agreements.sign(user=person, agreement_id=agreement.pk)
    return agreement.pk


def insured(terms: agreements.Terms, coverage: Money, policy: str) -> visas.InsuranceTerms:
    return visas.InsuranceTerms(
        provider="Mutual Health",
        policy_number=policy,
        coverage=coverage,
        valid_from=terms.start_date,
        valid_to=add_months(terms.start_date, terms.duration_months) - dt.timedelta(days=1),
    )


def in_review(authority: User) -> Visa:
    """Marc, a farmer in Maple Township, applies for Ramesh: under the demo's law Canada sends
    every application to the authority, who decides it from her queue."""
    if not parameters("CA", today())["decision.manual_review"]:
        raise RuntimeError("the demo's law is not in force: call vip.demo.law.use_demo_law()")
    marc = account(MARC, Role.SPONSOR, 47, "CA", "maple")
    people.update_profile(marc, {"household_size": 3, "housing": "farmhouse room", "adults": 2})
    verify_all(authority, marc, [VerificationKind.IDENTITY, VerificationKind.CITIZENSHIP])
    ramesh = migrant(authority, RAMESH, 34, RAMESH_PROFILE)
    terms = agreements.Terms(
        start_date=today(),
        duration_months=12,
        annual_pay=Money(32_000_00, "CAD"),
        housing="farmhouse room",
        work="for_sponsor",
        gain_share=Fraction(1, 3),
        sector="agriculture",
    )
    visa = visas.apply(
        user=marc,
        agreement_id=signed(marc, ramesh, terms),
        insurance=insured(terms, Money(120_000_00, "CAD"), "MH-2026-0043"),
    )
    assert visa.status == Status.REVIEW, visa.reasons
    return visa


def live_visa(authority: User, carol: User) -> Visa:
    """Carol sponsors Sita, a care worker from Nepal, who arrived today (her first check-in is due
    under the demo's law); Sita complains that her
    extra hours are not paid (the authority's complaints queue)."""
    sita = migrant(authority, SITA, 29, SITA_PROFILE)
    people.update_profile(carol, {"household_size": 2, "housing": "annex", "adults": 1})
    terms = agreements.Terms(
        start_date=today(),
        duration_months=12,
        annual_pay=Money(14_000_00, "USD"),
        housing="annex",
        work="for_sponsor",
        gain_share=Fraction(1, 4),
        sector="care",
    )
    visa = visas.apply(
        user=carol,
        agreement_id=signed(carol, sita, terms),
        insurance=insured(terms, Money(100_000_00, "USD"), "MH-2026-0042"),
    )
    visas.report_event(user=carol, visa_id=visa.pk, kind="arrived", occurred_on=today(), details={})
    welfare.run_checkins(day=today())  # the daily job, run once now: her first check-in is due
    visas.file_complaint(
        user=sita,
        visa_id=visa.pk,
        category=ComplaintCategory.PAY,
        text="My shifts are ten hours, not the eight we agreed, and the extra hours are not paid.",
    )
    return visa


def auction_in_registration(authority: User) -> None:
    """A US auction of five two-year visas, taking registrations for two weeks."""
    at = now()
    day = dt.timedelta(days=1)
    auctions.create_auction(
        authority=authority,
        terms=auctions.AuctionTerms(
            code=AUCTION_CODE,
            jurisdiction="US",
            quota=5,
            term_months=24,
            reserve=1_000_00,
            windows=Windows(
                at - dt.timedelta(minutes=1), at + 14 * day, at + 14 * day, at + 21 * day
            ),
        ),
    )
    auctions.open_registration(actor=authority, code=AUCTION_CODE)


def load_demo_extras(cast: dict[str, User]) -> dict[str, User]:
    """After `load_story`: the work waiting in each role's queue (see the README's table)."""
    authority = cast["authority"]
    diana = pending_verification(authority)
    review = in_review(authority)
    visa = live_visa(authority, cast["carol"])
    for sponsor in (cast["anthony"], cast["carol"]):
        people.delegate(sponsor=sponsor, agency_id=cast["agency"].pk)
    auction_in_registration(authority)
    portal.confirm_addresses(
        actor=authority, users=User.objects.filter(email__in=[d.email for d in EXTRA_LOGINS])
    )
    return {
        **cast,
        "diana": diana,
        "marc": User.objects.get(email=MARC.email),
        "ramesh": review.migrant,
        "sita": visa.migrant,
    }


SITA_PROFILE = {
    "languages": [{"code": "ne", "level": "native"}, {"code": "en", "level": "B1"}],
    "sectors": [{"code": "care", "years": 4}],
    "home_annual_earnings": 250_000_00,
    "home_currency": "NPR",
    "interests": ["cooking", "music"],
    "jurisdictions": ["US"],
    "housing_need": "private_room",
}

RAMESH_PROFILE = {
    "languages": [{"code": "ne", "level": "native"}, {"code": "en", "level": "B1"}],
    "sectors": [{"code": "agriculture", "years": 8}],
    "home_annual_earnings": 300_000_00,
    "home_currency": "NPR",
    "interests": ["cricket", "gardening"],
    "jurisdictions": ["CA", "US"],
    "housing_need": "private_room",
}
