"""django-allauth's pages, sign-up first: it creates the person through people.services."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from vip.web.accounts import SignupView

urlpatterns: list[URLPattern | URLResolver] = [
    path("signup/", SignupView.as_view(), name="account_signup"),
    path("", include("allauth.urls")),
]
