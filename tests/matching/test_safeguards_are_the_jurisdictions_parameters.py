from __future__ import annotations

from vip.clock import today
from vip.matching.selectors import safeguards
from vip.policy.parameters import jurisdiction


def test_the_ranking_takes_its_safeguards_from_the_jurisdictions_parameters() -> None:
    for code in ("US", "CA"):
        wanted = jurisdiction(code).on(today())["safeguard.min_adults_for_other_adults"]
        assert safeguards(code).min_adults_for_safeguarded == wanted
