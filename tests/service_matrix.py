"""Who may call which service: the table the service matrix checks.

Every public function of a `services.py` is a row here, or is named in UNCHECKED with why it has
no caller to check (a helper inside its caller's transaction, a job of the system, a credential).
A row says who may call the service; every other role of the world (tests/api/world.py) must be
refused: with `code` (403, or the status given) when the row's object is visible to him, with
`hidden` (404, the answer a missing object gets) when it is not.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

from django.core.files.uploadedfile import SimpleUploadedFile

import vip
from vip.agreements import services as agreements
from vip.auctions import services as auctions
from vip.calendar import add_months
from vip.clock import now, today
from vip.communities import services as communities
from vip.ledger import services as ledger
from vip.matching import services as matching
from vip.matching.services import RequestCriteria
from vip.messaging import services as messaging
from vip.people import services as people
from vip.people.models import User, VerificationKind, VerificationRequest
from vip.visas import services as visas
from vip.web import services as portal
from vip.welfare import services as welfare
from vip.welfare.models import Case, CaseReason, CheckIn, Occasion
from vip.welfare.services import Answers

from tests.api.matrix import a_new_token_of
from tests.api.world import ROLES, World
from tests.auctions.life import elapse, terms, usd
from tests.cast import seed_terms


def services_modules() -> list[ModuleType]:
    """Every app's services.py: a new app's services are in the matrix without being named."""
    apps = [info.name for info in pkgutil.iter_modules(vip.__path__) if info.ispkg]
    names = [f"vip.{app}.services" for app in apps]
    return [importlib.import_module(n) for n in names if importlib.util.find_spec(n) is not None]


def a_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("document.pdf", b"%PDF-1.7\n%%EOF\n")


def a_flagged_request_of(person: User) -> VerificationRequest:
    """His identity request with a document, whose number another account's request has."""
    other = next(u for u in User.objects.exclude(pk=person.pk).filter(role=person.role))
    people.ask_verification(
        person=other, kind=VerificationKind.IDENTITY, upload=a_pdf(), document_number="N1"
    )
    return people.ask_verification(
        person=person, kind=VerificationKind.IDENTITY, upload=a_pdf(), document_number="N1"
    )


Call = Callable[[World, User], object]
EVERYONE = frozenset(ROLES)
SPONSORS = frozenset({"anthony", "carol", "frank"})
MIGRANTS = frozenset({"bishal", "dawa", "gita"})
STAFF = EVERYONE - SPONSORS - MIGRANTS


@dataclass(frozen=True)
class Row:
    call: Call
    allowed: frozenset[str]
    code: str  # the refusal of those who see the object, or of all when nothing is hidden
    hidden: str | None = None  # the not-found code of those who may not see the object
    sees: frozenset[str] = frozenset()  # who sees the object but may not do this
    status: int = 403
    own: dict[str, tuple[int, str]] = field(default_factory=dict)  # a role's own refusal

    def refusal(self, role: str) -> tuple[int, str] | None:
        """(status, code) the role is refused with; None for a role that may call it."""
        if role in self.allowed:
            return None
        if role in self.own:
            return self.own[role]
        if self.hidden is not None and role not in self.sees:
            return 404, self.hidden
        return self.status, self.code


def name(service: Callable[..., object]) -> str:
    return f"{service.__module__.removeprefix('vip.').removesuffix('.services')}.{service.__name__}"


def public_functions() -> set[str]:
    """Every function a services module defines (not one it imports), but the private ones."""
    return {
        name(member)
        for module in services_modules()
        for key, member in vars(module).items()
        if inspect.isfunction(member)
        and member.__module__ == module.__name__
        and not key.startswith("_")
    }


UNCHECKED: dict[str, str] = {
    "people.check_password_strength": "a check of a password, no caller",
    "people.check_new_account": "create_account's checks (who may make the role among them)",
    "people.issue_token": "for the person the login flow (people/login.py) has just let in",
    "people.record_login": "a security event of the login flow",
    "people.record_login_failure": "a security event of the login flow: nobody is logged in",
    "people.record_lockout": "a security event of the login flow: nobody is logged in",
    "people.token_for": "the token is the credential",
    "people.change_password": "a person's own password (user= is the caller): everyone's right",
    "people.revoke_tokens": "his password changed (allauth's signals, change_password): his own",
    "notifications.notify": "inside its caller's transaction, which checked",
    "notifications.notify_others": "inside its caller's transaction, which checked",
    "notifications.mark_read": "a person marks his own notices: nobody is refused",
    "notifications.record_emailed": "the background task's record: no caller but the system",
    "people.make_block": "inside block's or messaging.block's transaction, which checked",
    "communities.sync_jurisdictions": "the system mirrors its parameter files",
    "communities.in_force": "a helper of set_rules",
    "matching.page_of": "a helper of the searches",
    "matching.count_search": "a helper of the searches: the rate limit",
    "matching.round_lists": "a helper of run_round",
    "matching.close_requests": "inside close_request's or settle_agreements' transaction",
    "agreements.parse_gain_share": "a parser, no caller",
    "agreements.make_offer": "inside offer's or run_round's transaction, which checked",
    "visas.change_status": "inside its caller's transaction, which checked",
    "visas.settle_agreements": "inside its caller's transaction, which checked",
    "visas.agreement_end": "a date, no caller",
    "visas.issue_auction_visa": "inside auctions.issue_visa's transaction, which checked",
    "visas.complete_ended_visas": "the daily job: no caller but the system",
    "jobs.run_daily": "the daily jobs: no caller but the system (a worker, cron)",
    "analysis.start_run": "the simulator is public: anyone may run it (rate-limited per address)",
    "analysis.execute_run": "the task queue's job, or start_run's: no caller but the system",
    "analysis.count_run": "a helper of start_run: the rate limit",
    "analysis.refused": "a helper of start_run: an input error as a refusal",
    "ledger.person_account": "inside its caller's transaction, which checked",
    "ledger.program_account": "inside its caller's transaction, which checked",
    "ledger.check_balanced": "a check of legs, no caller",
    "ledger.post": "inside its caller's transaction, which checked",
    "ledger.transfer": "inside its caller's transaction, which checked",
    "ledger.dividend_account": "inside its caller's transaction, which checked",
    "ledger.dividend_costs_account": "inside its caller's transaction, which checked",
    "privacy.export": "a person's own data, to himself: nobody else's is read",
    "privacy.pseudonymise_expired": "the daily job: no caller but the system",
    "privacy.pseudonymise": "inside the daily job's transaction",
    "privacy.retention_years": "a parameter's lookup, no caller",
    "audit.record": "inside its caller's transaction, which checked",
    "audit.verify": "the operator's `vip audit verify`: a read of the whole log",
    "audit.verify_against": "the operator's `vip audit verify --checkpoint`",
    "audit.signing_key": "the operator's key file",
    "audit.write_checkpoint": "the operator's daily job, with the key file",
    "audit.chain_of": "record's rule for an event's chain: a read, no caller",
    "audit.chain_for": "the chain record appends to, read first by ledger.post: a read",
    "audit.label": "how a report names an event, no caller",
    "auctions.pay_dividend": "inside settle's transaction, which checked",
    "auctions.advance_due": "the daily job: no caller but the system",
    "welfare.run_checkins": "the daily job: no caller but the system",
    "welfare.open_case": "inside its caller's transaction, which checked",
}


def bishals_registration(w: World, *, by_agency: bool = False, bidding: bool = False) -> int:
    """Bishal in a new auction, registered by himself (or by Anthony's agency), the bidding
    open if asked."""
    authority = w.people["authority"]
    auction = auctions.create_auction(authority=authority, terms=terms(code="US-MATRIX"))
    auctions.open_registration(actor=authority, code=auction.code)
    registration = auctions.register(
        user=w.people["agency" if by_agency else "bishal"],
        code=auction.code,
        document_country="NP",
        document_number="PA-1",
        beneficiary_id=w.people["bishal"].pk if by_agency else None,
    )
    if bidding:
        elapse(auction, 2)
        auctions.open_bidding(actor=authority, code=auction.code)
    return registration.pk


def a_bid_of_bishal(w: World) -> int:
    pk = bishals_registration(w, bidding=True)
    auctions.place_bid(user=w.people["bishal"], registration_id=pk, amount=usd(2000_00))
    return pk


def on_an_auction(service: Callable[..., object]) -> Row:
    """A step of an auction's life: the authority's (or the daily job's), whatever its state."""
    return Row(
        call=lambda w, u: service(actor=u, code="US-NONE"),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    )


def staff_account(w: World, u: User) -> object:
    return people.create_account(
        email="olga@test.vip.example",
        password="a long passphrase of the demo",
        role="officer",
        full_name="Olga",
        birth_date=None,
        country="US",
        community_code="springfield",
        created_by=u,
    )


def request_for_anthony(w: World, u: User) -> object:
    criteria = RequestCriteria(age_min=20, age_max=40)
    return matching.create_request(user=u, sponsor=w.people["anthony"], criteria=criteria)


def anthony_and_bishal(w: World) -> int:
    """Their conversation (the one open, opened by Anthony if need be)."""
    opened = messaging.open_conversation(
        user=w.people["anthony"], counterpart_id=w.people["bishal"].pk
    )
    return opened.pk


def write_to_a_counterpart(w: World, u: User) -> object:
    other = w.people["gita" if u.role == "sponsor" else "frank"]
    return messaging.open_conversation(user=u, counterpart_id=other.pk)


def in_their_conversation(act: Callable[..., object]) -> Row:
    """A party's act in Anthony's and Bishal's conversation: nobody else finds it."""
    return Row(
        call=lambda w, u: act(user=u, conversation_id=anthony_and_bishal(w)),
        allowed=frozenset({"anthony", "bishal"}),
        code="CONVERSATION_NOT_FOUND",
        hidden="CONVERSATION_NOT_FOUND",
        status=404,
    )


def bishals_checkin(w: World) -> int:
    """A check-in due on Bishal's visa, as the daily job asks it."""
    visa = w.visa
    made = CheckIn.objects.create(
        visa=visa, migrant_id=visa.migrant_id, due_on=today(), occasion=Occasion.ARRIVAL
    )
    return made.pk


def bishals_case(w: World) -> int:
    """A welfare case in the authority's queue: Bishal wrote to the office."""
    visa = w.visa
    made = Case.objects.create(
        visa=visa,
        migrant_id=visa.migrant_id,
        reason=CaseReason.MIGRANT_MESSAGE,
        message="please call me",
        opened_at=now(),
    )
    return made.pk


def on_a_welfare_case(act: Callable[..., object], **kwargs: object) -> Row:
    """The authority's act on a case; to anyone else (the sponsor above all) it is refused."""
    return Row(
        call=lambda w, u: act(user=u, case_id=bishals_case(w), **kwargs),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    )


ALL_WELL = Answers(
    paid_as_agreed="yes", housing_as_agreed="yes", feels_safe="yes", charged_fee="no"
)


MATRIX: dict[str, Row] = {
    "ledger.pay_social_dividend": Row(
        call=lambda w, u: ledger.pay_social_dividend(
            actor=u,
            jurisdiction="US",
            source=ledger.program_account("auction:US-NONE:revenue", "USD"),
            revenue=usd(100_00),
            key="auction:US-NONE",
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "welfare.answer_checkin": Row(
        call=lambda w, u: welfare.answer_checkin(
            user=u, checkin_id=bishals_checkin(w), answers=ALL_WELL
        ),
        allowed=frozenset({"bishal"}),
        code="WELFARE_CHECKIN_NOT_FOUND",
        hidden="WELFARE_CHECKIN_NOT_FOUND",
        status=404,
    ),
    "welfare.reach_authority": Row(
        call=lambda w, u: welfare.reach_authority(user=u, visa_id=w.visa.pk, message="help"),
        allowed=frozenset({"bishal"}),
        code="WELFARE_NOT_THE_MIGRANT",
        hidden="VISA_NOT_FOUND",
        sees=frozenset({"anthony", "agency", "officer", "authority"}),
    ),
    "welfare.read_case": Row(
        call=lambda w, u: welfare.read_case(reader=u, case_id=bishals_case(w)),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "welfare.assign_case": on_a_welfare_case(welfare.assign_case, assignee_id=0),
    "welfare.note_case": on_a_welfare_case(welfare.note_case, text="called him"),
    "welfare.close_case": on_a_welfare_case(welfare.close_case, note="all is well"),
    "auctions.create_auction": Row(
        call=lambda w, u: auctions.create_auction(authority=u, terms=terms()),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "auctions.open_registration": on_an_auction(auctions.open_registration),
    "auctions.open_bidding": on_an_auction(auctions.open_bidding),
    "auctions.close_bidding": on_an_auction(auctions.close_bidding),
    "auctions.clear_auction": on_an_auction(auctions.clear_auction),
    "auctions.forfeit_overdue": on_an_auction(auctions.forfeit_overdue),
    "auctions.settle": on_an_auction(auctions.settle),
    "auctions.register": Row(
        call=lambda w, u: auctions.register(
            user=u, code="US-NONE", document_country="NP", document_number="1"
        ),
        allowed=MIGRANTS | {"agency"},
        code="ROLE_REQUIRED",
    ),
    "auctions.consent": Row(
        call=lambda w, u: auctions.consent(
            user=u, registration_id=bishals_registration(w, by_agency=True)
        ),
        allowed=frozenset({"bishal"}),
        code="NOT_THE_BENEFICIARY",
        hidden="REGISTRATION_NOT_FOUND",
        sees=frozenset({"agency", "authority"}),
    ),
    "auctions.place_bid": Row(
        call=lambda w, u: auctions.place_bid(
            user=u, registration_id=bishals_registration(w, bidding=True), amount=usd(2000_00)
        ),
        allowed=frozenset({"bishal"}),
        code="NOT_THE_BENEFICIARY",
        hidden="REGISTRATION_NOT_FOUND",
        sees=frozenset({"authority"}),
    ),
    "auctions.read_bid": Row(
        call=lambda w, u: auctions.read_bid(user=u, registration_id=a_bid_of_bishal(w)),
        allowed=frozenset({"bishal"}),
        code="BID_SEALED",
        hidden="REGISTRATION_NOT_FOUND",
        sees=frozenset({"authority"}),
    ),
    "auctions.record_payment": Row(
        call=lambda w, u: auctions.record_payment(
            authority=u, registration_id=bishals_registration(w)
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
        hidden="REGISTRATION_NOT_FOUND",
        sees=frozenset({"bishal"}),
    ),
    "auctions.issue_visa": Row(
        call=lambda w, u: auctions.issue_visa(
            authority=u, registration_id=bishals_registration(w), insurance=None
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
        hidden="REGISTRATION_NOT_FOUND",
        sees=frozenset({"bishal"}),
    ),
    "auctions.decide_duplicate": Row(
        call=lambda w, u: auctions.decide_duplicate(
            authority=u, registration_id=bishals_registration(w), decision="upheld"
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
        hidden="REGISTRATION_NOT_FOUND",
        sees=frozenset({"bishal"}),
    ),
    "people.create_account": Row(
        call=staff_account, allowed=frozenset({"authority"}), code="ROLE_REQUIRED"
    ),
    "people.update_profile": Row(
        call=lambda w, u: people.update_profile(u, {"interests": ["football"]}),
        allowed=SPONSORS | MIGRANTS,
        code="NO_PROFILE",
    ),
    "people.record_verification": Row(
        call=lambda w, u: people.record_verification(
            authority=u, person_id=w.people["bishal"].pk, kind="health", result="clear"
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
        hidden="PERSON_NOT_FOUND",
        sees=frozenset({"bishal"}),
    ),
    "people.read_verifications": Row(
        call=lambda w, u: people.read_verifications(reader=u, person_id=w.people["bishal"].pk),
        allowed=frozenset({"bishal", "authority"}),
        code="PERSON_NOT_FOUND",
        hidden="PERSON_NOT_FOUND",
    ),
    "people.ask_verification": Row(
        call=lambda w, u: people.ask_verification(
            person=u, kind=VerificationKind.HEALTH, upload=a_pdf()
        ),
        allowed=SPONSORS | MIGRANTS,
        code="VERIFICATION_NOT_FOR_STAFF",
    ),
    "people.decide_flag": Row(
        call=lambda w, u: people.decide_flag(
            authority=u, request_id=a_flagged_request_of(w.people["bishal"]).pk, upheld=False
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
        hidden="VERIFICATION_REQUEST_NOT_FOUND",
        sees=frozenset({"bishal"}),
    ),
    "people.read_document": Row(
        call=lambda w, u: people.read_document(
            reader=u, document_id=a_flagged_request_of(w.people["bishal"]).documents.get().pk
        ),
        allowed=frozenset({"bishal", "authority"}),
        code="DOCUMENT_NOT_FOUND",
        hidden="DOCUMENT_NOT_FOUND",
    ),
    "people.revoke_token": Row(
        call=lambda w, u: people.revoke_token(user=u, token_id=a_new_token_of(w.people["anthony"])),
        allowed=frozenset({"anthony"}),
        code="TOKEN_NOT_FOUND",
        hidden="TOKEN_NOT_FOUND",
    ),
    "people.delegate": Row(
        call=lambda w, u: people.delegate(sponsor=u, agency_id=w.people["agency"].pk),
        allowed=SPONSORS,
        code="ROLE_REQUIRED",
    ),
    "people.import_people": Row(
        call=lambda w, u: people.import_people(actor=u, sponsors=[], migrants=[]),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "people.block": Row(
        call=lambda w, u: people.block(user=u, person_id=w.people["anthony"].pk),
        allowed=MIGRANTS,
        code="BLOCK_NOT_A_COUNTERPART",
        status=422,
        own={"anthony": (404, "PERSON_NOT_FOUND")},
    ),
    "people.assign_household": Row(
        call=lambda w, u: people.assign_household(
            user=u, person_id=w.people["anthony"].pk, household="12 Elm Street"
        ),
        allowed=frozenset({"officer", "authority"}),
        code="NOT_COMMUNITY_OFFICER",
        hidden="PERSON_NOT_FOUND",
        sees=frozenset({"anthony"}),
    ),
    "communities.create_community": Row(
        call=lambda w, u: communities.create_community(
            authority=u,
            code="shelbyville",
            name="Shelbyville",
            jurisdiction_code="US",
            population=1,
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "communities.set_rules": Row(
        call=lambda w, u: communities.set_rules(
            user=u, community_code="springfield", max_active_visas=100
        ),
        allowed=frozenset({"officer", "authority"}),
        code="NOT_COMMUNITY_OFFICER",
    ),
    "matching.create_request": Row(
        call=request_for_anthony, allowed=frozenset({"anthony", "agency"}), code="NOT_SPONSOR"
    ),
    "matching.search_candidates": Row(
        call=lambda w, u: matching.search_candidates(user=u, request_id=w.request.pk, limit=5),
        allowed=frozenset({"anthony", "agency", "authority"}),
        code="REQUEST_NOT_FOUND",
        hidden="REQUEST_NOT_FOUND",
    ),
    "matching.view_candidate": Row(
        call=lambda w, u: matching.view_candidate(
            user=u, request_id=w.request.pk, migrant_id=w.people["bishal"].pk
        ),
        allowed=frozenset({"anthony", "agency", "authority"}),
        code="REQUEST_NOT_FOUND",
        hidden="REQUEST_NOT_FOUND",
    ),
    "matching.keep_on_shortlist": Row(
        call=lambda w, u: matching.keep_on_shortlist(
            user=u, request_id=w.request.pk, migrant_id=w.people["bishal"].pk, keep=True
        ),
        allowed=frozenset({"anthony", "agency", "authority"}),
        code="REQUEST_NOT_FOUND",
        hidden="REQUEST_NOT_FOUND",
    ),
    "matching.search_opportunities": Row(
        call=lambda w, u: matching.search_opportunities(user=u, limit=5),
        allowed=MIGRANTS,
        code="ROLE_REQUIRED",
    ),
    "matching.run_round": Row(
        call=lambda w, u: matching.run_round(authority=u, cohort="springfield"),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "matching.close_request": Row(
        call=lambda w, u: matching.close_request(user=u, request_id=w.request.pk),
        allowed=frozenset({"anthony", "agency"}),
        code="NOT_SPONSOR",
        hidden="REQUEST_NOT_FOUND",
        sees=frozenset({"authority"}),
    ),
    "people.revoke_delegation": Row(
        call=lambda w, u: people.revoke_delegation(sponsor=u),
        allowed=frozenset({"anthony"}),
        code="ROLE_REQUIRED",
        own={s: (404, "DELEGATION_NOT_FOUND") for s in ("carol", "frank")},
    ),
    "visas.assign_complaint": Row(
        call=lambda w, u: visas.assign_complaint(
            user=u, complaint_id=w.complaint.pk, assignee_id=w.people["authority"].pk
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "visas.answer_complaint": Row(
        call=lambda w, u: visas.answer_complaint(user=u, complaint_id=w.complaint.pk, text="fixed"),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "visas.resolve_complaint": Row(
        call=lambda w, u: visas.resolve_complaint(user=u, complaint_id=w.complaint.pk),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "visas.escalate_complaint": Row(
        call=lambda w, u: visas.escalate_complaint(
            user=u, complaint_id=w.complaint.pk, note="urgent"
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "agreements.offer": Row(
        call=lambda w, u: agreements.offer(
            user=u, sponsor=w.people["anthony"], migrant_id=w.people["gita"].pk, terms=seed_terms()
        ),
        allowed=frozenset({"anthony", "agency"}),
        code="NOT_SPONSOR",
    ),
    "agreements.sign": Row(
        call=lambda w, u: agreements.sign(user=u, agreement_id=w.offer.pk),
        allowed=frozenset({"anthony", "agency", "bishal"}),
        code="NOT_A_PARTY",
        hidden="AGREEMENT_NOT_FOUND",
        sees=frozenset({"authority"}),
    ),
    "agreements.decline": Row(
        call=lambda w, u: agreements.decline(user=u, agreement_id=w.offer.pk),
        allowed=frozenset({"bishal"}),
        code="NOT_THE_MIGRANT",
        hidden="AGREEMENT_NOT_FOUND",
        sees=frozenset({"anthony", "agency", "authority"}),
    ),
    "agreements.withdraw": Row(
        call=lambda w, u: agreements.withdraw(user=u, agreement_id=w.offer.pk),
        allowed=frozenset({"anthony", "agency"}),
        code="NOT_SPONSOR",
        hidden="AGREEMENT_NOT_FOUND",
        sees=frozenset({"bishal", "authority"}),
    ),
    "agreements.schedule_interview": Row(
        call=lambda w, u: agreements.schedule_interview(
            user=u, agreement_id=w.offer.pk, at=now() + dt.timedelta(days=1)
        ),
        allowed=frozenset({"anthony", "agency", "bishal"}),
        code="AGREEMENT_NOT_FOUND",
        hidden="AGREEMENT_NOT_FOUND",
    ),
    "visas.apply": Row(
        call=lambda w, u: visas.apply(user=u, agreement_id=w.agreement.pk, insurance=None),
        allowed=frozenset({"anthony", "agency"}),
        code="AGREEMENT_NOT_FOUND",
        hidden="AGREEMENT_NOT_FOUND",
    ),
    "visas.decide_review": Row(
        call=lambda w, u: visas.decide_review(
            authority=u, visa_id=w.review.pk, outcome="approved", note="checked"
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
        hidden="VISA_NOT_FOUND",
        sees=frozenset({"carol", "dawa", "officer"}),
    ),
    "visas.report_event": Row(
        call=lambda w, u: visas.report_event(
            user=u, visa_id=w.visa.pk, kind="employed", occurred_on=today(), details={}
        ),
        allowed=frozenset({"anthony", "agency", "bishal", "authority"}),
        code="EVENT_NOT_PERMITTED",
        hidden="VISA_NOT_FOUND",
        sees=frozenset({"officer"}),
    ),
    "visas.report_earnings": Row(
        call=lambda w, u: visas.report_earnings(
            user=u,
            visa_id=w.visa.pk,
            month=add_months(today(), -1),
            amount=seed_terms().annual_pay,
        ),
        allowed=frozenset({"bishal"}),
        code="NOT_THE_MIGRANT",
        hidden="VISA_NOT_FOUND",
        sees=frozenset({"anthony", "agency", "officer", "authority"}),
    ),
    "visas.pay_fine": Row(
        call=lambda w, u: visas.pay_fine(authority=u, fine_id=w.fine.pk),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
        hidden="FINE_NOT_FOUND",
        sees=frozenset({"carol"}),
    ),
    "visas.accrue_support": Row(
        call=lambda w, u: visas.accrue_support(actor=u, day=today()),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "visas.amnesty_intake": Row(
        call=lambda w, u: visas.amnesty_intake(
            authority=u,
            person_id=w.people["gita"].pk,
            jurisdiction_code="US",
            path="sponsorship",
            received_on=today(),
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "visas.file_complaint": Row(
        call=lambda w, u: visas.file_complaint(
            user=u, visa_id=w.visa.pk, category="pay", text="late"
        ),
        allowed=frozenset({"anthony", "agency", "bishal"}),
        code="NOT_A_PARTY",
        hidden="VISA_NOT_FOUND",
        sees=frozenset({"officer", "authority"}),
    ),
    "messaging.open_conversation": Row(
        call=write_to_a_counterpart,
        allowed=SPONSORS | MIGRANTS,
        code="PERSON_NOT_FOUND",
        status=404,
    ),
    "messaging.send_message": in_their_conversation(
        lambda **kw: messaging.send_message(body="Namaste", **kw)
    ),
    "messaging.report": in_their_conversation(lambda **kw: messaging.report(reason="fee", **kw)),
    "messaging.block": in_their_conversation(messaging.block),
    "web.confirm_addresses": Row(
        call=lambda w, u: portal.confirm_addresses(actor=u, users=User.objects.none()),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
    "web.enrol_second_factor": Row(
        call=lambda w, u: portal.enrol_second_factor(
            actor=u, users=User.objects.none(), secret="JBSWY3DPEHPK3PXP"
        ),
        allowed=frozenset({"authority"}),
        code="ROLE_REQUIRED",
    ),
}


@dataclass(frozen=True)
class Cell:
    service: str
    role: str
    row: Row = field(compare=False)

    @property
    def refusal(self) -> tuple[int, str]:
        found = self.row.refusal(self.role)
        assert found is not None
        return found

    @property
    def test_name(self) -> str:
        status, code = self.refusal
        service = self.service.replace(".", "_")
        return f"test_{service}_refuses_{self.role}_with_{status}_{code.lower()}"


def cells() -> list[Cell]:
    """One cell per service and role that may not call it."""
    return [
        Cell(service, role, row)
        for service, row in sorted(MATRIX.items())
        for role in ROLES
        if row.refusal(role) is not None
    ]
