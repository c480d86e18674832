from __future__ import annotations

from django.contrib import admin

from vip.people.models import User
from vip.readonly_admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin[User]):
    """Staff look people up here; changes go through the API's services so they are audited."""

    list_display = ("email", "full_name", "role", "country", "community")
    list_filter = ("role", "country")
    search_fields = ("email", "full_name")
    exclude = ("password", "groups", "user_permissions")
