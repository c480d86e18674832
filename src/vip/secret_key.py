"""Where the embedded setup keeps its files, and the secret key the demo makes for itself.

A server with VIP_DEBUG off refuses to start without a secret key (sessions, CSRF tokens and
password-reset links are signed with it). Production sets VIP_SECRET_KEY; `vip demo` writes a
random key once to var/secret-key (readable by its owner only) and keeps using it, so that a
fresh machine needs no variable and sessions survive a restart.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_FILE = "secret-key"
MISSING = "VIP_SECRET_KEY is required when VIP_DEBUG is off (docs/deploy.md)"


def var_dir() -> Path:
    return Path(os.environ.get("VIP_VAR_DIR", Path.cwd() / "var"))


def kept(folder: Path) -> str | None:
    """The key a demo kept in the folder, if it did."""
    path = folder / KEY_FILE
    return path.read_text().strip() or None if path.exists() else None


def keep(folder: Path) -> None:
    """Write a new random key to the folder unless one is there already."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / KEY_FILE
    if path.exists():
        return
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(50) + "\n")
