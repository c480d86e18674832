"""Dates, numbers, money and country names in the person's language (Babel), in one place.

Django's own localisation knows no Nepali digits nor currency symbols per locale; Babel (CLDR) does.
Money is integer minor units plus an ISO 4217 code everywhere in the platform; here it is shown."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from fractions import Fraction
from typing import cast

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django import template
from django.utils import timezone
from django.utils.translation import get_language, gettext

from vip.calendar import age_on
from vip.clock import today
from vip.money import MINOR_UNITS
from vip.policy.parameters import Unit
from vip.policy.rates import Rate

register = template.Library()


def locale() -> Locale:
    """The request's language as a Babel locale; English when Babel does not know it."""
    try:
        return Locale.parse((get_language() or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@register.filter
def money(minor: int | None, currency: str) -> str:
    """12345, "USD" -> "$123.45" in English, "123,45 US$" in Spanish, "US$ 123.45" in Nepali."""
    if minor is None:
        return ""
    amount = Decimal(minor).scaleb(-MINOR_UNITS[currency])
    return babel_numbers.format_currency(amount, currency, locale=locale())


@register.filter
def exchange_rate(rate: Rate | None) -> str:
    """ "1 USD = 133.3 NPR", the number in the reader's language."""
    if rate is None:
        return ""
    unit, value, other = rate.quoted()
    return f"1 {unit} = {babel_numbers.format_decimal(value, locale=locale())} {other}"


@register.filter
def number(value: int | float | Decimal | None) -> str:
    if value is None:
        return ""
    return babel_numbers.format_decimal(value, locale=locale())


@register.filter
def percent(fraction: float | Decimal | Fraction | None) -> str:
    if fraction is None:
        return ""
    if isinstance(fraction, Fraction):  # a gain share: 1/3 is shown as 33%
        fraction = float(fraction)
    return babel_numbers.format_percent(fraction, locale=locale())


@register.filter
def day(value: dt.date | None) -> str:
    """A date in words, "2 December 2026" and its translations."""
    if value is None:
        return ""
    return babel_dates.format_date(value, format="long", locale=locale())


@register.filter
def month(value: dt.date | None) -> str:
    """A month and its year, "December 2026" and its translations."""
    if value is None:
        return ""
    return babel_dates.format_skeleton("yMMMM", value, locale=locale())


@register.filter
def moment(value: dt.datetime | None, zone: str = "") -> str:
    """A time in a time zone (the current one by default), with the zone's name."""
    if value is None:
        return ""
    tz = zone or timezone.get_current_timezone_name()
    return babel_dates.format_datetime(
        value, format="long", tzinfo=babel_dates.get_timezone(tz), locale=locale()
    )


@register.filter
def age(birth_date: dt.date | None) -> int | None:
    return age_on(birth_date, today())


@register.filter
def country(code: str) -> str:
    return locale().territories.get(code.upper(), code) if code else ""


@register.filter
def language_name(code: str) -> str:
    return locale().languages.get(code, code) if code else ""


@register.filter
def zone_name(zone: str) -> str:
    """A time zone as people name it: "Nepal Time", "hora de Estados Unidos (Nueva York)"."""
    return babel_dates.get_timezone_location(babel_dates.get_timezone(zone), locale=locale())


# CLDR's two-letter territories that are no country (unknown, unions, pseudo-locales).
NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "XK"}


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166-1 countries named in the person's language, in its alphabetical order."""
    names = locale().territories
    codes = [
        c
        for c in names
        if isinstance(c, str) and len(c) == 2 and c.isalpha() and c not in NOT_COUNTRIES
    ]
    return sorted(((c, names[c]) for c in codes), key=lambda item: sort_key(item[1]))


def sort_key(name: str) -> str:
    """Å sorts with A (close enough to each language's collation for a list of countries)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def in_unit(value: object, unit: Unit, currency: str) -> str:
    """A parameter's value as its unit is read: money in the jurisdiction's currency, a fraction
    as a percentage, a date in words, yes or no."""
    if unit == Unit.BOOLEAN:
        return gettext("yes") if value else gettext("no")
    if unit == Unit.CURRENCY_MINOR:
        return money(cast(int, value), currency)
    if unit == Unit.FRACTION:
        return percent(Decimal(str(value)))
    if unit == Unit.DATE:
        return day(cast(dt.date, value))
    return number(cast(int, value))
