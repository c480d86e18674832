"""Who may do what to which object: the expectations the visibility matrix checks.

Each object endpoint of API v1 names one object of the world and, for every role, what it must
answer: a 2xx to those who may act on the object, a 403 to those who may see the object but not do
this to it, and a 404 -- the very answer a non-existent object gets -- to everyone else.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from vip.api.app import api
from vip.calendar import add_months
from vip.clock import now, today
from vip.people import services as people
from vip.people.models import ApiToken, User

from tests.api import auction_world as auctions
from tests.api.world import ROLES, World

Body = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Row:
    target: Callable[[World], object]  # the value put in the path's one {parameter}
    allowed: dict[str, int]  # role -> the 2xx it gets
    forbidden: frozenset[str] = frozenset()  # roles that see the object, so may be told 403
    body: Body | None = None
    missing: object = 10**9  # a target that does not exist

    def expected(self, role: str) -> int:
        if role in self.allowed:
            return self.allowed[role]
        return 403 if role in self.forbidden else 404


EVERYONE = dict.fromkeys(ROLES, 200)


def a_new_token_of(person: User) -> int:
    people.issue_token(user=person)
    return ApiToken.objects.filter(user=person).latest("id").pk


REST = frozenset(ROLES)


def no_body(world: World) -> dict[str, Any]:
    return {}


MATRIX: dict[tuple[str, str], Row] = {
    ("GET", "/jurisdictions/{code}/parameters"): Row(
        target=lambda w: "US", allowed=EVERYONE, missing="XX"
    ),
    ("GET", "/jurisdictions/{code}/sectors"): Row(
        target=lambda w: "US", allowed=EVERYONE, missing="XX"
    ),
    ("GET", "/communities/{code}"): Row(
        target=lambda w: "springfield", allowed=EVERYONE, missing="atlantis"
    ),
    ("GET", "/communities/{code}/rules"): Row(
        target=lambda w: "springfield", allowed=EVERYONE, missing="atlantis"
    ),
    # Communities are public: anyone may see one, only its officer and the authority set rules.
    ("PUT", "/communities/{code}/rules"): Row(
        target=lambda w: "springfield",
        allowed={"officer": 200, "authority": 200},
        forbidden=REST - {"officer", "authority"},
        body=lambda w: {"max_active_visas": 100},
        missing="atlantis",
    ),
    # A person's verifications: himself and the authority.
    ("GET", "/people/{person_id}/verifications"): Row(
        target=lambda w: w.people["bishal"].pk, allowed={"bishal": 200, "authority": 200}
    ),
    ("POST", "/people/{person_id}/verifications"): Row(
        target=lambda w: w.people["bishal"].pk,
        allowed={"authority": 201},
        forbidden=frozenset({"bishal"}),
        body=lambda w: {"kind": "health", "result": "clear"},
    ),
    # A sponsor's household: the authority and his community's officer record it.
    ("PUT", "/people/{person_id}/household"): Row(
        target=lambda w: w.people["anthony"].pk,
        allowed={"officer": 200, "authority": 200},
        forbidden=frozenset({"anthony"}),
        body=lambda w: {"household": "12 Elm Street"},
    ),
    # A request: its sponsor, his agency, the authority.
    ("GET", "/requests/{request_id}/candidates"): Row(
        target=lambda w: w.request.pk, allowed={"anthony": 200, "agency": 200, "authority": 200}
    ),
    ("GET", "/requests/{request_id}"): Row(
        target=lambda w: w.request.pk, allowed={"anthony": 200, "agency": 200, "authority": 200}
    ),
    ("POST", "/requests/{request_id}/close"): Row(
        target=lambda w: w.request.pk,
        allowed={"anthony": 200, "agency": 200},
        forbidden=frozenset({"authority"}),
        body=no_body,
    ),
    # An agreement: its parties (the agency for the sponsor) and the authority.
    ("GET", "/agreements/{agreement_id}"): Row(
        target=lambda w: w.agreement.pk,
        allowed={"anthony": 200, "agency": 200, "bishal": 200, "authority": 200},
    ),
    # A complaint: the authority handles it (others are refused with the role they lack).
    ("POST", "/complaints/{complaint_id}/assign"): Row(
        target=lambda w: w.complaint.pk,
        allowed={"authority": 200},
        forbidden=frozenset(ROLES) - {"authority"},
        body=lambda w: {"assignee": w.people["authority"].pk},
    ),
    ("POST", "/complaints/{complaint_id}/answer"): Row(
        target=lambda w: w.complaint.pk,
        allowed={"authority": 200},
        forbidden=frozenset(ROLES) - {"authority"},
        body=lambda w: {"text": "the landlord fixes the heating this week"},
    ),
    ("POST", "/complaints/{complaint_id}/escalate"): Row(
        target=lambda w: w.complaint.pk,
        allowed={"authority": 200},
        forbidden=frozenset(ROLES) - {"authority"},
        body=lambda w: {"note": "a second complaint of the same kind"},
    ),
    ("POST", "/complaints/{complaint_id}/resolve"): Row(
        target=lambda w: w.complaint.pk,
        allowed={"authority": 200},
        forbidden=frozenset(ROLES) - {"authority"},
        body=no_body,
    ),
    ("POST", "/agreements/{agreement_id}/decline"): Row(
        target=lambda w: w.offer.pk,
        allowed={"bishal": 200},
        forbidden=frozenset({"anthony", "agency", "authority"}),
        body=no_body,
    ),
    ("POST", "/agreements/{agreement_id}/withdraw"): Row(
        target=lambda w: w.offer.pk,
        allowed={"anthony": 200, "agency": 200},
        forbidden=frozenset({"bishal", "authority"}),
        body=no_body,
    ),
    ("POST", "/agreements/{agreement_id}/sign"): Row(
        target=lambda w: w.offer.pk,
        allowed={"anthony": 200, "agency": 200, "bishal": 200},
        forbidden=frozenset({"authority"}),
        body=no_body,
    ),
    ("POST", "/agreements/{agreement_id}/interviews"): Row(
        target=lambda w: w.offer.pk,
        allowed={"anthony": 201, "agency": 201, "bishal": 201},
        body=lambda w: {"at": (now() + dt.timedelta(days=1)).isoformat()},
    ),
    # A visa: its parties, the agency for the sponsor, the community's officer, the authority.
    ("GET", "/visas/{visa_id}"): Row(
        target=lambda w: w.visa.pk,
        allowed=dict.fromkeys(("anthony", "agency", "bishal", "officer", "authority"), 200),
    ),
    ("POST", "/visas/{visa_id}/decision"): Row(
        target=lambda w: w.review.pk,
        allowed={"authority": 200},
        forbidden=frozenset({"carol", "dawa", "officer"}),
        body=lambda w: {"outcome": "approved", "note": "checked"},
    ),
    ("POST", "/visas/{visa_id}/events"): Row(
        target=lambda w: w.visa.pk,
        allowed=dict.fromkeys(("anthony", "agency", "bishal", "authority"), 200),
        forbidden=frozenset({"officer"}),
        body=lambda w: {"kind": "employed", "occurred_on": today().isoformat()},
    ),
    ("POST", "/visas/{visa_id}/earnings"): Row(
        target=lambda w: w.visa.pk,
        allowed={"bishal": 201},
        forbidden=frozenset({"anthony", "agency", "officer", "authority"}),
        body=lambda w: {
            "month": add_months(today(), -1).isoformat(),
            "amount": {"amount": 1_000_00, "currency": "USD"},
        },
    ),
    # A complaint: either party files one (the agency for the sponsor); who else sees the visa
    # is told 403.
    ("POST", "/visas/{visa_id}/complaints"): Row(
        target=lambda w: w.visa.pk,
        allowed=dict.fromkeys(("anthony", "agency", "bishal"), 201),
        forbidden=frozenset({"officer", "authority"}),
        body=lambda w: {"category": "pay", "text": "March was paid three weeks late."},
    ),
    # A token: only its owner sees it, and revokes it.
    ("DELETE", "/me/tokens/{token_id}"): Row(
        target=lambda w: a_new_token_of(w.people["anthony"]), allowed={"anthony": 204}
    ),
    # A fine: the sponsor fined sees it (GET /me/fines); only the authority records its payment.
    ("POST", "/fines/{fine_id}/payment"): Row(
        target=lambda w: w.fine.pk,
        allowed={"authority": 200},
        forbidden=frozenset({"carol"}),
        body=no_body,
    ),
    # An auction's record and results are public; its steps are the authority's (others: 403).
    ("GET", "/auctions/{code}"): Row(target=auctions.registering, allowed=EVERYONE),
    ("GET", "/auctions/{code}/results"): Row(target=lambda w: auctions.won(w)[0], allowed=EVERYONE),
    ("GET", "/auctions/{code}/inputs"): Row(target=lambda w: auctions.won(w)[0], allowed=EVERYONE),
    ("GET", "/auctions/{code}/flagged"): Row(
        target=auctions.registering, allowed={"authority": 200}, forbidden=REST - {"authority"}
    ),
    ("POST", "/auctions/{code}/registrations"): Row(
        target=auctions.registering,
        allowed={"bishal": 201, "agency": 201},
        forbidden=REST - {"bishal", "agency"},
        body=lambda w: {
            "document_country": "NP",
            "document_number": "PA-9",
            "beneficiary": w.people["bishal"].pk,
        },
    ),
    **{
        ("POST", f"/auctions/{{code}}/{step}"): Row(
            target=target, allowed={"authority": 200}, forbidden=REST - {"authority"}, body=no_body
        )
        for step, target in (
            ("open-registration", auctions.scheduled),
            ("open-bidding", auctions.bidding_due),
            ("close", auctions.closing_due),
            ("clear", auctions.closed),
            ("settle", auctions.settling),
        )
    },
    # A registration: its beneficiary, the agency that filed it, the authority.
    ("GET", "/registrations/{registration_id}"): Row(
        target=lambda w: auctions.register(w, auctions.registering(w)),
        allowed={"bishal": 200, "authority": 200},
    ),
    ("POST", "/registrations/{registration_id}/consent"): Row(
        target=lambda w: auctions.register(w, auctions.registering(w), by_agency=True),
        allowed={"bishal": 200},
        forbidden=frozenset({"agency", "authority"}),
        body=no_body,
    ),
    ("PUT", "/registrations/{registration_id}/bid"): Row(
        target=lambda w: auctions.bidding(w)[1],
        allowed={"bishal": 200},
        forbidden=frozenset({"authority"}),
        body=lambda w: {"amount": {"amount": 2000_00, "currency": "USD"}},
    ),
    # Sealed: before the clearing the authority is told 403 too.
    ("GET", "/registrations/{registration_id}/bid"): Row(
        target=lambda w: auctions.bidding(w, bid=True)[1],
        allowed={"bishal": 200},
        forbidden=frozenset({"authority"}),
    ),
    ("POST", "/registrations/{registration_id}/duplicate"): Row(
        target=auctions.flagged_bishal,
        allowed={"authority": 200},
        forbidden=frozenset({"bishal"}),
        body=lambda w: {"decision": "dismissed"},
    ),
    ("POST", "/registrations/{registration_id}/payment"): Row(
        target=lambda w: auctions.won(w)[1],
        allowed={"authority": 200},
        forbidden=frozenset({"bishal"}),
        body=no_body,
    ),
    ("POST", "/registrations/{registration_id}/visa"): Row(
        target=auctions.paid,
        allowed={"authority": 201},
        forbidden=frozenset({"bishal"}),
        body=no_body,
    ),
}

PREFIX = "/api/v1"


@cache
def openapi() -> dict[str, Any]:
    """API v1's OpenAPI document, as served at /api/v1/openapi.json."""
    return dict(api.get_openapi_schema())


def operations() -> list[tuple[str, str]]:
    """Every (METHOD, path) of API v1, from its OpenAPI document."""
    paths = openapi()["paths"]
    return sorted(
        (method.upper(), path.removeprefix(PREFIX)) for path, ops in paths.items() for method in ops
    )


def object_operations() -> list[tuple[str, str]]:
    return [(method, path) for method, path in operations() if "{" in path]


def fill(path: str, value: object) -> str:
    return re.sub(r"\{[^}]+\}", str(value), path)


@dataclass(frozen=True)
class Cell:
    method: str
    path: str
    role: str
    row: Row = field(compare=False)

    @property
    def name(self) -> str:
        slug = re.sub(r"[^a-z]+", "_", f"{self.method} {self.path}".lower()).strip("_")
        return f"test_{self.role}_gets_{self.row.expected(self.role)}_from_{slug}"


def cells() -> list[Cell]:
    return [
        Cell(method, path, role, row)
        for (method, path), row in sorted(MATRIX.items())
        for role in ROLES
    ]
