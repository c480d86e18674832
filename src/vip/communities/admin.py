from __future__ import annotations

from django.contrib import admin

from vip.communities.models import Community, CommunityRules
from vip.readonly_admin import EVERY_STAFF_ROLE, ReadOnlyAdmin, ReadOnlyInline


class RulesInline(ReadOnlyInline[CommunityRules, Community]):
    model = CommunityRules
    readonly_fields = [f.name for f in CommunityRules._meta.fields]


@admin.register(Community)
class CommunityAdmin(ReadOnlyAdmin[Community]):
    """Communities and their rules are public: every member of staff reads them."""

    roles = EVERY_STAFF_ROLE
    list_display = ("code", "name", "jurisdiction", "population")
    list_filter = ("jurisdiction",)
    inlines = [RulesInline]
