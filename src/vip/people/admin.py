from __future__ import annotations

from django.contrib import admin

from vip.people.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin[User]):
    """Staff look people up here; changes go through the API's services so they are audited."""

    list_display = ("email", "full_name", "role", "country", "community")
    list_filter = ("role", "country")
    search_fields = ("email", "full_name")
    readonly_fields = [f.name for f in User._meta.fields if f.name != "is_active"]
    exclude = ("password", "groups", "user_permissions")
