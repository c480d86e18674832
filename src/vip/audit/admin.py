from __future__ import annotations

from django.contrib import admin

from vip.audit.models import AuditEvent
from vip.readonly_admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin[AuditEvent]):
    """Read-only: the log is appended to by the services and by nothing else."""

    list_display = ("chain", "seq", "at", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "action")
