"""A body over DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is read, in the API's shape."""

from __future__ import annotations

import json

from django.conf import settings
from django.test import Client


def test_an_oversized_body_gets_a_413_with_the_limit(db: None) -> None:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = json.dumps({"email": "x@vip.example", "password": "p" * limit})

    response = Client().post("/api/v1/auth/token", body, content_type="application/json")

    assert response.status_code == 413
    assert response.json() == {
        "error": {
            "code": "BODY_TOO_LARGE",
            "message": "the body is too large",
            "details": {"max_bytes": limit},
        }
    }
