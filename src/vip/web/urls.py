"""The portal's pages (accounts are under /accounts/, django-allauth's)."""

from __future__ import annotations

from django.urls import URLPattern, path

from vip.web import migrant, sponsor, views

app_name = "web"
urlpatterns: list[URLPattern] = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("sponsor/", sponsor.dashboard, name="sponsor"),
    path("sponsor/request/check/", sponsor.request_check, name="request_check"),
    path("sponsor/request/<slug:step>/", sponsor.request_step, name="request_step"),
    path("sponsor/requests/<int:request_id>/", sponsor.request_done, name="request_done"),
    path("sponsor/requests/<int:request_id>/candidates/", sponsor.candidates, name="candidates"),
    path("migrant/", migrant.dashboard, name="migrant"),
    path("migrant/profile/", migrant.profile, name="profile"),
    path("migrant/opportunities/", migrant.opportunities, name="opportunities"),
]
