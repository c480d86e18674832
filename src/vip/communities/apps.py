from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_jurisdictions(**_: Any) -> None:
    from vip.communities.services import sync_jurisdictions

    sync_jurisdictions()


class CommunitiesConfig(AppConfig):
    name = "vip.communities"

    def ready(self) -> None:
        # Reference data, not a business rule: jurisdictions mirror their parameter files.
        post_migrate.connect(
            _sync_jurisdictions, sender=self, dispatch_uid="vip.sync_jurisdictions"
        )
