"""Each closed vocabulary is one enum: the models' choices, the API's schema (as the OpenAPI
document lists it), the portal's forms and docs/api.md all say its values, and no module of the
product spells the list out again."""

from __future__ import annotations

import ast
import enum
import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import models

from vip.agreements.models import Agreement, AgreementStatus, Work
from vip.analysis.models import Run, RunStatus
from vip.auctions.clearing import Rule
from vip.auctions.models import (
    Auction,
    AuctionStatus,
    DuplicateDecision,
    DuplicateReason,
    Registration,
    RegistrationOutcome,
    SeatStatus,
)
from vip.audit.models import Action, Subject
from vip.communities.selectors import Standing
from vip.jobs.models import DailyRun, Job
from vip.ledger.models import Transaction, TransactionKind
from vip.matching.clearinghouse.sides import Proposing, RoundSide
from vip.matching.models import IndexChange, MatchRound, SponsorshipRequest
from vip.matching.ranking.ranked import Why
from vip.matching.ranking.records import Housing, Level, SoftCriterion
from vip.messaging.models import Report, ReportReason
from vip.notifications import selectors as notifications
from vip.notifications.models import Notification, NotificationKind
from vip.people.models import (
    SELF_SERVICE_ROLES,
    FlagState,
    MatchOn,
    MigrantProfile,
    RequestStatus,
    Role,
    User,
    Verification,
    VerificationKind,
    VerificationRequest,
    VerificationResult,
)
from vip.people.rules import DocumentType
from vip.policy.parameters import Unit
from vip.simulation.inputs import Mechanism, Mode, VipTransfer
from vip.simulation.runner import Compute
from vip.visas.consequences import Effect, ForeseenKind
from vip.visas.models import (
    AmnestyApplication,
    AmnestyPath,
    Complaint,
    ComplaintCategory,
    ComplaintStatus,
    DeportationOrder,
    DeportationReason,
    Event,
    Incident,
    Procedure,
    Status,
    StatusChange,
    Visa,
    VisaKind,
)
from vip.visas.rules import REVIEW_OUTCOMES, Outcome
from vip.visas.selectors import OrderState
from vip.web import (
    authority_parameters,
    authority_verifications,
    forms,
    simulator_forms,
    simulator_selectors,
    visa_forms,
    visa_selectors,
)
from vip.welfare.models import (
    Answer,
    Case,
    CaseReason,
    CaseStatus,
    CheckIn,
    CheckInStatus,
    Occasion,
)

from tests.api.schema_fuzz import resolve

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "vip"

# name in docs/api.md: (its values in order, the schema fields that take them)
VOCABULARIES: dict[str, tuple[tuple[str, ...], list[str]]] = {
    "vip.matching.ranking.records.Level": (
        tuple(Level),
        ["LanguageLevel.level", "LanguageMin.min_level"],
    ),
    "vip.matching.ranking.records.Housing": (
        tuple(Housing),
        ["ProfileIn.housing_need", "RequestIn.housing", "RequestTermsOut.housing"],
    ),
    "vip.matching.ranking.records.SoftCriterion": (
        tuple(SoftCriterion),
        ["ProfileIn.soft_criteria[]", "RequestIn.soft_criteria[]"],
    ),
    "vip.matching.ranking.ranked.Why": (tuple(Why), []),
    "vip.matching.models.IndexChange.Kind": (tuple(IndexChange.Kind), []),
    "vip.people.models.Role": (tuple(Role), ["ViewerOut.role"]),
    "vip.people.models.SELF_SERVICE_ROLES": (SELF_SERVICE_ROLES, ["AccountIn.role"]),
    "vip.people.models.VerificationKind": (
        tuple(VerificationKind),
        ["VerificationIn.kind", "VerificationOut.kind"],
    ),
    "vip.people.models.VerificationResult": (
        tuple(VerificationResult),
        ["VerificationIn.result", "VerificationOut.result"],
    ),
    "vip.people.models.RequestStatus": (tuple(RequestStatus), []),
    "vip.people.models.FlagState": (tuple(FlagState), []),
    "vip.people.models.MatchOn": (tuple(MatchOn), []),
    "vip.people.rules.DocumentType": (tuple(DocumentType), []),
    "vip.agreements.models.Work": (
        tuple(Work),
        ["RequestIn.work", "AgreementIn.work", "AgreementOut.work", "RequestTermsOut.work"],
    ),
    "vip.agreements.models.AgreementStatus": (
        tuple(AgreementStatus),
        ["AgreementOut.status", "StatusOut.status"],
    ),
    "vip.visas.rules.Outcome": (tuple(Outcome), ["DecisionOut.outcome"]),
    "vip.visas.rules.REVIEW_OUTCOMES": (REVIEW_OUTCOMES, ["DecisionIn.outcome"]),
    "vip.visas.models.Status": (tuple(Status), ["VisaOut.status", "VisaSummaryOut.status"]),
    "vip.visas.models.VisaKind": (tuple(VisaKind), ["VisaOut.kind", "VisaSummaryOut.kind"]),
    "vip.visas.models.AmnestyPath": (tuple(AmnestyPath), ["AmnestyIn.path"]),
    "vip.visas.models.ComplaintCategory": (
        tuple(ComplaintCategory),
        ["ComplaintIn.category", "ComplaintOut.category"],
    ),
    "vip.visas.models.ComplaintStatus": (tuple(ComplaintStatus), ["ComplaintOut.status"]),
    "vip.visas.models.Event": (tuple(Event), ["EventIn.kind"]),
    "vip.visas.models.Procedure": (tuple(Procedure), []),
    "vip.visas.models.DeportationReason": (tuple(DeportationReason), []),
    "vip.visas.consequences.Effect": (tuple(Effect), ["ConsequenceOut.kind"]),
    "vip.visas.consequences.ForeseenKind": (tuple(ForeseenKind), []),
    "vip.visas.selectors.OrderState": (tuple(OrderState), []),
    "vip.matching.clearinghouse.sides.RoundSide": (tuple(RoundSide), []),
    "vip.matching.clearinghouse.sides.Proposing": (tuple(Proposing), []),
    "vip.ledger.models.TransactionKind": (tuple(TransactionKind), ["LedgerEntryOut.kind"]),
    "vip.communities.selectors.Standing": (tuple(Standing), ["RulesChangeOut.standing"]),
    "vip.messaging.models.ReportReason": (tuple(ReportReason), []),
    "vip.welfare.models.Answer": (tuple(Answer), []),
    "vip.welfare.models.Occasion": (tuple(Occasion), []),
    "vip.welfare.models.CheckInStatus": (tuple(CheckInStatus), []),
    "vip.welfare.models.CaseReason": (tuple(CaseReason), []),
    "vip.welfare.models.CaseStatus": (tuple(CaseStatus), []),
    "vip.auctions.clearing.Rule": (
        tuple(Rule),
        ["AuctionIn.rule", "AuctionOut.rule", "AuctionInputsOut.rule"],
    ),
    "vip.auctions.models.AuctionStatus": (
        tuple(AuctionStatus),
        ["AuctionOut.status", "AuctionResultsOut.status"],
    ),
    "vip.auctions.models.DuplicateReason": (
        tuple(DuplicateReason),
        ["RegistrationOut.duplicate_reason"],
    ),
    "vip.auctions.models.DuplicateDecision": (
        tuple(DuplicateDecision),
        ["DuplicateDecisionIn.decision", "RegistrationOut.duplicate_decision"],
    ),
    "vip.auctions.models.RegistrationOutcome": (
        tuple(RegistrationOutcome),
        ["RegistrationOut.outcome"],
    ),
    "vip.auctions.models.SeatStatus": (tuple(SeatStatus), ["RegistrationOut.seat"]),
    "vip.audit.models.Action": (tuple(Action), []),
    "vip.audit.models.Subject": (tuple(Subject), []),
    "vip.jobs.models.Job": (tuple(Job), []),
    "vip.notifications.models.NotificationKind": (tuple(NotificationKind), []),
    "vip.analysis.models.RunStatus": (tuple(RunStatus), []),
    "vip.policy.parameters.Unit": (tuple(Unit), ["ParameterMeta.unit"]),
    "vip.simulation.inputs.Mode": (tuple(Mode), []),
    "vip.simulation.inputs.Mechanism": (tuple(Mechanism), []),
    "vip.simulation.inputs.VipTransfer": (tuple(VipTransfer), []),
    "vip.simulation.runner.Compute": (tuple(Compute), []),
}

# Each model field with a closed vocabulary, and the vocabulary its choices are.
MODEL_FIELDS: list[tuple[type[models.Model], str, Iterable[str]]] = [
    (User, "role", Role),
    (MigrantProfile, "housing_need", Housing),
    (Verification, "kind", VerificationKind),
    (Verification, "result", VerificationResult),
    (VerificationRequest, "kind", VerificationKind),
    (VerificationRequest, "status", RequestStatus),
    (VerificationRequest, "flag", FlagState),
    (Agreement, "work", Work),
    (SponsorshipRequest, "work", Work),
    (SponsorshipRequest, "housing", Housing),
    (Visa, "outcome", Outcome),
    (StatusChange, "event", [*Event, *Procedure]),
    (Incident, "kind", Event),
    (AmnestyApplication, "path", AmnestyPath),
    (Complaint, "category", ComplaintCategory),
    (Report, "reason", ReportReason),
    (Transaction, "kind", TransactionKind),
    (DeportationOrder, "reason", DeportationReason),
    (MatchRound, "proposing", RoundSide),
    (CheckIn, "paid_as_agreed", Answer),
    (CheckIn, "housing_as_agreed", Answer),
    (CheckIn, "feels_safe", Answer),
    (CheckIn, "charged_fee", Answer),
    (CheckIn, "occasion", Occasion),
    (Case, "reason", CaseReason),
    (Case, "status", CaseStatus),
    (CheckIn, "status", CheckInStatus),
    (Agreement, "status", AgreementStatus),
    (Visa, "kind", VisaKind),
    (Visa, "status", Status),
    (Complaint, "status", ComplaintStatus),
    (IndexChange, "kind", IndexChange.Kind),
    (DailyRun, "job", Job),
    (Notification, "kind", NotificationKind),
    (Run, "mode", Mode),
    (Run, "status", RunStatus),
    (Auction, "rule", Rule),
    (Auction, "status", AuctionStatus),
    (Registration, "duplicate_reason", DuplicateReason),
    (Registration, "duplicate_decision", DuplicateDecision),
    (Registration, "outcome", RegistrationOutcome),
    (Registration, "seat", SeatStatus),
]


def schema_field(path: str) -> dict[str, Any]:
    from tests.api.matrix import openapi

    name, field = path.split(".")
    found = resolve(openapi()["components"]["schemas"][name])["properties"][field.rstrip("[]")]
    found = next((b for b in found.get("anyOf", []) if b.get("type") != "null"), found)
    return dict(found["items"] if field.endswith("[]") else found)


@pytest.mark.parametrize(
    "path", [(name, f) for name, (_, fields) in VOCABULARIES.items() for f in fields], ids=str
)
def test_the_openapi_document_lists_each_vocabulary_as_declared(path: tuple[str, str]) -> None:
    name, field = path
    assert schema_field(field)["enum"] == list(VOCABULARIES[name][0])


@pytest.mark.parametrize(
    ("model", "field", "vocabulary"), MODEL_FIELDS, ids=lambda v: getattr(v, "__name__", v)
)
def test_each_model_field_takes_its_vocabulary(
    model: type[models.Model], field: str, vocabulary: Iterable[str]
) -> None:
    choices = model._meta.get_field(field).choices
    assert [value for value, _ in choices or []] == list(vocabulary)


def test_the_portals_forms_offer_each_vocabulary_as_declared() -> None:
    assert [value for value, _ in forms.LEVELS] == list(Level)
    assert [value for value, _ in forms.HOUSING] == list(Housing)
    assert [value for value, _ in forms.SOFT_CRITERIA] == list(SoftCriterion)
    assert [value for value, _ in visa_forms.COMPLAINTS] == list(ComplaintCategory)
    assert set(visa_selectors.CATEGORIES) == set(ComplaintCategory)
    assert set(visa_selectors.STEPS) == {*Event, *Procedure}
    assert set(visa_selectors.ENTRY_KINDS) == set(TransactionKind)
    assert [v for v, _ in forms.ReportForm.base_fields["reason"].choices] == list(ReportReason)  # type: ignore[attr-defined]
    assert set(authority_parameters.UNITS) == set(Unit)
    assert set(simulator_forms.MODE_NAMES) == set(simulator_selectors.MODE_NAMES) == set(Mode)
    assert set(authority_verifications.FLAG_DECISIONS) == {FlagState.DISMISSED, FlagState.UPHELD}
    assert set(notifications.WORDS) == set(notifications.PAGES) == set(NotificationKind)


# Tables the portal keys by a vocabulary's members that speak of some members only, on purpose.
PARTIAL_TABLES = {
    "vip.web.auction_selectors.RESULT_OF_OUTCOME",  # a winner has a seat; a capped bid loses
    "vip.web.auction_selectors.STEP_OUT_OF",  # a settled auction has no next step
    "vip.web.authority_queues.DECISIONS",  # "review" is not a decision
    "vip.web.verification.NEEDED",  # staff have no verifications to ask for
    "vip.web.verification_selectors.NEEDED",
    "vip.web.visa_selectors.RECORDED_FOR_HIM",  # what the authority records in the worker's name
}


def tables() -> Iterator[tuple[str, type[enum.Enum], set[object]]]:
    """Each module-level table of the portal (and the notices) keyed by one enum's members."""
    modules = [
        importlib.import_module(f"vip.web.{m.name}")
        for m in pkgutil.iter_modules([str(SOURCE / "web")])
        if not m.ispkg
    ]
    for module in [*modules, notifications]:
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, dict) and value:
                kinds = {type(key) for key in value}
                kind = next(iter(kinds))
                if len(kinds) == 1 and issubclass(kind, enum.Enum):
                    yield f"{module.__name__}.{name}", kind, set(value)


def test_each_table_keyed_by_a_vocabulary_speaks_of_every_member() -> None:
    found = list(tables())
    assert len(found) > 40  # the scan sees the tables
    missing = {
        name: sorted(str(m) for m in set(kind) - keys)
        for name, kind, keys in found
        if name not in PARTIAL_TABLES and set(kind) - keys
    }
    assert missing == {}
    assert {name for name, _, _ in found} >= PARTIAL_TABLES


def documented() -> dict[str, tuple[str, ...]]:
    table = (ROOT / "docs" / "api.md").read_text().split("## Vocabularies", 1)[1]
    rows = re.findall(r"^\| `(vip\.[\w.]+)` \| ([^|]*) \|", table, re.MULTILINE)
    return {name: tuple(re.findall(r"`([^`]+)`", values)) for name, values in rows}


def test_the_docs_list_each_vocabulary_as_declared() -> None:
    assert documented() == {name: values for name, (values, _) in VOCABULARIES.items()}
    for name in documented():
        assert located(name) is not None, name


def located(name: str) -> object:
    """What a dotted name (a module's attribute, or a class's nested class) names."""
    parts = name.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:split]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[split:]:
            found = getattr(found, attribute)
        return found
    raise LookupError(name)


def enums(tree: ast.AST, prefix: str) -> Iterator[str]:
    """The dotted name of each enum class the module declares, nested ones too."""
    bases = {"TextChoices", "IntegerChoices", "Choices", "StrEnum", "Enum", "IntEnum", "Flag"}
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.ClassDef):
            named = {
                b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases
            }
            if named & bases:
                yield f"{prefix}.{node.name}"
            yield from enums(node, f"{prefix}.{node.name}")


def test_every_enum_of_the_product_is_a_listed_vocabulary() -> None:
    """A new enum is added to the table (and the docs) or this fails: none is left out."""
    declared = {
        name
        for path in sorted(SOURCE.rglob("*.py"))
        if "migrations" not in path.parts
        for name in enums(
            ast.parse(path.read_text()),
            ".".join(path.relative_to(SOURCE.parent).with_suffix("").parts),
        )
    }
    assert declared - set(VOCABULARIES) == set()
    assert all(located(name) is not None for name in declared)


def literal_lists(tree: ast.AST) -> Iterator[tuple[int, set[str]]]:
    """Each tuple (a Literal[...] too), list, set or dict of the module with its strings."""
    for node in ast.walk(tree):
        items: list[ast.expr | None] = []
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = list(node.elts)
            pairs = [e.elts[0] for e in node.elts if isinstance(e, ast.Tuple) and e.elts]
            items += pairs  # choices: (value, label) pairs
        elif isinstance(node, ast.Dict):
            items = list(node.keys)
        strings = {
            i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)
        }
        if len(strings) >= 2:
            yield node.lineno, strings


def test_no_module_spells_a_vocabulary_out_again() -> None:
    """The enums are classes of members, one per line: any other list holding every value of a
    vocabulary is a copy (migrations, generated, aside)."""
    vocabularies = {name: set(values) for name, (values, _) in VOCABULARIES.items()}
    # "sponsor" and "migrant" name the parties' fields too: the roles are scanned whole. The
    # sides name the solve contract's objects and the counts an import reports.
    del vocabularies["vip.people.models.SELF_SERVICE_ROLES"]
    del vocabularies["vip.matching.clearinghouse.sides.RoundSide"]
    del vocabularies["vip.matching.clearinghouse.sides.Proposing"]
    # "vip" and "auction" name the simulator's accounting models too, "upheld" and "dismissed"
    # a verification page's words: the flag's states are scanned whole (FlagState).
    del vocabularies["vip.visas.models.VisaKind"]
    del vocabularies["vip.auctions.models.DuplicateDecision"]
    vocabularies["vip.matching.ranking.records.CEFR_LEVELS"] = set(Level) - {Level.NATIVE}
    copies = [
        f"{path.relative_to(ROOT)}:{line} copies {name}"
        for path in sorted(SOURCE.rglob("*.py"))
        if "migrations" not in path.parts
        for line, strings in literal_lists(ast.parse(path.read_text()))
        for name, values in vocabularies.items()
        if values <= strings
    ]
    assert copies == [], "\n".join(copies)


def test_the_scan_finds_a_copy() -> None:
    copy = ast.parse('Housing = Literal["none", "shared_room", "private_room", "private_home"]')
    assert [set(Housing) <= s for _, s in literal_lists(copy)] == [True]
