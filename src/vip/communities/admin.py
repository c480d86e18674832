from __future__ import annotations

from django.contrib import admin

from vip.communities.models import Community, CommunityRules
from vip.readonly_admin import ReadOnlyAdmin


class RulesInline(admin.TabularInline[CommunityRules, Community]):
    model = CommunityRules
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in CommunityRules._meta.fields]


@admin.register(Community)
class CommunityAdmin(ReadOnlyAdmin[Community]):
    list_display = ("code", "name", "jurisdiction", "population")
    list_filter = ("jurisdiction",)
    inlines = [RulesInline]
