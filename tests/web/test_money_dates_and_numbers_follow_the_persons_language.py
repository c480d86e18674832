"""One filter module formats for the locale (Babel): money from integer minor units."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from vip.web.templatetags.vip_format import country, day, money, number


def test_money_dates_and_numbers_follow_the_persons_language() -> None:
    with translation.override("en"):
        assert money(123456, "USD") == "$1,234.56"
        assert day(dt.date(2026, 12, 2)) == "December 2, 2026"
        assert country("NP") == "Nepal"
    with translation.override("es"):
        assert money(123456, "USD") == "1.234,56\xa0US$"
        assert number(1234567) == "1.234.567"
        assert day(dt.date(2026, 12, 2)) == "2 de diciembre de 2026"
    with translation.override("ne"):
        assert number(1234567) == "12,34,567"  # lakh and crore grouping
        assert money(100, "JPY") == "JP¥\xa0100"
        assert country("NP") == "नेपाल"
