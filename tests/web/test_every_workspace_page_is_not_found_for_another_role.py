"""Every page of a workspace (each URL of web/urls.py under /authority/, /community/ or
/agency/, found by walking the URL patterns, so a new page is covered the day it is added)
answers every other role with a 404, to a GET and to a POST, and a visitor with the login page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from vip.people.models import Role, User
from vip.web import urls

# A workspace is its URL's first segment; its owner the one role that may open it.
OWNERS = {"authority": Role.AUTHORITY, "community": Role.OFFICER, "agency": Role.AGENCY}
# Any value will do for a path's parameters: the role is refused before anything is looked up.
ARGUMENTS = {"int": 1, "slug": "x", "string": "x", "path": "x"}
CAST = {"authority", "officer", "agency", "anthony", "bishal"}


def workspace_pages() -> list[tuple[str, str, bool]]:
    pages = []
    for pattern in urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        if route.split("/")[0] in OWNERS:
            converters = pattern.pattern.converters  # type: ignore[attr-defined]
            kwargs = {
                name: ARGUMENTS[type(converter).__name__.removesuffix("Converter").lower()]
                for name, converter in converters.items()
            }
            path = reverse(f"web:{pattern.name}", kwargs=kwargs)
            pages.append((route.split("/")[0], path, bool(kwargs)))
    return pages


PAGES = workspace_pages()


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_matrix_finds_the_workspaces_pages() -> None:
    assert ("authority", "/authority/", False) in PAGES
    assert ("community", "/community/", False) in PAGES


@pytest.mark.parametrize(("workspace", "path", "named"), PAGES, ids=[p for _, p, _ in PAGES])
def test_every_workspace_page_is_not_found_for_another_role(
    story: dict[str, User], workspace: str, path: str, named: bool
) -> None:
    for name in CAST:
        user = story[name]
        if user.role == OWNERS[workspace]:
            if not named:  # a page of no one thing opens for its owner (a form, a list)
                assert client_of(user).get(path).status_code in (200, 405), path
            continue
        client = client_of(user)
        assert client.get(path).status_code == 404, (name, path)
        assert client.post(path, {}).status_code == 404, (name, path)
    visitor = Client().get(path)
    assert visitor.status_code == 302 and visitor["Location"].startswith("/accounts/login/")
