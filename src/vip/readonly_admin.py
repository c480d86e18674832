"""Staff read the records in the admin; every change goes through the services, so it is
checked and audited.

Each page names the staff roles that may open it (`roles`) and the rows each may see (`visible`,
a selector): the authority sees every record, an officer his community's, an agency its
clients'. Django's model permissions are not used: the role decides, as everywhere else."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from vip.people.models import STAFF_ROLES, Role, User
from vip.people.selectors import may_use_admin

M = TypeVar("M", bound=Model)
P = TypeVar("P", bound=Model)

EVERY_STAFF_ROLE = frozenset(STAFF_ROLES)
AUTHORITY_ONLY = frozenset({Role.AUTHORITY})


def staff(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


class NeverChanged:
    """Nothing is added, changed or deleted in the admin: the services do that."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(NeverChanged, admin.ModelAdmin[M]):
    roles: frozenset[str] = AUTHORITY_ONLY

    def visible(self, user: User, rows: QuerySet[M]) -> QuerySet[M]:
        """The rows this member of staff may see: all of them, to the roles of the page."""
        return rows

    def get_queryset(self, request: HttpRequest) -> QuerySet[M]:
        user = staff(request)
        rows = super().get_queryset(request)
        return self.visible(user, rows) if user is not None else rows.none()

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = staff(request)
        return user is not None and may_use_admin(user, self.roles)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)


class ReadOnlyInline(NeverChanged, admin.TabularInline[M, P]):
    """Rows shown on their parent's page, to whoever may view the parent; never changed."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        user = staff(request)
        return user is not None and user.is_active and user.is_staff


def keep_to_the_platforms_records(site: admin.AdminSite) -> None:
    """The admin shows the platform's records through ReadOnlyAdmin pages only: Django's groups
    and permissions are not used (the role decides), and a person's e-mail addresses and second
    factors (allauth's pages) are his own, changed from his account, never by staff."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, ReadOnlyAdmin):
            site.unregister(model)
