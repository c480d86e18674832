from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path

from vip.api.app import api
from vip.web import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.landing, name="landing"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
