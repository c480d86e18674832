"""Django, set up only by the commands (and benchmarks) that need it, so that the simulator and
the matching kernels start without it."""

from __future__ import annotations

import os


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vip.settings")
    import django
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from vip.refusals import refuse

    try:
        django.setup()
    except ImproperlyConfigured as error:  # a missing secret key: one line, no traceback
        raise refuse(str(error)) from None
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
