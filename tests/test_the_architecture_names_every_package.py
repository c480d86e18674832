"""docs/architecture.md shows the tree as it is: one line for each package and module of
src/vip, and none for what is not there."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "vip"


def listed() -> list[str]:
    tree = (ROOT / "docs" / "architecture.md").read_text().split("```\nsrc/vip/\n", 1)[1]
    block = tree.split("```", 1)[0]
    return re.findall(r"^  ([a-z_]+(?:/|\.py))", block, re.MULTILINE)


def present() -> set[str]:
    """The folders (a removed package's leftover __pycache__ aside) and modules of src/vip."""
    folders = {
        f"{path.name}/"
        for path in SOURCE.iterdir()
        if path.is_dir() and any(p.name != "__pycache__" for p in path.iterdir())
    }
    modules = {p.name for p in SOURCE.glob("*.py") if not p.name.startswith("__")}
    return folders - {"__pycache__/"} | modules


def test_each_package_and_module_has_one_line() -> None:
    names = listed()
    assert sorted(name for name in set(names) if names.count(name) > 1) == []
    assert sorted(present() - set(names)) == []


def test_no_line_names_what_is_not_there() -> None:
    assert sorted(set(listed()) - present()) == []
