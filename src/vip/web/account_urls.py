"""django-allauth's pages, sign-up first (it creates the person through people.services) and the
login (its refusal past the limits is a 429)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path

from vip.web.accounts import LoginView, SignupView

urlpatterns: list[URLPattern | URLResolver] = [
    path("signup/", SignupView.as_view(), name="account_signup"),
    path("login/", LoginView.as_view(), name="account_login"),
    path("", include("allauth.urls")),
]
