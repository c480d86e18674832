from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet

from vip.people.models import User
from vip.people.selectors import visible_people
from vip.readonly_admin import EVERY_STAFF_ROLE, ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin[User]):
    """Staff look people up here (the authority everyone, an officer his community's residents,
    an agency its clients); changes go through the services so they are audited."""

    roles = EVERY_STAFF_ROLE

    list_display = ("email", "full_name", "role", "country", "community")
    list_filter = ("role", "country")
    search_fields = ("email", "full_name")
    exclude = ("password", "groups", "user_permissions")

    def visible(self, user: User, rows: QuerySet[User]) -> QuerySet[User]:
        return rows.filter(pk__in=visible_people(user).values("pk"))
