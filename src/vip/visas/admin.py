from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet

from vip.people.models import User
from vip.readonly_admin import EVERY_STAFF_ROLE, ReadOnlyAdmin, ReadOnlyInline
from vip.visas.models import StatusChange, Visa
from vip.visas.selectors import visible_visas


class StatusChangeInline(ReadOnlyInline[StatusChange, Visa]):
    model = StatusChange
    readonly_fields = [f.name for f in StatusChange._meta.fields]


@admin.register(Visa)
class VisaAdmin(ReadOnlyAdmin[Visa]):
    """Read-only: a visa's status changes only through the transition table (the API). The
    authority sees every visa, an officer his community's, an agency its clients'."""

    roles = EVERY_STAFF_ROLE

    def visible(self, user: User, rows: QuerySet[Visa]) -> QuerySet[Visa]:
        return rows.filter(pk__in=visible_visas(user).values("pk"))

    list_display = ("id", "status", "sponsor", "migrant", "community", "applied_at")
    list_filter = ("status", "community", "jurisdiction")
    inlines = [StatusChangeInline]
