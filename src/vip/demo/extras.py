"""What `vip demo` adds to the seeds' story so that each workspace has work in it on the first
day: a new sponsor waiting for verification with his document, Carol and Sita's live visa (with
its arrival and a complaint), Anthony and Carol as the agency's clients, and an auction taking
registrations. Everything goes through the services, each step with its audit event, as a
person would have done it in the portal. Not part of `load_story`: the tests' `story` fixture
loads that for every test, and the seeds' story stays Anthony and Bishal's alone."""

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
from vip.demo.people import DIANA, SITA, DemoLogin, verify_all, years_ago
from vip.money import Money
from vip.people import services as people
from vip.people.models import Role, User, VerificationKind
from vip.visas import services as visas
from vip.visas.models import ComplaintCategory, Visa
from vip.web import services as portal

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


def live_visa(authority: User, carol: User) -> Visa:
    """Carol sponsors Sita, a care worker from Nepal, who arrived today; Sita complains that her
    extra hours are not paid (the authority's complaints queue)."""
    sita = account(SITA, Role.MIGRANT, 29, "NP")
    people.update_profile(sita, SITA_PROFILE)
    verify_all(
        authority,
        sita,
        [VerificationKind.IDENTITY, VerificationKind.CRIMINAL_RECORD, VerificationKind.HEALTH],
    )
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
    agreement = agreements.offer(user=carol, sponsor=carol, migrant_id=sita.pk, terms=terms)
    agreements.sign(user=carol, agreement_id=agreement.pk)
    agreements.sign(user=sita, agreement_id=agreement.pk)
    insurance = visas.InsuranceTerms(
        provider="Mutual Health",
        policy_number="MH-2026-0042",
        coverage=Money(100_000_00, "USD"),
        valid_from=terms.start_date,
        valid_to=add_months(terms.start_date, 12) - dt.timedelta(days=1),
    )
    visa = visas.apply(user=carol, agreement_id=agreement.pk, insurance=insurance)
    visas.report_event(user=carol, visa_id=visa.pk, kind="arrived", occurred_on=today(), details={})
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
    visa = live_visa(authority, cast["carol"])
    for sponsor in (cast["anthony"], cast["carol"]):
        people.delegate(sponsor=sponsor, agency_id=cast["agency"].pk)
    auction_in_registration(authority)
    portal.confirm_addresses(
        actor=authority, users=User.objects.filter(email__in=[DIANA.email, SITA.email])
    )
    return {**cast, "diana": diana, "sita": visa.migrant}


SITA_PROFILE = {
    "languages": [{"code": "ne", "level": "native"}, {"code": "en", "level": "B1"}],
    "sectors": [{"code": "care", "years": 4}],
    "home_annual_earnings": 250_000_00,
    "home_currency": "NPR",
    "interests": ["cooking", "music"],
    "jurisdictions": ["US"],
    "pay_expectation": 12_000_00,
    "housing_need": "private_room",
}
