"""The social dividend under real concurrency (PostgreSQL, threads released at once): an auction
with revenue settled again and again pays its dividend once; the same payout asked for again and
again is paid once; two auctions' payouts at once carry the remainder once. The books balance."""

from __future__ import annotations

from functools import partial

import pytest
from django.db.models import Sum

from vip.auctions import selectors, services
from vip.ledger import services as ledger
from vip.ledger.models import DividendPayout, Leg
from vip.ledger.selectors import balances, check_books
from vip.money import Money
from vip.people.models import User

from tests.auctions.life import elapse, in_registration, usd
from tests.auctions.seats import cover
from tests.cast import migrant
from tests.concurrency.race import ATTEMPTS, race, tally
from tests.ledger.dividend import citizen, resident, revenue_in

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_an_auction_with_revenue_settled_at_once_pays_its_dividend_once(
    story: dict[str, User],
) -> None:
    authority = story["authority"]
    resident(story["anthony"], story["carol"])
    auction = in_registration(authority, quota=1)
    dawa = migrant(authority, "Dawa")
    registration = services.register(
        user=dawa, code=auction.code, document_country="NP", document_number="D1"
    )
    elapse(auction, 2)
    services.open_bidding(actor=authority, code=auction.code)
    services.place_bid(user=dawa, registration_id=registration.pk, amount=usd(2000_00))
    elapse(auction, 1)
    services.close_bidding(actor=authority, code=auction.code)
    services.clear_auction(actor=authority, code=auction.code)  # alone: at the reserve
    services.record_payment(authority=authority, registration_id=registration.pk)
    services.issue_visa(authority=authority, registration_id=registration.pk, insurance=cover())

    outcomes = race(
        [partial(services.settle, actor=authority, code=auction.code) for _ in range(ATTEMPTS)]
    )

    assert len([o for o in outcomes if o.value is not None]) == 1
    assert tally([o.code for o in outcomes if o.refusal]) == {"AUCTION_NOT_CLEARED": ATTEMPTS - 1}
    auction.refresh_from_db()
    dividend = selectors.dividend_of(auction)
    # Two years at the reserve (1,000.00), less 2%: 1,960.00 in two.
    assert dividend is not None and dividend.per_citizen == usd(980_00)
    assert DividendPayout.objects.count() == 1
    assert balances(story["anthony"]) == {"USD": 980_00}
    assert check_books().ok


def test_one_payout_asked_for_at_once_is_paid_once(story: dict[str, User]) -> None:
    resident(story["anthony"], story["carol"])
    source = revenue_in("auction:T-1:revenue", 100_00)
    pay = partial(
        ledger.pay_social_dividend,
        actor=None,
        jurisdiction="US",
        source=source,
        revenue=Money(100_00, "USD"),
        key="auction:T-1",
    )

    outcomes = race([pay for _ in range(ATTEMPTS)])

    assert len([o for o in outcomes if o.value is not None]) == 1
    assert tally([o.code for o in outcomes if o.refusal]) == {"DIVIDEND_ALREADY_PAID": ATTEMPTS - 1}
    assert balances(story["carol"]) == {"USD": 49_00}
    assert check_books().ok


def test_payouts_of_many_auctions_at_once_carry_each_remainder_once(
    story: dict[str, User],
) -> None:
    resident(story["anthony"], story["carol"])
    citizen(story["authority"], "Dora")
    attempts = 30
    sources = [revenue_in(f"auction:T-{i}:revenue", 10_00) for i in range(attempts)]

    outcomes = race(
        [
            partial(
                ledger.pay_social_dividend,
                actor=None,
                jurisdiction="US",
                source=source,
                revenue=Money(10_00, "USD"),
                key=f"auction:T-{i}",
            )
            for i, source in enumerate(sources)
        ]
    )

    assert all(o.value is not None for o in outcomes)
    paid = sum(p.share * p.citizens for p in DividendPayout.objects.all())
    left = Leg.objects.filter(account__code="dividend:US").aggregate(t=Sum("amount"))["t"]
    costs = Leg.objects.filter(account__code="dividend:US:costs").aggregate(t=Sum("amount"))["t"]
    # Every cent of the revenue is paid, kept for costs or waiting in the program's account.
    assert paid + left + costs == attempts * 10_00
    assert 0 <= left < 3
    assert check_books().ok
