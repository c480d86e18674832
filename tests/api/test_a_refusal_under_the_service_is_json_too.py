"""A refusal from under the services (allauth's login limits cannot count a request that has no
client address) is the API's JSON 403, not Django's HTML page: found by schemathesis, whose WSGI
client sends no REMOTE_ADDR."""

from __future__ import annotations

import json

from django.core.wsgi import get_wsgi_application
from werkzeug.test import Client


def test_a_login_without_a_client_address_is_a_json_403(
    db: None, wsgi_requests_keep_the_database: None
) -> None:
    client = Client(get_wsgi_application())
    response = client.post(
        "/api/v1/auth/token",
        data=json.dumps({"email": "anthony@vip.example", "password": "vip-demo-2026"}),
        headers={"Content-Type": "application/json"},
        environ_overrides={"REMOTE_ADDR": ""},
    )
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith("application/json")
    assert json.loads(response.data)["error"]["code"] == "FORBIDDEN"
