"""The portal's pages (accounts are under /accounts/, django-allauth's)."""

from __future__ import annotations

from django.urls import URLPattern, path

from vip.web import views

app_name = "web"
urlpatterns: list[URLPattern] = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
]
