"""Spanish and Nepali say everything English says, and the committed .mo is the .po compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "src" / "vip" / "locale"


@pytest.mark.parametrize("language", ["es", "ne"])
def test_each_catalogue_is_complete_and_compiled(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.po").open("rb") as po, (folder / "django.mo").open("rb") as mo:
        source, compiled = read_po(po), read_mo(mo)
    untranslated = [
        m.id
        for m in source
        if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
    ]
    assert not untranslated, untranslated
    assert not [m.id for m in source if m.id and m.fuzzy], "fuzzy entries are not shown"
    assert entries(source) == entries(compiled)


def entries(catalogue: Catalog) -> dict[object, object]:
    return {
        m.id if isinstance(m.id, str) else tuple(m.id): (
            m.string if isinstance(m.string, str) else tuple(m.string)
        )
        for m in catalogue
        if m.id
    }
