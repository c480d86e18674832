"""Each closed vocabulary is one enum: the models' choices, the API's schema (as the OpenAPI
document lists it), the portal's forms and docs/api.md all say its values, and no module of the
product spells the list out again."""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import models

from vip.agreements.models import Agreement, Work
from vip.communities.selectors import Standing
from vip.ledger.models import Transaction, TransactionKind
from vip.matching.clearinghouse.sides import Proposing, RoundSide
from vip.matching.models import MatchRound, SponsorshipRequest
from vip.matching.ranking.records import Housing, Level, SoftCriterion
from vip.messaging.models import Report, ReportReason
from vip.people.models import (
    SELF_SERVICE_ROLES,
    FlagState,
    MigrantProfile,
    RequestStatus,
    Role,
    User,
    Verification,
    VerificationKind,
    VerificationRequest,
    VerificationResult,
)
from vip.visas.consequences import Effect
from vip.visas.models import (
    AmnestyApplication,
    AmnestyPath,
    Complaint,
    ComplaintCategory,
    DeportationOrder,
    DeportationReason,
    Event,
    Incident,
    Procedure,
    StatusChange,
    Visa,
)
from vip.visas.rules import REVIEW_OUTCOMES, Outcome
from vip.web import forms, visa_forms, visa_selectors
from vip.welfare.models import Answer, Case, CaseReason, CheckIn, Occasion

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
        ["ProfileIn.housing_need", "RequestIn.housing"],
    ),
    "vip.matching.ranking.records.SoftCriterion": (
        tuple(SoftCriterion),
        ["ProfileIn.soft_criteria[]", "RequestIn.soft_criteria[]"],
    ),
    "vip.people.models.SELF_SERVICE_ROLES": (SELF_SERVICE_ROLES, ["AccountIn.role"]),
    "vip.people.models.VerificationKind": (tuple(VerificationKind), ["VerificationIn.kind"]),
    "vip.people.models.VerificationResult": (tuple(VerificationResult), ["VerificationIn.result"]),
    "vip.agreements.models.Work": (tuple(Work), ["RequestIn.work", "AgreementIn.work"]),
    "vip.visas.rules.REVIEW_OUTCOMES": (REVIEW_OUTCOMES, ["DecisionIn.outcome"]),
    "vip.visas.models.AmnestyPath": (tuple(AmnestyPath), ["AmnestyIn.path"]),
    "vip.visas.models.ComplaintCategory": (tuple(ComplaintCategory), ["ComplaintIn.category"]),
    "vip.visas.models.Event": (tuple(Event), ["EventIn.kind"]),
    "vip.visas.models.Procedure": (tuple(Procedure), []),
    "vip.visas.models.DeportationReason": (tuple(DeportationReason), []),
    "vip.visas.consequences.Effect": (tuple(Effect), ["ConsequenceOut.kind"]),
    "vip.matching.clearinghouse.sides.RoundSide": (tuple(RoundSide), []),
    "vip.matching.clearinghouse.sides.Proposing": (tuple(Proposing), []),
    "vip.ledger.models.TransactionKind": (tuple(TransactionKind), []),
    "vip.communities.selectors.Standing": (tuple(Standing), ["RulesChangeOut.standing"]),
    "vip.messaging.models.ReportReason": (tuple(ReportReason), []),
    "vip.welfare.models.Answer": (tuple(Answer), []),
    "vip.welfare.models.Occasion": (tuple(Occasion), []),
    "vip.welfare.models.CaseReason": (tuple(CaseReason), []),
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


def documented() -> dict[str, tuple[str, ...]]:
    table = (ROOT / "docs" / "api.md").read_text().split("## Vocabularies", 1)[1]
    rows = re.findall(r"^\| `(vip\.[\w.]+)` \| ([^|]*) \|", table, re.MULTILINE)
    return {name: tuple(re.findall(r"`([^`]+)`", values)) for name, values in rows}


def test_the_docs_list_each_vocabulary_as_declared() -> None:
    assert documented() == {name: values for name, (values, _) in VOCABULARIES.items()}
    for name in documented():
        module, attribute = name.rsplit(".", 1)
        assert hasattr(importlib.import_module(module), attribute), name


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
    vocabularies["vip.people.models.Role"] = set(Role)
    vocabularies["vip.matching.ranking.records.CEFR_LEVELS"] = set(Level) - {Level.NATIVE}
    vocabularies["vip.visas.rules.Outcome"] = set(Outcome)
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
