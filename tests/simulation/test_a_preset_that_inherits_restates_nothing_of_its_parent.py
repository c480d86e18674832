"""A preset (or a shared file) that inherits states only what differs from its parent."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from vip.simulation.inputs import inherited

PRESETS = resources.files("vip.simulation").joinpath("presets")


def sections() -> list[tuple[str, dict[str, Any]]]:
    """Every part of a preset file that inherits: a shared file itself, or a mode of a preset."""
    found = []
    for item in PRESETS.iterdir():
        document = yaml.safe_load(item.read_text())
        for part, section in [("", document), *document.items()]:
            if isinstance(section, dict) and "inherits" in section:
                found.append((f"{item.name}{':' if part else ''}{part}", section))
    return sorted(found, key=lambda found: found[0])


def test_the_shipped_presets_inherit() -> None:
    assert len(sections()) >= 4


@pytest.mark.parametrize(("where", "section"), sections())
def test_no_input_repeats_the_value_it_inherits(where: str, section: dict[str, Any]) -> None:
    parent = inherited({"inherits": section["inherits"], "inputs": {}})
    own = inherited({"inputs": section["inputs"]})
    restated = [
        key for key, given in own.items() if key in parent and parent[key].value == given.value
    ]
    assert restated == [], where
