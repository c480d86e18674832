from __future__ import annotations

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from vip.api.app import api, not_found
from vip.readonly_admin import keep_to_the_platforms_records

# The admin has no login of its own: the portal's, with its limits and its second factor.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
keep_to_the_platforms_records(admin.site)

# allauth answers past its limits with the root URLconf's handler429.
handler429 = "vip.web.views.too_many_requests"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("vip.web.urls")),
    path("accounts/", include("vip.web.account_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<path>(?s:.*))\Z", not_found),  # a newline in the path too
]
