from __future__ import annotations

from pathlib import Path

import pytest

from vip.simulation.inputs import Mode, known_keys, load_preset, preset_names

DOCS = Path(__file__).resolve().parents[2] / "docs" / "simulation.md"


def test_the_three_contract_presets_exist() -> None:
    assert {"radical-markets-auction", "radical-markets-global", "vip-us"} <= set(preset_names())


@pytest.mark.parametrize("mode", Mode)
@pytest.mark.parametrize("preset", ["radical-markets-auction", "radical-markets-global", "vip-us"])
def test_every_input_has_a_unit_and_a_quote_or_the_word_assumption(preset: str, mode: str) -> None:
    scenario = load_preset(preset, mode)  # type: ignore[arg-type]
    for key, item in scenario.inputs.items():
        assert item.unit, key
        assert '"' in item.source or "assumption" in item.source, key


def test_the_docs_reference_table_lists_every_key() -> None:
    text = DOCS.read_text()
    missing = [key for key in sorted(known_keys()) if f"`{key}`" not in text]
    assert missing == []
