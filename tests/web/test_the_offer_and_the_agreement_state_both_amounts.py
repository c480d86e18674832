"""Rule 11 in the portal: Bishal states his home earnings in rupees; Anthony's check of his offer
and the agreement both parties read state them in rupees and in dollars, with the rate, its date
and, in each language, the numbers written the reader's way. Where the currency is one, one
amount."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.utils import translation

from vip.agreements import services
from vip.clock import today
from vip.money import Money
from vip.people.models import User
from vip.policy.rates import rate
from vip.web.templatetags.vip_format import day, exchange_rate, money

from tests.cast import migrant, seed_terms

TERMS = {
    "start_date": today().isoformat(),
    "duration_months": "12",
    "annual_pay": "12000",
    "housing": "the spare room",
    "work": "for_sponsor",
    "gain_share": "50",
    "sector": "construction",
}


def page(user: User, address: str, language: str) -> str:
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    answer = client.get(address)
    assert answer.status_code == 200, address
    return html.unescape(answer.content.decode())


def both_amounts(language: str) -> list[str]:
    locked = rate("NPR", "USD", today())
    with translation.override(language):
        return [
            money(319_920_00, "NPR"),
            money(2_400_00, "USD"),
            exchange_rate(locked),
            day(locked.effective),
        ]


@pytest.mark.parametrize("language", ["en", "es", "ne"])
def test_the_check_and_the_agreement_state_his_rupees_and_their_dollars(
    story: dict[str, User], language: str
) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    client = Client()
    client.force_login(anthony)
    assert client.post(f"/sponsor/offer/{bishal.pk}/", TERMS).status_code == 302
    check = client.get(f"/sponsor/offer/{bishal.pk}/check/", headers={"accept-language": language})
    shown = html.unescape(check.content.decode())
    for amount in both_amounts(language):
        assert amount in shown, amount
    agreement = services.offer(
        user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms()
    )
    for reader in (anthony, bishal):
        read = page(reader, f"/agreements/{agreement.pk}/", language)
        for amount in both_amounts(language):
            assert amount in read, (reader, amount)


def test_the_english_sentence_reads_as_people_say_it(story: dict[str, User]) -> None:
    anthony, bishal = story["anthony"], story["bishal"]
    agreement = services.offer(
        user=anthony, sponsor=anthony, migrant_id=bishal.pk, terms=seed_terms()
    )
    with translation.override("en"):
        rupees, dollars, at, when = both_amounts("en")
    assert (at, dollars) == ("1 USD = 133.3 NPR", "$2,400.00")
    assert f"{rupees} a year ({dollars} at {at} on {when})" in page(
        bishal, f"/agreements/{agreement.pk}/", "en"
    )


def test_earnings_in_the_hosts_currency_are_one_amount(story: dict[str, User]) -> None:
    dawa = migrant(story["authority"], "Dawa", home_annual_earnings=3_000_00)
    anthony = story["anthony"]
    agreement = services.offer(
        user=anthony,
        sponsor=anthony,
        migrant_id=dawa.pk,
        terms=seed_terms(annual_pay=Money(12_000_00, "USD")),
    )
    read = page(dawa, f"/agreements/{agreement.pk}/", "en")
    assert "$3,000.00 a year" in read
    assert " at 1 " not in read
