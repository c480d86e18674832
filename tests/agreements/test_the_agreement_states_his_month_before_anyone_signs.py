"""The agreement's API output states the baseline, the monthly share at the agreed pay and what
he keeps: what a baseline of zero would have taken is visible before anyone signs."""

from __future__ import annotations

from vip.agreements import services
from vip.money import Money
from vip.people.models import User

from tests.cast import Api, migrant, seed_terms


def test_the_monthly_block_is_pay_baseline_share_and_what_he_keeps(
    story: dict[str, User], api: Api
) -> None:
    dawa = migrant(story["authority"], "Dawa", home_annual_earnings=6_000_00)
    agreement = services.offer(
        user=story["anthony"],
        sponsor=story["anthony"],
        migrant_id=dawa.pk,
        terms=seed_terms(annual_pay=Money(18_000_00, "USD")),
    )
    status, shown = api.get(f"/agreements/{agreement.pk}", as_=dawa)
    assert (status, shown["migrant_signed"], shown["sponsor_signed"]) == (200, False, False)
    usd = {"currency": "USD"}
    assert shown["monthly"] == {
        "pay": {"amount": 1_500_00, **usd},
        "baseline": {"amount": 500_00, **usd},
        "gain_share": {"amount": 500_00, **usd},  # half of 1,500 - 500
        "keeps": {"amount": 1_000_00, **usd},
    }
