"""Who may see which visa and who may act on it (the visa services' `may_*`), and the facts a
decision needs."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from fractions import Fraction

from django.db.models import F, Q, QuerySet

from vip.agreements.models import Agreement, AgreementStatus
from vip.calendar import age_on
from vip.clock import today
from vip.communities.models import Community
from vip.communities.selectors import rules_on
from vip.errors import Conflict, Forbidden, Invalid, NotFound, role_required
from vip.money import Money
from vip.people.models import Delegation, Role, User, VerificationKind
from vip.people.selectors import acts_for, is_verified
from vip.policy.parameters import Parameters, parameters
from vip.visas.consequences import Foreseen, foresee
from vip.visas.lifecycle import may_complete, may_report, next_status
from vip.visas.models import (
    LIVE,
    AmnestyApplication,
    Complaint,
    ComplaintStatus,
    DeportationOrder,
    EnforcementCase,
    Event,
    Fine,
    Status,
    Visa,
)
from vip.visas.rules import (
    ApplicationFacts,
    AuctionVisaFacts,
    CommunityFacts,
    InsuranceFacts,
    gain_share,
)


def visible_visas(user: User) -> QuerySet[Visa]:
    visas = Visa.objects.all()
    if user.role == Role.AUTHORITY:
        return visas
    if user.role == Role.OFFICER:
        return visas.filter(community=user.community) if user.community else visas.none()
    if user.role == Role.AGENCY:
        clients = Delegation.objects.filter(agency=user, revoked_at=None).values("sponsor_id")
        return visas.filter(sponsor_id__in=clients)
    return visas.filter(Q(sponsor=user) | Q(migrant=user))


def acting_role(user: User, visa: Visa) -> str | None:
    """The part the user plays on this visa: an agency acts as the sponsor it represents."""
    if user.role == Role.AUTHORITY:
        return Role.AUTHORITY
    if user.pk == visa.migrant_id:
        return Role.MIGRANT
    if user.pk == visa.sponsor_id or (
        user.role == Role.AGENCY
        and Delegation.objects.filter(
            agency=user, sponsor_id=visa.sponsor_id, revoked_at=None
        ).exists()
    ):
        return Role.SPONSOR
    return None


def may_apply(user: User, agreement: Agreement) -> bool:
    """The sponsor applies, or the agency he delegated to."""
    return acts_for(user, agreement.sponsor)


def may_decide_review(user: User) -> bool:
    return user.role == Role.AUTHORITY


def may_report_earnings(user: User, visa: Visa) -> bool:
    """The migrant reports his own earnings."""
    return user.pk == visa.migrant_id


def may_record_fine_payment(user: User) -> bool:
    return user.role == Role.AUTHORITY


def may_accrue_support(actor: User | None) -> bool:
    """The daily job (no actor) or the authority."""
    return actor is None or actor.role == Role.AUTHORITY


def may_record_amnesty(user: User) -> bool:
    return user.role == Role.AUTHORITY


def may_complain(user: User, visa: Visa) -> bool:
    """Either party (the agency for the sponsor)."""
    return acting_role(user, visa) in {Role.MIGRANT, Role.SPONSOR}


def may_read_complaints(user: User) -> bool:
    return user.role == Role.AUTHORITY


def complaints(user: User, limit: int = 500) -> list[Complaint]:
    """Every complaint, newest first: the authority's to read."""
    if not may_read_complaints(user):
        raise role_required(Role.AUTHORITY)
    return list(Complaint.objects.order_by("-filed_at", "-id")[:limit])


def _authority_only(user: User) -> None:
    """The program's records of enforcement (cases, orders, fines, amnesty) are the authority's."""
    if user.role != Role.AUTHORITY:
        raise role_required(Role.AUTHORITY)


class OrderState(StrEnum):
    """Where a deportation order stands on a day (a filter of the authority's list)."""

    WAITING = "waiting"  # no effective date yet: the sentence is being served
    SCHEDULED = "scheduled"  # effective on a later day
    DUE = "due"  # effective today or before, not executed
    EXECUTED = "executed"


def enforcement_cases(
    user: User, *, state: str = "", jurisdiction: str = ""
) -> QuerySet[EnforcementCase]:
    """The enforcement cases (a migrant who disappeared): the open ones, the oldest first; the
    closed ones or "all" when asked for."""
    _authority_only(user)
    found = EnforcementCase.objects.all()
    if state == "closed":
        found = found.exclude(closed_on=None)
    elif state != "all":
        found = found.filter(closed_on=None)
    if jurisdiction:
        found = found.filter(visa__jurisdiction_id=jurisdiction)
    return found.select_related("visa__migrant", "visa__sponsor", "visa__community").order_by(
        "opened_on", "pk"
    )


def deportation_orders(
    user: User, day: dt.date, *, state: str = "", reason: str = "", jurisdiction: str = ""
) -> QuerySet[DeportationOrder]:
    """The deportation orders by their effective date (those still waiting for one last), the
    executed ones only when asked for."""
    _authority_only(user)
    found = DeportationOrder.objects.all()
    if state == OrderState.WAITING:
        found = found.filter(effective_on=None, executed_on=None)
    elif state == OrderState.SCHEDULED:
        found = found.filter(effective_on__gt=day, executed_on=None)
    elif state == OrderState.DUE:
        found = found.filter(effective_on__lte=day, executed_on=None)
    elif state == OrderState.EXECUTED:
        found = found.exclude(executed_on=None)
    else:
        found = found.filter(executed_on=None)
    if reason:
        found = found.filter(reason=reason)
    if jurisdiction:
        found = found.filter(visa__jurisdiction_id=jurisdiction)
    return found.select_related("visa__migrant", "visa__community").order_by(
        F("effective_on").asc(nulls_last=True), "issued_on", "pk"
    )


def unpaid_fines(
    user: User, *, code: str = "", text: str = "", jurisdiction: str = ""
) -> QuerySet[Fine]:
    """The fines not yet paid, the oldest first; by reason code, or by the sponsor's name or
    e-mail."""
    _authority_only(user)
    found = Fine.objects.filter(paid_at=None)
    if code:
        found = found.filter(code=code)
    if text.strip():
        words = text.strip()
        found = found.filter(
            Q(sponsor__full_name__icontains=words) | Q(sponsor__email__icontains=words)
        )
    if jurisdiction:
        found = found.filter(visa__jurisdiction_id=jurisdiction)
    return found.select_related("sponsor", "visa").order_by("issued_at", "pk")


def fine_codes() -> list[str]:
    """The reasons fines were levied for (the filter's choices)."""
    return sorted(set(Fine.objects.values_list("code", flat=True).distinct()))


def amnesty_intakes(
    user: User, *, path: str = "", jurisdiction: str = ""
) -> QuerySet[AmnestyApplication]:
    """The people who entered through the one-time amnesty, the latest received first."""
    _authority_only(user)
    found = AmnestyApplication.objects.all()
    if path:
        found = found.filter(path=path)
    if jurisdiction:
        found = found.filter(jurisdiction_id=jurisdiction)
    return found.select_related("person", "jurisdiction", "recorded_by").order_by(
        "-received_on", "-pk"
    )


def complaints_queue(
    user: User, *, status: str = "", category: str = "", escalated: bool = False, mine: bool = False
) -> QuerySet[Complaint]:
    """The authority's queue: the complaints not yet resolved (or those of one status), the
    escalated first, then the oldest first, so the longest waiting is never buried."""
    if not may_read_complaints(user):
        raise role_required(Role.AUTHORITY)
    found = Complaint.objects.all()
    found = (
        found.filter(status=status) if status else found.exclude(status=ComplaintStatus.RESOLVED)
    )
    if category:
        found = found.filter(category=category)
    if escalated:
        found = found.exclude(escalated_at=None)
    if mine:
        found = found.filter(assigned_to=user)
    return found.select_related("filed_by", "assigned_to", "visa").order_by(
        F("escalated_at").asc(nulls_last=True), "filed_at", "pk"
    )


def visas_of(user: User, people: list[int]) -> dict[int, list[Visa]]:
    """Each person's visas he may see, as sponsor or migrant, the latest first (the authority's
    search lists them beside each person found)."""
    found: dict[int, list[Visa]] = {pk: [] for pk in people}
    visas = visible_visas(user).filter(Q(sponsor_id__in=people) | Q(migrant_id__in=people))
    for visa in visas.order_by("-applied_at", "-pk"):
        for pk in {visa.sponsor_id, visa.migrant_id}:  # an auction's visa has no sponsor
            if pk is not None and pk in found:
                found[pk].append(visa)
    return found


def visible_complaint(user: User, complaint_id: int) -> Complaint:
    """A complaint, to the authority; to anyone else it is not found."""
    found = Complaint.objects.select_related("filed_by", "assigned_to", "visa").filter(
        pk=complaint_id
    )
    complaint = found.first() if may_read_complaints(user) else None
    if complaint is None:
        raise NotFound("COMPLAINT_NOT_FOUND", "no such complaint")
    return complaint


def complaint_assignees() -> QuerySet[User]:
    """Who a complaint may be given to: the authority's active staff (assign_complaint's rule)."""
    return User.objects.filter(role=Role.AUTHORITY, is_active=True).order_by("full_name", "pk")


def complaints_filed_by(user: User) -> list[Complaint]:
    """GET /me/complaints: those he filed, newest first, with their status."""
    return list(Complaint.objects.filter(filed_by=user).order_by("-filed_at", "-id"))


def community_facts(
    community: Community, sponsor: User, day: dt.date, moving: Visa | None = None
) -> CommunityFacts:
    """A transfer within the community does not add a visa: the one he moves from is not counted."""
    rules = rules_on(community, day)
    live = Visa.objects.filter(community=community, status__in=LIVE)
    if moving is not None:
        live = live.exclude(pk=moving.pk)
    household = sponsor.sponsor_profile.household
    return CommunityFacts(
        population=community.population,
        live_visas=live.count(),
        household_live_visas=live.filter(sponsor__sponsor_profile__household=household).count(),
        max_active_visas=rules.max_active_visas if rules else None,
        max_per_1000_residents=(
            Fraction(str(rules.max_per_1000_residents))
            if rules and rules.max_per_1000_residents is not None
            else None
        ),
        max_per_household=rules.max_per_household if rules else None,
        allowed_sectors=rules.allowed_sectors if rules else None,
        open_zone=rules.open_zone if rules else False,
    )


def application_facts(
    agreement: Agreement,
    params: Parameters,
    insurance: InsuranceFacts | None,
    transfer_from: Visa | None,
    community: Community,
) -> ApplicationFacts:
    sponsor, migrant, day = agreement.sponsor, agreement.migrant, params.day
    other_live = Visa.objects.filter(migrant=migrant, status__in=LIVE)
    if transfer_from is not None:
        other_live = other_live.exclude(pk=transfer_from.pk)
    return ApplicationFacts(
        params=params,
        is_transfer=transfer_from is not None,
        sponsor_identity_verified=is_verified(sponsor, VerificationKind.IDENTITY),
        sponsor_citizen=(
            sponsor.citizenship == params.jurisdiction.code
            and is_verified(sponsor, VerificationKind.CITIZENSHIP)
        ),
        sponsor_age=age_on(sponsor.birth_date, day),
        sponsor_has_live_visa=Visa.objects.filter(sponsor=sponsor, status__in=LIVE).exists(),
        sponsor_unpaid_fines=sponsor.fines.filter(paid_at=None).count(),
        migrant_identity_verified=is_verified(migrant, VerificationKind.IDENTITY),
        migrant_age=age_on(migrant.birth_date, day),
        migrant_has_live_visa=other_live.exists(),
        migrant_barred_until=migrant.migrant_profile.barred_until,
        migrant_under_deportation_order=DeportationOrder.objects.filter(
            visa__migrant=migrant, executed_on=None
        ).exists(),
        migrant_under_enforcement=EnforcementCase.objects.filter(
            visa__migrant=migrant, closed_on=None
        ).exists(),
        agreement_status=AgreementStatus(agreement.status),
        annual_pay=Money(agreement.annual_pay, agreement.currency),
        gain_share=Fraction(agreement.gain_share_numerator, agreement.gain_share_denominator),
        start_date=agreement.start_date,
        duration_months=agreement.duration_months,
        sector=agreement.sector or None,
        insurance=insurance,
        community=community_facts(community, sponsor, day, transfer_from),
    )


def auction_visa_facts(
    migrant: User,
    params: Parameters,
    insurance: InsuranceFacts | None,
    starts_on: dt.date,
    term_months: int,
) -> AuctionVisaFacts:
    """An auction winner's facts: his own, as an application reads them, without a sponsor."""
    return AuctionVisaFacts(
        params=params,
        migrant_identity_verified=is_verified(migrant, VerificationKind.IDENTITY),
        migrant_age=age_on(migrant.birth_date, params.day),
        migrant_has_live_visa=Visa.objects.filter(migrant=migrant, status__in=LIVE).exists(),
        migrant_barred_until=migrant.migrant_profile.barred_until,
        migrant_under_deportation_order=DeportationOrder.objects.filter(
            visa__migrant=migrant, executed_on=None
        ).exists(),
        migrant_under_enforcement=EnforcementCase.objects.filter(
            visa__migrant=migrant, closed_on=None
        ).exists(),
        start_date=starts_on,
        duration_months=term_months,
        insurance=insurance,
    )


def visible_visa(user: User, visa_id: int, *, for_update: bool = False) -> Visa:
    """The visa, to those who may see it (locked when a change follows); to others, not found."""
    visas = visible_visas(user).select_related("community")
    # Lock the visa row only: locking the joined community too would contend with applications.
    locked = visas.select_for_update(of=("self",)) if for_update else visas
    visa = locked.filter(pk=visa_id).first()
    if visa is None:
        raise NotFound("VISA_NOT_FOUND", "no such visa")
    return visa


def visible_fine(user: User, fine_id: int) -> Fine:
    """The sponsor fined (GET /me/fines) and the authority see a fine; to others it is not found."""
    fine = Fine.objects.filter(pk=fine_id).first()
    if fine is None or not (user.role == Role.AUTHORITY or user.pk == fine.sponsor_id):
        raise NotFound("FINE_NOT_FOUND", "no such fine")
    return fine


def reportable_events(user: User, visa: Visa) -> list[Event]:
    """The events this person may report on the visa as it stands (the lifecycle's table)."""
    role = acting_role(user, visa)
    return [
        event
        for event in Event
        if role is not None
        and may_report(role, event)
        and next_status(Status(visa.status), event) is not None
    ]


def refuse_report(user: User, visa: Visa, event: Event, occurred_on: dt.date) -> None:
    """Raises the refusal a report of the event on that day would meet: report_event checks it
    under the visa's lock, the portal before it states the consequences of a report that could
    not be sent."""
    role = acting_role(user, visa)
    if role is None or not may_report(role, event):
        raise Forbidden(
            "EVENT_NOT_PERMITTED", f"the role {role or user.role} may not report {event}"
        )
    if occurred_on > today():
        raise Invalid("DATE_IN_FUTURE", "an event is reported after it happens")
    if occurred_on < visa.applied_at.date():
        raise Invalid("DATE_BEFORE_VISA", f"the visa dates from {visa.applied_at.date()}")
    start, months = visa.term()
    if event == Event.ARRIVED and occurred_on < start:
        raise Invalid("ARRIVAL_BEFORE_START", f"the visa's term starts on {start}")
    if not may_complete(role, event, occurred_on, start, months):
        raise Forbidden(
            "COMPLETION_BEFORE_END",
            "before the agreement's end only the authority records a completion",
        )
    if next_status(Status(visa.status), event) is None:
        raise Conflict(
            "TRANSITION_NOT_ALLOWED",
            f"the visa is {visa.status}: it cannot take {event}",
            {"status": visa.status, "event": event.value},
        )
    order = DeportationOrder.objects.filter(visa=visa).first()
    if event == Event.DEPORTED and (
        order is None or order.effective_on is None or order.effective_on > occurred_on
    ):
        raise Conflict("DEPORTATION_NOT_EFFECTIVE", "the order takes effect when the sentence ends")


def foreseen_consequences(visa: Visa, event: Event, occurred_on: dt.date) -> list[Foreseen]:
    """What reporting the event would do, with the parameters in force on the day it happened."""
    return foresee(visa, event, occurred_on, parameters(visa.jurisdiction_id, occurred_on))


def earnings_share(visa: Visa, amount: Money) -> Money:
    """The gain share a month's earnings owe the sponsor under the visa's agreement (none on an
    auction visa: he owes nobody a share)."""
    agreement = visa.agreement
    if agreement is None:
        return Money(0, amount.currency)
    return gain_share(
        Fraction(agreement.gain_share_numerator, agreement.gain_share_denominator),
        amount,
        Money(agreement.home_annual_earnings, agreement.currency),
    )
