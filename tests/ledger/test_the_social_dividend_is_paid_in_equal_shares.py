"""The social dividend: an auction's revenue, less dividend.cost_share of it, in equal shares of
whole cents to every eligible citizen; the remainder kept for the next payout; once per key;
the books balanced; one audit event with the totals; the citizen sees it in his ledger."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from django.test import Client

from vip.audit.models import Action, AuditEvent
from vip.clock import today
from vip.errors import Conflict
from vip.ledger import services as ledger
from vip.ledger.models import DividendPayout, Leg, TransactionKind
from vip.ledger.selectors import balances, check_books, eligible_citizens, payout
from vip.money import Money
from vip.people import services as people
from vip.people.models import Role, User
from vip.web.visa_selectors import money_of

from tests.cast import migrant, person, sponsor
from tests.ledger.dividend import citizen, resident, revenue_in

pytestmark = pytest.mark.database


def balance(code: str) -> int:
    return int(Leg.objects.filter(account__code=code).aggregate(t=Sum("amount"))["t"] or 0)


def pay(key: str, amount: int, source_code: str = "auction:T-1:revenue") -> DividendPayout:
    return ledger.pay_social_dividend(
        actor=None,
        jurisdiction="US",
        source=revenue_in(source_code, amount),
        revenue=Money(amount, "USD"),
        key=key,
    )


def test_the_revenue_less_costs_is_shared_equally_and_the_remainder_kept(
    story: dict[str, User],
) -> None:
    authority = story["authority"]
    resident(story["anthony"], story["carol"])
    dora = citizen(authority, "Dora")

    paid = pay("auction:T-1", 1000_00)

    # 2% costs (20.00), 980.00 in three: 326.66 each, 2 cents left for the next payout.
    assert (paid.costs, paid.citizens, paid.share, paid.remainder) == (20_00, 3, 326_66, 2)
    assert paid.transaction is not None
    assert paid.transaction.kind == TransactionKind.SOCIAL_DIVIDEND
    for who in (story["anthony"], story["carol"], dora):
        assert balances(who) == {"USD": 326_66}
    assert balance("dividend:US") == 2
    assert balance("dividend:US:costs") == 20_00
    assert balance("auction:T-1:revenue") == 0
    assert check_books().ok
    (event,) = AuditEvent.objects.filter(action=Action.DIVIDEND_PAID)
    assert event.data["citizens"] == 3 and event.data["share"] == 326_66
    assert event.data["paid_out"] == 3 * 326_66 and event.data["remainder"] == 2
    assert payout("auction:T-1") == paid


def test_the_remainder_is_shared_at_the_next_payout(story: dict[str, User]) -> None:
    resident(story["anthony"], story["carol"])
    citizen(story["authority"], "Dora")
    pay("auction:T-1", 1000_00)

    second = pay("auction:T-2", 1_00, "auction:T-2:revenue")

    # 1.00 less 2 cents of costs, and the 2 cents carried: 1.00 in three, 1 cent left.
    assert (second.carried, second.costs, second.share, second.remainder) == (2, 2, 33, 1)
    assert balance("dividend:US") == 1
    assert balances(story["carol"]) == {"USD": 326_66 + 33}
    assert check_books().ok


def test_only_verified_adult_citizens_resident_long_enough_are_paid(
    story: dict[str, User],
) -> None:
    authority = story["authority"]
    resident(story["anthony"], story["carol"])
    minor = citizen(authority, "Minnie", age=17)
    unverified = sponsor(authority, "Ulla", verify=())
    resident(unverified)
    identity_only = person(authority, "Ivo", Role.SPONSOR, verify=())
    people.record_verification(
        authority=authority, person_id=identity_only.pk, kind="identity", result="clear"
    )
    resident(identity_only)
    refused_later = citizen(authority, "Rita")
    people.record_verification(
        authority=authority, person_id=refused_later.pk, kind="citizenship", result="not_clear"
    )
    canadian = citizen(authority, "Claude", country="CA", community=None)
    newcomer = sponsor(authority, "Nina")  # his account is a month old
    resident(newcomer, days=30)
    bishal = migrant(authority, "Dawa")
    resident(bishal)

    eligible = set(eligible_citizens("US", today()).values_list("full_name", flat=True))
    paid = pay("auction:T-1", 100_00)

    assert eligible == {"Anthony", "Carol"}
    assert paid.citizens == 2 and paid.share == 49_00
    for nobody in (minor, unverified, identity_only, refused_later, canadian, newcomer, bishal):
        assert balances(nobody) == {}, nobody.full_name
    assert check_books().ok


def test_the_same_revenue_is_never_paid_twice(story: dict[str, User]) -> None:
    resident(story["anthony"])
    pay("auction:T-1", 100_00)
    legs = Leg.objects.count()

    with pytest.raises(Conflict) as twice:
        pay("auction:T-1", 100_00, "auction:T-1b:revenue")

    assert twice.value.code == "DIVIDEND_ALREADY_PAID"
    assert Leg.objects.count() == legs + 2  # only the second revenue's payment in
    assert balances(story["anthony"]) == {"USD": 98_00}
    assert DividendPayout.objects.count() == 1
    assert check_books().ok


def test_with_no_citizen_eligible_everything_waits_in_the_programs_account(
    story: dict[str, User],
) -> None:
    paid = pay("auction:T-1", 100_00)

    assert (paid.citizens, paid.share, paid.remainder) == (0, 0, 98_00)
    assert balance("dividend:US") == 98_00
    assert check_books().ok


def test_a_citizen_sees_his_dividend_in_his_ledger(story: dict[str, User]) -> None:
    resident(story["anthony"])
    pay("auction:T-1", 100_00)

    (entry,) = money_of(story["anthony"]).entries

    assert entry.kind == "Social dividend" and entry.incoming


def test_a_citizenship_verified_again_after_a_refusal_counts(story: dict[str, User]) -> None:
    authority = story["authority"]
    rita = citizen(authority, "Rita")
    for result in ("not_clear", "clear"):
        people.record_verification(
            authority=authority, person_id=rita.pk, kind="citizenship", result=result
        )

    assert list(eligible_citizens("US", today())) == [rita]


def test_his_money_page_shows_the_dividend_in_his_language(story: dict[str, User]) -> None:
    resident(story["anthony"])
    pay("auction:T-1", 100_00)
    client = Client(headers={"accept-language": "ne"})
    client.force_login(story["anthony"])

    page = client.get("/sponsor/money/").content.decode()

    assert "सामाजिक लाभांश" in page
