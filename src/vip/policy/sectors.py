"""Sectors: a vocabulary per jurisdiction, data with names (sectors.yaml), like the parameters."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from vip.errors import Invalid, NotFound

SECTOR_FILE = Path(__file__).with_name("sectors.yaml")


@dataclass(frozen=True)
class Sectors:
    jurisdiction: str
    reference: str
    names: dict[str, str]  # code -> name, in the file's order


@cache
def vocabularies() -> dict[str, Sectors]:
    data = yaml.safe_load(SECTOR_FILE.read_text())
    return {
        code: Sectors(code, entry["reference"], dict(entry["sectors"]))
        for code, entry in data.items()
    }


def sectors(jurisdiction: str) -> Sectors:
    found = vocabularies().get(jurisdiction)
    if found is None:
        raise NotFound("JURISDICTION_UNKNOWN", f"no jurisdiction {jurisdiction!r}")
    return found


def check_sectors(codes: Iterable[str], jurisdiction: str | None = None) -> None:
    """Every code is one of the jurisdiction's sectors (none named: of any jurisdiction's, for a
    migrant's experience travels with him)."""
    known = (
        set(sectors(jurisdiction).names)
        if jurisdiction
        else {code for v in vocabularies().values() for code in v.names}
    )
    unknown = sorted(set(codes) - known)
    if unknown:
        raise Invalid(
            "SECTOR_UNKNOWN",
            f"no such sector in {jurisdiction or 'any jurisdiction'}: {', '.join(unknown)}",
            {"sectors": unknown, "jurisdiction": jurisdiction},
        )
