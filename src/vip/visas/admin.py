from __future__ import annotations

from django.contrib import admin

from vip.readonly_admin import ReadOnlyAdmin
from vip.visas.models import StatusChange, Visa


class StatusChangeInline(admin.TabularInline[StatusChange, Visa]):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in StatusChange._meta.fields]


@admin.register(Visa)
class VisaAdmin(ReadOnlyAdmin[Visa]):
    """Read-only: a visa's status changes only through the transition table (the API)."""

    list_display = ("id", "status", "sponsor", "migrant", "community", "applied_at")
    list_filter = ("status", "community", "jurisdiction")
    inlines = [StatusChangeInline]
