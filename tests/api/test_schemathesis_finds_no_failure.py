"""Schemathesis against API v1's OpenAPI document (issue 8), as a sponsor, a migrant and the
authority, bounded in examples: no server error, no status, content type or body the document
does not state, no header or method it breaks, and no request the document allows refused as
malformed ("valid data should have been accepted", 400 or 422).

Two things the document cannot state are left to other tests, each said where:
- text with a NUL character is a 400 everywhere (docs/api.md's conventions), free-form objects
  included, which no JSON Schema pattern can say of an object's keys:
  tests/api/test_text_with_a_nul_gets_a_400.py. The generator sends none.
- a few 422s depend on what the request alone does not show (below, each with its reason): a
  secret, the caller's role, a list of common
  passwords, a community that must exist. The check takes them for the documented
  codes they are; any other 400 or 422 on a request the document allows is a failure."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from vip.people import services as people
from vip.people.models import User

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
schema.config.generation.update(allow_x00=False)

NOT_FROM_THE_REQUEST = {
    ("PUT /api/v1/me/password", "BAD_CREDENTIALS"): "the current password is a secret",
    ("PUT /api/v1/me/password", "PASSWORD_TOO_WEAK"): "Django's validators: common passwords",
    ("POST /api/v1/accounts", "PASSWORD_TOO_WEAK"): "Django's validators: common passwords, "
    "and a password like the e-mail or the name",
    ("POST /api/v1/accounts", "COMMUNITY_UNKNOWN"): "the community must exist",
    ("PUT /api/v1/me/profile", "PROFILE_FIELD_UNKNOWN"): "a sponsor's profile and a migrant's "
    "take different fields (the schema's description says whose): the caller's role decides",
}


def code_of(response: schemathesis.Response) -> str | None:
    try:
        return str(json.loads(response.content)["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return None


def valid_data_accepted(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> bool | None:
    """schemathesis's positive_data_acceptance, but for the refusals NOT_FROM_THE_REQUEST."""
    if response.status_code == 422 and (case.operation.label, code_of(response)) in (
        NOT_FROM_THE_REQUEST
    ):
        return None
    return positive_data_acceptance(ctx, response, case)


@pytest.mark.parametrize("who", ["anthony", "bishal", "authority"])
@schema.parametrize()
@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_document(
    case: schemathesis.Case,
    story: dict[str, User],
    who: str,
    wsgi_requests_keep_the_database: None,
) -> None:
    token = people.issue_token(user=story[who])
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_data_accepted],
    )
