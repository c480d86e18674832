"""What each person has done and what comes next: the task lists of his start page.

Each task's state is read from the domains' models and selectors; this module decides no rule, it
only says where the person stands and which page takes him further."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.agreements import selectors as agreement_selectors
from vip.agreements.models import Agreement, AgreementStatus, Interview
from vip.auctions.models import AuctionStatus
from vip.auctions.selectors import open_to, registrations_of
from vip.clock import now
from vip.matching.models import SponsorshipRequest
from vip.people.models import Delegation, Role, User, VerificationKind
from vip.people.selectors import is_verified
from vip.visas.models import LIVE, Fine, Insurance, Status, SupportObligation, Visa
from vip.visas.selectors import visible_visas
from vip.web.names import status_name as visa_status_name
from vip.welfare import selectors as welfare

DONE, STARTED, TO_DO, LATER = "done", "started", "to_do", "later"
STATES: dict[str, Promise] = {
    DONE: _("Done"),
    STARTED: _("In progress"),
    TO_DO: _("To do"),
    LATER: _("Cannot start yet"),
}


def may_confirm_addresses(user: User) -> bool:
    """Vouching that a register confirmed people's addresses: the authority's right."""
    return user.role == Role.AUTHORITY


@dataclass(frozen=True)
class WorkspaceTask:
    name: Promise
    state: str
    detail: str = ""
    url: str = ""

    @property
    def state_label(self) -> str:
        return str(STATES[self.state])


def latest_request(sponsor: User) -> SponsorshipRequest | None:
    return sponsor.requests.filter(active=True).order_by("-created_at", "-pk").first()


def latest_agreement(person: User) -> Agreement | None:
    mine = Agreement.objects.filter(sponsor=person) | Agreement.objects.filter(migrant=person)
    return mine.exclude(status=AgreementStatus.LAPSED).order_by("-created_at", "-pk").first()


def latest_visa(person: User) -> Visa | None:
    return visible_visas(person).order_by("-pk").first()


def sponsor_tasks(sponsor: User) -> list[WorkspaceTask]:
    verified = all(
        is_verified(sponsor, kind)
        for kind in (VerificationKind.IDENTITY, VerificationKind.CITIZENSHIP)
    )
    request = latest_request(sponsor)
    agreement = latest_agreement(sponsor)
    interview = latest_interview(agreement)
    visa = latest_visa(sponsor)
    insured = visa is not None and Insurance.objects.filter(visa=visa).exists()
    live = visa is not None and visa.status in LIVE
    # The application is made on a signed agreement (a refused one may be made again).
    signed = agreement if agreement and agreement.status == AgreementStatus.SIGNED else None
    owes = (
        SupportObligation.objects.filter(visa__sponsor=sponsor, ended_on=None).exists()
        or Fine.objects.filter(sponsor=sponsor, paid_at=None).exists()
    )
    return [
        WorkspaceTask(
            _("Identity and citizenship verified"),
            DONE if verified else STARTED,
            "" if verified else str(_("The immigration office checks your documents.")),
            reverse("web:verification"),
        ),
        WorkspaceTask(
            _("Household recorded"),
            DONE if sponsor.community_id else STARTED,
            sponsor.community.name
            if sponsor.community
            else str(_("Your community's officer records where you live.")),
        ),
        WorkspaceTask(
            _("Describe the worker you want"),
            DONE if request else TO_DO,
            str(_("Request %(ref)s") % {"ref": reference(request.pk)}) if request else "",
            reverse("web:request_step", args=["languages"]),
        ),
        WorkspaceTask(
            _("Candidates"),
            STARTED if request and not agreement else (DONE if agreement else LATER),
            "",
            reverse("web:candidates", args=[request.pk]) if request else "",
        ),
        WorkspaceTask(
            _("Interview"),
            DONE if interview else (TO_DO if agreement else LATER),
            "",
            interview_url(agreement, interview),
        ),
        WorkspaceTask(
            _("Agreement"),
            state_of_agreement(agreement),
            "",
            reverse("web:agreement", args=[agreement.pk]) if agreement else "",
        ),
        WorkspaceTask(
            _("Health insurance"),
            DONE if insured else (TO_DO if signed else LATER),
            "",
            reverse("web:insurance", args=[signed.pk]) if signed else "",
        ),
        WorkspaceTask(
            _("Visa application"),
            DONE if live else (TO_DO if signed else LATER),
            visa_status_name(visa.status) if visa and not live else "",
            reverse("web:application", args=[signed.pk]) if signed else "",
        ),
        WorkspaceTask(
            _("Visa"),
            DONE if visa and visa.status == Status.ACTIVE else (STARTED if live else LATER),
            visa_status_name(visa.status) if visa else "",
            reverse("web:visa", args=[visa.pk]) if visa else "",
        ),
        WorkspaceTask(
            _("Obligations"),
            STARTED if owes else (TO_DO if live else LATER),
            "",
            reverse("web:money"),
        ),
    ]


def latest_interview(agreement: Agreement | None) -> Interview | None:
    if agreement is None:
        return None
    return Interview.objects.filter(agreement=agreement).order_by("-at").first()


def interview_url(agreement: Agreement | None, interview: Interview | None) -> str:
    """The invitation once there is one, the page that sends one while there is an offer."""
    if interview is not None:
        return reverse("web:interview", args=[interview.pk])
    return reverse("web:interview_invite", args=[agreement.pk]) if agreement else ""


def state_of_agreement(agreement: Agreement | None) -> str:
    if agreement is None:
        return LATER
    return STARTED if agreement.status == AgreementStatus.OFFERED else DONE


def migrant_tasks(migrant: User) -> list[WorkspaceTask]:
    verified = is_verified(migrant, VerificationKind.IDENTITY)
    profile = migrant.migrant_profile
    agreement = latest_agreement(migrant)
    interview = latest_interview(agreement)
    visa = latest_visa(migrant)
    return [
        WorkspaceTask(
            _("Identity verified"),
            DONE if verified else STARTED,
            "" if verified else str(_("The immigration office checks your documents.")),
            reverse("web:verification"),
        ),
        WorkspaceTask(
            _("Your profile"),
            DONE if profile.languages and profile.sectors else TO_DO,
            "",
            reverse("web:profile"),
        ),
        WorkspaceTask(
            _("Sponsors looking for you"),
            DONE if agreement else STARTED,
            "",
            reverse("web:opportunities"),
        ),
        WorkspaceTask(
            _("Interview"),
            DONE if interview else (TO_DO if agreement else LATER),
            "",
            interview_url(agreement, interview),
        ),
        WorkspaceTask(_("Agreement"), state_of_agreement(agreement), "", reverse("web:offers")),
        WorkspaceTask(
            _("Visa"),
            DONE if visa and visa.status == Status.ACTIVE else (STARTED if visa else LATER),
            visa_status_name(visa.status) if visa else "",
            reverse("web:migrant_visa", args=[visa.pk]) if visa else "",
        ),
        *auctions_task(migrant),
        *welfare_task(migrant),
    ]


def welfare_task(migrant: User) -> list[WorkspaceTask]:
    """ "Welfare check-in" while his visa is approved or active: to do when one is due."""
    if welfare.current_visa(migrant) is None:
        return []
    due = welfare.due_checkin(migrant)
    detail = "" if due else str(_("Nothing is due now."))
    return [
        WorkspaceTask(_("Welfare check-in"), TO_DO if due else DONE, detail, reverse("web:welfare"))
    ]


def auctions_task(migrant: User) -> list[WorkspaceTask]:
    """ "Auctions", while one he may take part in is in registration or bidding, or while he is
    registered in one not settled yet (its result is there)."""
    waiting = registrations_of(migrant).exclude(auction__status=AuctionStatus.SETTLED).exists()
    joinable = open_to(migrant).exclude(registrations__beneficiary=migrant).exists()
    if not (waiting or joinable):
        return []
    return [
        WorkspaceTask(_("Auctions"), TO_DO if joinable else STARTED, "", reverse("web:auctions"))
    ]


def offer_actions(person: User, agreement: Agreement) -> set[str]:
    """What he may still do to an open offer: sign it, decline it (the migrant), withdraw it (the
    sponsor); nothing once it is signed by both, declined, withdrawn or expired."""
    if agreement_selectors.status_of(agreement, now()) != AgreementStatus.OFFERED:
        return set()
    actions = set() if agreement_selectors.signed_by(person, agreement) else {"sign"}
    if agreement_selectors.may_decline(person, agreement):
        actions.add("decline")
    if agreement_selectors.may_withdraw(person, agreement):
        actions.add("withdraw")
    return actions


OFFER_STATES: dict[AgreementStatus, tuple[str, Promise]] = {
    AgreementStatus.OFFERED: (TO_DO, _("to read and sign")),
    AgreementStatus.SIGNED: (DONE, _("signed")),
    AgreementStatus.USED: (DONE, _("signed")),
    AgreementStatus.LAPSED: (LATER, _("lapsed")),
    AgreementStatus.DECLINED: (LATER, _("declined")),
    AgreementStatus.WITHDRAWN: (LATER, _("withdrawn")),
    AgreementStatus.EXPIRED: (LATER, _("expired")),
}


def offer_state(agreement: Agreement) -> tuple[str, Promise]:
    """The tag an offer shows in his list: its state and its word."""
    return OFFER_STATES[agreement_selectors.status_of(agreement, now())]


def reference(pk: int) -> str:
    """A short reference a person can read out on the phone: R-000123."""
    return f"R-{pk:06d}"


@dataclass(frozen=True)
class ClientProgress:
    """A sponsor who delegated to an agency, and how far he is along his own task list."""

    sponsor: User
    since: dt.datetime
    done: int
    total: int
    next: WorkspaceTask | None


def client_progress(delegation: Delegation) -> ClientProgress:
    """The agency reads its client's progress from his own task list, so both see the same."""
    tasks = sponsor_tasks(delegation.sponsor)
    return ClientProgress(
        sponsor=delegation.sponsor,
        since=delegation.created_at,
        done=sum(task.state == DONE for task in tasks),
        total=len(tasks),
        next=next((task for task in tasks if task.state != DONE), None),
    )
