"""A wrong method under /api/v1/ is answered by the router before the API's error handlers:
give it the API's error shape too."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class ApiMethodNotAllowed:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith("/api/v1/"):
            return response
        allowed = response.get("Allow", "")
        body = {
            "error": {
                "code": "METHOD_NOT_ALLOWED",
                "message": f"{request.method} is not allowed here",
                "details": {"allowed": [m.strip() for m in allowed.split(",") if m]},
            }
        }
        shaped = HttpResponse(json.dumps(body), status=405, content_type="application/json")
        shaped["Allow"] = allowed
        return shaped
