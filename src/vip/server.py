"""The production server: gunicorn, in this process's configuration (`vip serve --production`).

Each worker is a process with its own ranking indexes; it warms them and the rest of what a first
request would load (vip.warm) before it takes a request (`post_worker_init`), and follows the
other workers' changes through the change feed (vip.matching.indexes). The demo keeps Django's
embedded server."""

from __future__ import annotations

import os
from typing import Any

from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    """gunicorn's advice: two per core, and one more."""
    return 2 * (os.cpu_count() or 1) + 1


def _warm(worker: Any) -> None:
    from vip.warm import warm_server

    warm_server()


class Production(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from vip.wsgi import application

        return application


def serve(host: str, port: int, workers: int) -> None:
    from django.db import connections

    # django_setup checked the schema on a connection: a forked worker must not inherit it (every
    # worker would talk on the one socket, and their replies interleave)
    connections.close_all()
    Production(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "post_worker_init": _warm,
            "accesslog": None,
            "errorlog": "-",
            "timeout": 60,
        }
    ).run()
