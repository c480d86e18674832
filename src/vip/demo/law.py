"""The demo's law (parameters.yaml beside this file), laid over the jurisdictions' own by
`vip demo`. No Django here: the command lays it before the settings and the apps are read."""

from __future__ import annotations

import os
from pathlib import Path

from vip.policy.parameters import OVERLAY_VARIABLE, jurisdictions

DEMO_LAW = Path(__file__).with_name("parameters.yaml")


def use_demo_law() -> None:
    """In force for this process and the ones it starts (the worker beside the server); an
    operator's own VIP_PARAMETER_OVERLAY is kept."""
    os.environ.setdefault(OVERLAY_VARIABLE, str(DEMO_LAW))
    jurisdictions.cache_clear()
