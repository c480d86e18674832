from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path, re_path

from vip.api.app import api, not_found
from vip.web import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.landing, name="landing"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<path>.*)$", not_found),
]
