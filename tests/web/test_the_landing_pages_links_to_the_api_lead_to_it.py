"""The landing page's links to the API's documentation and its OpenAPI schema lead to them: each
href, as the page writes it, answers a visitor with no login."""

from __future__ import annotations

import re

from django.test import Client


def test_the_api_documentation_and_schema_links_answer_200(client: Client, db: None) -> None:
    page = client.get("/").content.decode()
    for name in ("API documentation", "OpenAPI schema"):
        found = re.search(rf'<a href="([^"]+)">{name}</a>', page)
        assert found is not None, name
        assert client.get(found.group(1)).status_code == 200, found.group(1)
