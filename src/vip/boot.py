"""Django, set up only by the commands (and benchmarks) that need it, so that the simulator and
the matching kernels start without it."""

from __future__ import annotations

import os
from pathlib import Path


def django_setup(*, schema: bool = True) -> None:
    """Set Django up; with `schema` (every command but those that migrate), refuse in one line
    when the database does not exist or was never migrated, rather than create an empty SQLite
    file and fail on the first query with a traceback (`vip` run outside a checkout)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vip.settings")
    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from vip.refusals import refuse

    try:
        django.setup()
    except ImproperlyConfigured as error:  # a missing secret key: one line, no traceback
        raise refuse(str(error)) from None
    if schema:
        _refuse_without_schema()
    else:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)


def _refuse_without_schema() -> None:
    from django.db import DatabaseError, connection

    from vip.refusals import refuse

    name = str(connection.settings_dict["NAME"])
    setup = "`vip migrate` creates it, or set VIP_DATABASE_URL (docs/deploy.md)"
    in_memory = name == ":memory:" or "mode=memory" in name  # the tests' SQLite
    if connection.vendor == "sqlite" and not in_memory and not Path(name).exists():
        raise refuse(f"no database at {name}: {setup}")
    try:
        tables = connection.introspection.table_names()
    except DatabaseError as error:
        raise refuse(f"cannot open the database {name}: {str(error).strip()}") from None
    if "django_migrations" not in tables:
        raise refuse(f"the database {name} has no tables: {setup}")
