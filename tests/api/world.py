"""One world for the API's access tests: a person in every role and an object of every kind.

Anthony (Springfield) delegates to the agency and sponsors Bishal: a request, a signed agreement,
an active visa, and a second offer not yet signed. Carol (Springfield) sponsored Dawa, who
disappeared: Carol owes a fine, and her new application for Dawa waits in review. Oscar is
Springfield's officer, Rita Riverside's; Frank (a sponsor) and Gita (a migrant) have nothing to do
with any of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vip.agreements import services as agreements
from vip.agreements.models import Agreement
from vip.clock import today
from vip.demo.people import load_story
from vip.matching import services as matching
from vip.matching.models import SponsorshipRequest
from vip.matching.ranking.records import Level
from vip.matching.services import LanguageNeed, RequestCriteria
from vip.money import Money
from vip.people import services as people
from vip.people.models import Role, User
from vip.visas import services as visas
from vip.visas.models import Complaint, Fine, Status, Visa

from tests.cast import (
    active_visa,
    back_date,
    migrant,
    official,
    seed_terms,
    signed_agreement,
    sponsor,
)

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ROLES = (
    "anthony",  # sponsor of the objects
    "carol",  # another sponsor, with objects of her own
    "bishal",  # migrant of the objects
    "dawa",  # another migrant, Carol's
    "agency",  # acts for Anthony
    "officer",  # Springfield's, where the visas are
    "rita",  # officer of Riverside
    "authority",
    "frank",  # unrelated sponsor
    "gita",  # unrelated migrant
)


@dataclass(frozen=True)
class World:
    people: dict[str, User]
    request: SponsorshipRequest  # Anthony's, stated by his agency
    agreement: Agreement  # Anthony and Bishal, signed
    offer: Agreement  # Anthony to Bishal again, signed by nobody yet
    visa: Visa  # Anthony and Bishal, active
    review: Visa  # Carol and Dawa, waiting for the authority
    fine: Fine  # Carol's, for Dawa's disappearance
    complaint: Complaint  # Bishal's, about his visa with Anthony


def build_world() -> World:
    cast = load_story()
    authority, anthony, carol, bishal = (
        cast["authority"],
        cast["anthony"],
        cast["carol"],
        cast["bishal"],
    )
    dawa = migrant(authority, "Dawa", languages=[{"code": "en", "level": "B1"}])
    gita = migrant(authority, "Gita")
    frank = sponsor(authority, "Frank", community="riverside")
    rita = official(authority, "Rita", Role.OFFICER, "riverside")
    people.delegate(sponsor=anthony, agency_id=cast["agency"].pk)

    visa = active_visa(anthony, bishal)
    back_date(visa.agreement, months=1)  # a month has ended: he may report its earnings
    # Stated after his visa was approved (which closed the requests he had then).
    request = matching.create_request(
        user=cast["agency"],
        sponsor=anthony,
        criteria=RequestCriteria(
            languages=(LanguageNeed("en", Level.B1),),
            age_min=20,
            age_max=29,
            clean_record=True,
            health_clearance=True,
        ),
    )
    offer = agreements.offer(
        user=anthony,
        sponsor=anthony,
        migrant_id=bishal.pk,
        terms=seed_terms(
            start_date=today() + dt.timedelta(days=365), annual_pay=Money(13_000_00, "USD")
        ),
    )

    gone = active_visa(carol, dawa)
    visas.report_event(
        user=carol, visa_id=gone.pk, kind="disappeared", occurred_on=today(), details={}
    )
    again = signed_agreement(carol, dawa)
    review = visas.apply(user=carol, agreement_id=again.pk, insurance=None)
    # No jurisdiction routes applications to manual review today (Canada will from 2027), so
    # this refused application is put in review by hand: the decision endpoint needs one.
    Visa.objects.filter(pk=review.pk).update(status=Status.REVIEW, outcome="review")
    review.refresh_from_db()

    return World(
        people={
            **{name: cast[name] for name in ("anthony", "carol", "bishal", "agency")},
            **{"officer": cast["officer"], "authority": authority},
            **{"dawa": dawa, "rita": rita, "frank": frank, "gita": gita},
        },
        request=request,
        agreement=visa.agreement,
        offer=offer,
        visa=visa,
        review=review,
        fine=Fine.objects.get(sponsor=carol),
        complaint=visas.file_complaint(
            user=bishal, visa_id=visa.pk, category="housing", text="the room has no heating"
        ),
    )
