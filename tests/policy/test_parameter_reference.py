from __future__ import annotations

from pathlib import Path

from vip.policy.parameters import jurisdictions
from vip.policy.reference import markdown

DOC = Path(__file__).parents[2] / "docs" / "parameters.md"


def test_the_parameter_reference_documents_every_parameter_of_every_jurisdiction() -> None:
    text = DOC.read_text()
    for jurisdiction in jurisdictions().values():
        assert f"({jurisdiction.code}, {jurisdiction.currency})" in text
        for name in jurisdiction.parameters:
            assert f"`{name}`" in text, name


def test_the_parameter_reference_is_what_vip_policy_reference_prints() -> None:
    assert DOC.read_text() == markdown()
