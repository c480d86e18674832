"""Accounts, tokens, profiles, verifications, delegations."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from vip.api.app import caller, presented_token
from vip.api.schemas import (
    AccountIn,
    AgencyOut,
    AgencySearch,
    ClientOut,
    CreatedOut,
    DelegationIn,
    ErrorOut,
    HouseholdIn,
    HouseholdOut,
    PasswordIn,
    ProfileIn,
    SignUpOut,
    TokenIn,
    TokenInfoOut,
    TokenOut,
    VerificationIn,
    VerificationOut,
)
from vip.people import login, services
from vip.people.models import VerificationKind, VerificationResult
from vip.people.selectors import agencies_named, clients_of, tokens_of
from vip.privacy import services as privacy

router = Router(tags=["people"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post("/accounts", auth=None, response={202: SignUpOut, **ERRORS})
def create_account(request: HttpRequest, body: AccountIn) -> Status[SignUpOut]:
    """The same answer whether the e-mail has an account or not (its owner is told by e-mail)."""
    login.sign_up(
        request,
        email=body.email,
        password=body.password,
        role=body.role,
        full_name=body.full_name,
        birth_date=body.birth_date,
        country=body.country,
        citizenship=body.citizenship or "",
        community_code=body.community,
    )
    return Status(202, SignUpOut(message=login.CHECK_YOUR_EMAIL))


@router.post("/auth/token", auth=None, response={200: TokenOut, 429: ErrorOut, **ERRORS})
def token(request: HttpRequest, body: TokenIn) -> TokenOut:
    user = login.authenticate(request, email=body.email, password=body.password, code=body.code)
    return TokenOut(token=services.issue_token(user=user))


@router.delete("/auth/token", response={204: None, **ERRORS})
def revoke_presented_token(request: HttpRequest) -> Status[None]:
    """Log out: the token this call presents ends."""
    services.revoke_token(user=caller(request), token_id=presented_token(request).pk)
    return Status(204, None)


@router.get("/me/tokens", response={200: list[TokenInfoOut], **ERRORS})
def my_tokens(request: HttpRequest) -> list[TokenInfoOut]:
    """His tokens, never their secrets; `current` marks the one this call presents."""
    current = presented_token(request).pk
    return [
        TokenInfoOut(
            id=t.pk,
            created_at=t.created_at,
            expires_at=t.expires_at,
            last_used_at=t.last_used_at,
            current=t.pk == current,
        )
        for t in tokens_of(caller(request))
    ]


@router.delete("/me/tokens/{token_id}", response={204: None, **ERRORS})
def revoke_token(request: HttpRequest, token_id: int) -> Status[None]:
    services.revoke_token(user=caller(request), token_id=token_id)
    return Status(204, None)


@router.put("/me/password", response={204: None, **ERRORS})
def change_password(request: HttpRequest, body: PasswordIn) -> Status[None]:
    """A new password ends every token of his, this one too: he logs in again."""
    services.change_password(user=caller(request), current=body.current, new=body.new)
    return Status(204, None)


@router.get("/me", response={200: dict, **ERRORS})
def me(request: HttpRequest) -> dict[str, object]:
    user = caller(request)
    return {
        "id": user.pk,
        "email": user.email,
        "role": user.role,
        "full_name": user.full_name,
        "country": user.country,
        "citizenship": user.citizenship,
        "community": user.community.code if user.community else None,
    }


@router.get("/me/export", response={200: dict, **ERRORS})
def export(request: HttpRequest) -> dict[str, Any]:
    """Everything the platform holds about the caller, as JSON."""
    return privacy.export(user=caller(request))


@router.put("/me/profile", response={200: dict, **ERRORS})
def update_profile(request: HttpRequest, body: ProfileIn) -> dict[str, object]:
    changes = body.dict(exclude_unset=True, exclude_none=True)  # null leaves a field as it is
    earnings = changes.pop("home_annual_earnings", None)
    if earnings is not None:
        changes["home_annual_earnings"] = earnings["amount"]
        changes["home_currency"] = earnings["currency"]
    services.update_profile(caller(request), changes)
    return {"updated": sorted(changes)}


@router.post("/people/{person_id}/verifications", response={201: VerificationOut, **ERRORS})
def verify(request: HttpRequest, person_id: int, body: VerificationIn) -> Status[VerificationOut]:
    v = services.record_verification(
        authority=caller(request),
        person_id=person_id,
        kind=body.kind,
        result=body.result,
        note=body.note,
        country=body.country,
    )
    return Status(
        201,
        VerificationOut(
            id=v.pk,
            kind=VerificationKind(v.kind),
            result=VerificationResult(v.result),
            verified_by=v.verified_by_id,
            verified_at=v.verified_at,
        ),
    )


@router.get("/people/{person_id}/verifications", response={200: list[VerificationOut], **ERRORS})
def verifications(request: HttpRequest, person_id: int) -> list[VerificationOut]:
    return [
        VerificationOut(
            id=v.pk,
            kind=VerificationKind(v.kind),
            result=VerificationResult(v.result),
            verified_by=v.verified_by_id,
            verified_at=v.verified_at,
        )
        for v in services.read_verifications(reader=caller(request), person_id=person_id)
    ]


@router.post("/me/delegations", response={201: CreatedOut, **ERRORS})
def delegate(request: HttpRequest, body: DelegationIn) -> Status[CreatedOut]:
    delegation = services.delegate(sponsor=caller(request), agency_id=body.agency)
    return Status(201, CreatedOut(id=delegation.pk))


@router.delete("/me/delegations", response={200: CreatedOut, **ERRORS})
def revoke_delegation(request: HttpRequest) -> CreatedOut:
    """A sponsor revokes the delegation in force: his agency no longer acts for him. Answers the
    revoked delegation's id. Codes: ROLE_REQUIRED, DELEGATION_NOT_FOUND."""
    return CreatedOut(id=services.revoke_delegation(sponsor=caller(request)).pk)


@router.get("/me/clients", response={200: list[ClientOut], **ERRORS})
def clients(request: HttpRequest) -> list[ClientOut]:
    """An agency: the sponsors who delegate to it now, the latest first. Codes: ROLE_REQUIRED."""
    return [
        ClientOut(id=d.sponsor_id, full_name=d.sponsor.full_name, since=d.created_at)
        for d in clients_of(caller(request))
    ]


@router.get("/agencies", response={200: list[AgencyOut], **ERRORS})
def agencies(request: HttpRequest, search: Query[AgencySearch]) -> list[AgencyOut]:
    """Anyone signed in: the licensed agencies whose name holds `?name=` (at most 50), so that a
    sponsor finds the id he delegates to."""
    return [AgencyOut(id=a.pk, full_name=a.full_name) for a in agencies_named(search.name)[:50]]


@router.put("/people/{person_id}/household", response={200: HouseholdOut, **ERRORS})
def assign_household(request: HttpRequest, person_id: int, body: HouseholdIn) -> HouseholdOut:
    services.assign_household(user=caller(request), person_id=person_id, household=body.household)
    return HouseholdOut(id=person_id, household=body.household)
