"""The seeds' story as demo data: Anthony, Bishal, Carol and the officials around them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.conf import settings

from vip.agreements import services as agreements
from vip.agreements.models import Work
from vip.calendar import add_months, years_before
from vip.clock import today
from vip.communities import services as communities
from vip.matching import services as matching
from vip.matching.models import SponsorshipRequest
from vip.matching.ranking.records import Housing, Level
from vip.matching.services import LanguageNeed, RequestCriteria, SectorNeed
from vip.money import Money
from vip.people import services as people
from vip.people.models import STAFF_ROLES, Role, User, VerificationKind, VerificationResult
from vip.web import services as portal

DEMO_PASSWORD = "vip-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    name: str
    email: str
    password: str = DEMO_PASSWORD


AUTHORITY = DemoLogin("authority", "Alice Authority (immigration office)", "authority@vip.example")
OFFICER = DemoLogin("officer", "Oscar Officer (Springfield)", "officer@vip.example")
AGENCY = DemoLogin("agency", "Acme Placement Agency", "agency@vip.example")
ANTHONY = DemoLogin("sponsor", "Anthony (construction worker, Springfield)", "anthony@vip.example")
CAROL = DemoLogin("sponsor", "Carol (nurse, Springfield)", "carol@vip.example")
BISHAL = DemoLogin("migrant", "Bishal (Nepal, 26)", "bishal@vip.example")
DEMO_LOGINS = [AUTHORITY, OFFICER, AGENCY, ANTHONY, CAROL, BISHAL]
# Loaded by `vip demo` only (vip.demo.extras), beside the seeds' story: work in each queue.
DIANA = DemoLogin(
    "sponsor", "Diana (teacher, Riverside; waiting for verification)", "diana@vip.example"
)
MARC = DemoLogin("sponsor", "Marc (farmer, Maple Township; in review)", "marc@vip.example")
SITA = DemoLogin("migrant", "Sita (Nepal, 29; Carol's care worker)", "sita@vip.example")
RAMESH = DemoLogin("migrant", "Ramesh (Nepal, 34; Marc's farm hand)", "ramesh@vip.example")
EXTRA_LOGINS = [DIANA, MARC, SITA, RAMESH]
# Loaded by `vip demo` only (load_two_markets), rule 11, one international market: a sponsor in
# Springfield and one in Maple Township (Canada), and a migrant open to both countries who has
# an offer from each.
GRACE = DemoLogin("sponsor", "Grace (orchard owner, Springfield)", "grace@vip.example")
CLAIRE = DemoLogin("sponsor", "Claire (vintner, Maple Township, Canada)", "claire@vip.example")
PEMBA = DemoLogin("migrant", "Pemba (Nepal, 31; offers from two countries)", "pemba@vip.example")
MARKET_LOGINS = [GRACE, CLAIRE, PEMBA]


def loaded_logins() -> list[DemoLogin]:
    """The demo logins whose accounts exist: none on a production database (the landing page
    lists them only where the demo data was loaded)."""
    logins = DEMO_LOGINS + EXTRA_LOGINS + MARKET_LOGINS
    present = set(
        User.objects.filter(email__in=[d.email for d in logins]).values_list("email", flat=True)
    )
    return [login for login in logins if login.email in present]


def years_ago(years: int, day: dt.date | None = None) -> dt.date:
    return years_before(day or today(), years)


def staff(login: DemoLogin, role: str, community: str | None = None) -> User:
    return people.create_account(
        email=login.email,
        password=login.password,
        role=role,
        full_name=login.name.split(" (")[0],
        birth_date=years_ago(45),
        country="US",
        community_code=community,
        by_operator=True,  # the loader runs at the operator's shell, as `vip createuser` does
    )


def verify_all(authority: User, person: User, kinds: list[VerificationKind]) -> None:
    for kind in kinds:
        people.record_verification(
            authority=authority, person_id=person.pk, kind=kind, result=VerificationResult.CLEAR
        )


def load_story() -> dict[str, User]:
    """The communities and people of the seeds' story, verified and ready to match."""
    authority = staff(AUTHORITY, Role.AUTHORITY)
    communities.create_community(
        authority=authority,
        code="springfield",
        name="Springfield",
        jurisdiction_code="US",
        population=60_000,
    )
    communities.create_community(
        authority=authority,
        code="riverside",
        name="Riverside (open zone)",
        jurisdiction_code="US",
        population=25_000,
    )
    communities.create_community(
        authority=authority,
        code="maple",
        name="Maple Township",
        jurisdiction_code="CA",
        population=12_000,
    )
    officer = staff(OFFICER, Role.OFFICER, "springfield")
    communities.set_rules(
        user=officer,
        community_code="springfield",
        effective_from=None,
        max_active_visas=None,
        max_per_1000_residents=Decimal("20"),
        max_per_household=1,
        allowed_sectors=None,
        open_zone=False,
    )
    communities.set_rules(
        user=authority,
        community_code="riverside",
        effective_from=None,
        max_active_visas=None,
        max_per_1000_residents=None,
        max_per_household=None,
        allowed_sectors=None,
        open_zone=True,
    )
    agency = staff(AGENCY, Role.AGENCY)
    anthony = people.create_account(
        email=ANTHONY.email,
        password=ANTHONY.password,
        role=Role.SPONSOR,
        full_name="Anthony",
        birth_date=years_ago(42),
        country="US",
        citizenship="US",
        community_code="springfield",
    )
    people.update_profile(
        anthony,
        {
            "household_size": 4,
            "housing": "spare room",
            "languages": [{"code": "en", "level": "native"}],
            "interests": ["football", "fishing", "cooking"],
            "adults": 2,
            "soft_criteria": ["interests", "pay", "housing"],
        },
    )
    carol = people.create_account(
        email=CAROL.email,
        password=CAROL.password,
        role=Role.SPONSOR,
        full_name="Carol",
        birth_date=years_ago(35),
        country="US",
        citizenship="US",
        community_code="springfield",
    )
    bishal = people.create_account(
        email=BISHAL.email,
        password=BISHAL.password,
        role=Role.MIGRANT,
        full_name="Bishal",
        birth_date=years_ago(26),
        country="NP",
    )
    people.update_profile(bishal, BISHAL_PROFILE)
    for sponsor in (anthony, carol):
        verify_all(authority, sponsor, [VerificationKind.IDENTITY, VerificationKind.CITIZENSHIP])
    verify_all(
        authority,
        bishal,
        [VerificationKind.IDENTITY, VerificationKind.CRIMINAL_RECORD, VerificationKind.HEALTH],
    )
    # The demo logins open the portal at once: their addresses count as confirmed.
    portal.confirm_addresses(
        actor=authority, users=User.objects.filter(email__in=[d.email for d in DEMO_LOGINS])
    )
    portal.enrol_second_factor(
        actor=authority,
        users=User.objects.filter(email__in=[d.email for d in DEMO_LOGINS], role__in=STAFF_ROLES),
        secret=settings.VIP_DEMO_TOTP_SECRET,
    )
    return {
        "authority": authority,
        "officer": officer,
        "agency": agency,
        "anthony": anthony,
        "carol": carol,
        "bishal": bishal,
    }


def seed_request() -> SponsorshipRequest:
    """Anthony's request from the seeds: English, construction experience, a clean record, the
    pay and the spare room he offers. Stated by the tests and the startup bench, not loaded by
    `load_story`: the story's sponsors have no open request until a step states one."""
    anthony = User.objects.get(email=ANTHONY.email)
    return matching.create_request(
        user=anthony,
        sponsor=anthony,
        criteria=RequestCriteria(
            languages=(LanguageNeed("en", Level.B1),),
            sectors=(SectorNeed("construction", 1),),
            age_min=21,
            age_max=45,
            clean_record=True,
            annual_pay=Money(32_000_00, "USD"),
            housing=Housing.PRIVATE_ROOM,
            housing_text="spare room",
        ),
    )


BISHAL_PROFILE = {
    "languages": [
        {"code": "ne", "level": "native"},
        {"code": "en", "level": "B2"},
        {"code": "hi", "level": "B1"},
    ],
    "sectors": [{"code": "construction", "years": 3}],
    "countries_worked": ["AE"],
    # In rupees (rule 11): NPR 319,920 a year, the seeds' $2,400 at 1 USD = 133.3 NPR.
    "home_annual_earnings": 319_920_00,
    "home_currency": "NPR",
    "interests": ["football", "cooking", "fishing"],
    "jurisdictions": ["US"],
    "heritage": ["nepali"],
    "religion": "hindu",
    "pay_expectation": 1_333_000_00,  # NPR, the currency of his earnings: $10,000
    "housing_need": "private_room",
    "soft_criteria": ["interests", "pay", "housing"],
}


PEMBA_PROFILE = {
    "languages": [{"code": "ne", "level": "native"}, {"code": "en", "level": "B1"}],
    "sectors": [{"code": "agriculture", "years": 6}, {"code": "care", "years": 2}],
    "home_annual_earnings": 420_000_00,  # NPR
    "home_currency": "NPR",
    "interests": ["gardening", "cooking"],
    "jurisdictions": ["US", "CA"],
    "heritage": ["sherpa"],
    "pay_expectation": 2_000_000_00,  # NPR
    "housing_need": "private_room",
}


def load_two_markets(story: dict[str, User]) -> dict[str, User]:
    """Rule 11 in the demo: Grace, a sponsor in Springfield, Claire, a Canadian one in Maple
    Township, and Pemba, from Nepal, who states his earnings in rupees and accepts the US and
    Canada; Grace and Claire each offer him an agreement in their currency, his earnings converted
    at the day's rate. Loaded by `vip demo` after the story and its extras (the tests' story has
    no offers)."""
    authority = story["authority"]
    sponsors = {
        login: people.create_account(
            email=login.email,
            password=login.password,
            role=Role.SPONSOR,
            full_name=login.name.split(" (")[0],
            birth_date=years_ago(age),
            country=country,
            citizenship=country,
            community_code=community,
        )
        for login, age, country, community in (
            (GRACE, 47, "US", "springfield"),
            (CLAIRE, 51, "CA", "maple"),
        )
    }
    pemba = people.create_account(
        email=PEMBA.email,
        password=PEMBA.password,
        role=Role.MIGRANT,
        full_name="Pemba",
        birth_date=years_ago(31),
        country="NP",
    )
    people.update_profile(pemba, PEMBA_PROFILE)
    for sponsor in sponsors.values():
        people.update_profile(sponsor, {"household_size": 3, "adults": 2})
        verify_all(authority, sponsor, [VerificationKind.IDENTITY, VerificationKind.CITIZENSHIP])
    verify_all(authority, pemba, [VerificationKind.IDENTITY, VerificationKind.CRIMINAL_RECORD])
    portal.confirm_addresses(
        actor=authority, users=User.objects.filter(email__in=[m.email for m in MARKET_LOGINS])
    )
    for host, pay, housing in (
        (sponsors[GRACE], Money(22_000_00, "USD"), "the room above the barn"),
        (sponsors[CLAIRE], Money(31_000_00, "CAD"), "the guest cabin"),
    ):
        agreements.offer(
            user=host,
            sponsor=host,
            migrant_id=pemba.pk,
            terms=agreements.Terms(
                start_date=add_months(today(), 2),
                duration_months=12,
                annual_pay=pay,
                housing=housing,
                work=Work.FOR_SPONSOR,
                gain_share=Fraction(1, 3),
                sector="agriculture",
            ),
        )
    return {"grace": sponsors[GRACE], "claire": sponsors[CLAIRE], "pemba": pemba}
