"""Rule 11: a migrant whose home earnings are in rupees is ranked, and matched, in every
participating jurisdiction he accepts; each market compares its pay with his expectation in its
own currency, converted at the day's rate, as the brute-force ranking does on the same records."""

from __future__ import annotations

from dataclasses import replace

from vip.agreements.models import Agreement
from vip.clock import today
from vip.communities.models import Community
from vip.matching import from_database, indexes, selectors
from vip.matching import services as matching
from vip.matching.ranking.ranked import Why
from vip.matching.ranking.records import Level, Safeguards, priced
from vip.matching.services import LanguageNeed, RequestCriteria
from vip.money import Money
from vip.people.models import User
from vip.policy.rates import rate

from tests.cast import migrant, sponsor
from tests.matching.conftest import BISHAL
from tests.matching.demo import every_migrant_record
from tests.matching.ranking import brute_force

# NPR 2,666,000 a year: USD 20,000 at 1 USD = 133.3 NPR.
EXPECTS = Money(2_666_000_00, "NPR")


def world(story: dict[str, User]) -> tuple[User, User, User]:
    """Anthony (Springfield, US) and Claire (Maple Township, CA) each ask for an English
    speaker; Dawa, from Nepal, states his earnings and expectation in rupees and accepts both."""
    claire = sponsor(story["authority"], "Claire", community="maple", country="CA")
    dawa = migrant(
        story["authority"],
        "Dawa",
        home_annual_earnings=400_000_00,
        home_currency="NPR",
        pay_expectation=EXPECTS.amount,
        jurisdictions=["US", "CA"],
        languages=[{"code": "en", "level": "B2"}],
        soft_criteria=["pay"],
    )
    for host, pay in ((story["anthony"], Money(10_000_00, "USD")), (claire, None)):
        criteria = RequestCriteria(
            languages=(LanguageNeed("en", Level.B1),),
            annual_pay=pay or Money(27_300_00, "CAD"),
            soft_criteria=("pay",),
        )
        matching.create_request(user=host, sponsor=host, criteria=criteria)
    return story["anthony"], claire, dawa


def test_the_migrant_is_in_both_a_us_and_a_ca_cohort(story: dict[str, User]) -> None:
    _, _, dawa = world(story)
    for cohort in ("springfield", "maple"):
        lists = matching.round_lists(Community.objects.get(code=cohort))
        assert dawa.pk in {m.migrant for m in lists.migrants}, cohort


def test_both_rounds_offer_him_an_agreement_each_in_its_currency(story: dict[str, User]) -> None:
    anthony, claire, dawa = world(story)
    for cohort in ("springfield", "maple"):
        matching.run_round(authority=story["authority"], cohort=cohort)
    offers = Agreement.objects.filter(migrant=dawa).order_by("currency")
    assert [(o.sponsor_id, o.currency, o.stated_home_currency) for o in offers] == [
        (claire.pk, "CAD", "NPR"),
        (anthony.pk, "USD", "NPR"),
    ]


def test_each_market_compares_pay_with_his_expectation_in_its_own_currency(
    story: dict[str, User],
) -> None:
    anthony, claire, dawa = world(story)
    usd = rate("NPR", "USD", today()).convert(EXPECTS).amount  # 20,000.00
    cad = rate("NPR", "CAD", today()).convert(EXPECTS).amount
    assert usd == 20_000_00
    for host, expected in ((anthony, 10_000_00 * 100 // usd), (claire, 27_300_00 * 100 // cad)):
        [request] = from_database.sponsor_records(sponsors=[host.pk])
        [found] = [c for c in selectors.candidates(request.id, 10) if c.id == dawa.pk]
        shares = [r for r in found.reasons if r.why == Why.PAY_SHARE]
        assert shares and shares[0].number == expected, host


def test_the_live_ranking_equals_brute_force_on_the_priced_records(
    story: dict[str, User],
) -> None:
    world(story)
    live = indexes.current()
    for request in from_database.sponsor_records():
        market = [
            p
            for m in every_migrant_record()
            if (p := live.priced(live.as_indexed(m), request.jurisdiction)) is not None
            and request.jurisdiction in p.jurisdictions
        ]
        safeguards = Safeguards(2)
        expected = brute_force.candidates(market, request, today(), 10, live.blocks, safeguards)
        found = selectors.candidates(request.id, 10)
        assert [(r.id, round(r.score * 1000)) for r in found] == expected


def test_pricing_converts_only_another_currency() -> None:
    def convert(amount: int, base: str, target: str) -> int:
        assert (base, target) == ("NPR", "USD")
        return amount // 2

    in_rupees = priced(replace(BISHAL, pay_currency="NPR"), "USD", convert)
    assert (in_rupees.pay_expectation, in_rupees.pay_currency) == (500_000, "")
    same = priced(replace(BISHAL, pay_currency="USD"), "USD", convert)
    assert (same.pay_expectation, same.pay_currency) == (1_000_000, "")


def test_his_own_search_finds_the_requests_of_both_countries(story: dict[str, User]) -> None:
    anthony, claire, dawa = world(story)
    found = selectors.opportunities(dawa.pk, 10)
    requests = {r.id: r for r in from_database.sponsor_records(sponsors=[anthony.pk, claire.pk])}
    assert set(requests) <= {r.id for r in found}
    for result in found:
        if result.id in requests:  # each priced in its own currency: the same shares as above
            shares = [r.number for r in result.reasons if r.why == Why.PAY_SHARE]
            assert shares and 0 < shares[0] < 100
