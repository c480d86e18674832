"""Commands of vip.matching, registered on the main `vip` app."""

from __future__ import annotations

import typer


def register(app: typer.Typer, bench: typer.Typer) -> None:
    """Add this package's commands to the `vip` app and its `bench` group."""
