"""docs/matching.md's module map names every module of vip.matching, so a newcomer finds each."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "vip" / "matching"


def mapped() -> set[str]:
    table = (ROOT / "docs" / "matching.md").read_text().split("## Module map", 1)[1]
    names: set[str] = set()
    for cell in re.findall(r"^\| ([^|]+) \|", table.split("\n## ", 1)[0], re.MULTILINE):
        modules = re.findall(r"`([\w.]+)`", cell)
        package = modules[0].rsplit(".", 1)[0] if modules else ""
        names |= {m if m.startswith("vip.") else f"{package}.{m}" for m in modules}
    return names


def test_every_module_is_in_the_map() -> None:
    modules = {
        ".".join(("vip", *path.relative_to(PACKAGE.parent).with_suffix("").parts))
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" and "migrations" not in path.parts
    }
    assert sorted(modules - mapped()) == []
