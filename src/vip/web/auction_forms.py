"""The auction's forms: a migrant's registration (his identity document) and his sealed bid, the
authority's terms of a new auction. Shape only: the auction services decide, and their refusals
come back onto these forms."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from babel import numbers as babel_numbers
from django import forms
from django.utils.translation import gettext_lazy as _

from vip.auctions.clearing import Rule
from vip.auctions.rules import Windows
from vip.auctions.services import AuctionTerms
from vip.money import MINOR_UNITS, Money
from vip.web.forms import minor
from vip.web.templatetags.vip_format import country_choices, locale

# One separator followed by one or two digits is a decimal point in any language (a group of
# thousands has three): "5000.50" is five thousand in Spanish too, never 500,050.
PLAIN = re.compile(r"^\d+(?:[.,]\d{1,2})?$")
NOT_PART_OF_A_NUMBER = re.compile("[^\\d.,'\u2019\\-]")


def ascii_digits(text: str) -> str:
    """Devanagari's 5,000.50 (or any script's digits) -> 5,000.50: the digits people type in
    their script, read as digits."""
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def parse_amount(text: str) -> Decimal | None:
    """What a person types as an amount, in his language's way of writing numbers (a currency
    sign or spaces around it are left aside); None when it is no number."""
    cleaned = NOT_PART_OF_A_NUMBER.sub("", ascii_digits(text))
    if not cleaned:
        return None
    if PLAIN.match(cleaned):
        return Decimal(cleaned.replace(",", "."))
    try:
        return babel_numbers.parse_decimal(cleaned, locale=locale(), strict=True)
    except (babel_numbers.NumberFormatError, InvalidOperation):
        return None


class AmountField(forms.CharField):
    """An amount of money in one currency, as its minor units (an integer)."""

    def __init__(self, *, currency: str, **kwargs: Any) -> None:
        self.currency = currency
        kwargs.setdefault("help_text", _("In %(currency)s.") % {"currency": currency})
        super().__init__(max_length=32, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def clean(self, value: Any) -> int:
        text = super().clean(value)
        amount = parse_amount(text)
        digits = MINOR_UNITS[self.currency]
        if amount is None or amount <= 0:
            raise forms.ValidationError(
                _("Enter an amount like %(example)s.")
                % {"example": babel_numbers.format_decimal(Decimal("5000"), locale=locale())},
                code="invalid",
            )
        if amount != amount.quantize(Decimal(1).scaleb(-digits)):
            raise forms.ValidationError(
                _("An amount in %(currency)s has at most %(digits)s decimals.")
                % {"currency": self.currency, "digits": digits},
                code="invalid",
            )
        return minor(amount, self.currency)


class RegistrationForm(forms.Form):
    """His identity document: the registration counts people, not filings, by it."""

    document_country = forms.ChoiceField(label=_("Country that issued your passport"))
    document_number = forms.CharField(
        label=_("Passport number"),
        max_length=64,
        help_text=_("As printed in your passport; spaces and dashes do not matter."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = self.fields["document_country"]
        assert isinstance(countries, forms.ChoiceField)
        countries.choices = [("", _("Choose a country")), *country_choices()]


class BidForm(forms.Form):
    def __init__(self, *args: Any, currency: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"] = AmountField(
            currency=currency,
            label=_("What you offer for each year of the visa"),
            help_text=_(
                "In %(currency)s, for one year. Offer what a year of the visa is truly worth to"
                " you: every winner pays the same price, set by the bids of others."
            )
            % {"currency": currency},
        )

    def money(self) -> Money:
        return Money(self.cleaned_data["amount"], self.currency)


RULE_NAMES = {
    Rule.HIGHEST_REJECTED: _("Highest bid that did not win (every winner pays it)"),
    Rule.LOWEST_ACCEPTED: _("Lowest bid that won (every winner pays it)"),
}
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MOMENT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
WINDOWS = ("registration_opens", "registration_closes", "bidding_opens", "bidding_closes")


def moment_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=MOMENT, input_formats=MOMENT_FORMATS)


class AuctionForm(forms.Form):
    """The terms the authority sets; the times are read in her time zone (the page names it), the
    reserve in the jurisdiction's currency. The fee and deposit are the parameters'."""

    code = forms.SlugField(
        label=_("Code"), max_length=32, help_text=_("Letters, digits and dashes: US-2027-1.")
    )
    jurisdiction = forms.ChoiceField(label=_("Country"))
    quota = forms.IntegerField(label=_("Visas offered"), min_value=1, max_value=10_000_000)
    term_months = forms.IntegerField(
        label=_("Length of each visa, in months"), min_value=1, max_value=600, initial=24
    )
    reserve = forms.CharField(
        label=_("Lowest bid accepted (reserve), for each year"),
        max_length=32,
        help_text=_("In the country's currency."),
    )
    registration_opens = moment_field(_("Registration opens"))
    registration_closes = moment_field(_("Registration closes"))
    bidding_opens = moment_field(_("Bidding opens"))
    bidding_closes = moment_field(_("Bidding closes"))
    rule = forms.ChoiceField(
        label=_("The price every winner pays"),
        choices=[(r.value, RULE_NAMES[r]) for r in Rule],
        widget=forms.RadioSelect,
        initial=Rule.HIGHEST_REJECTED.value,
    )

    def __init__(
        self, *args: Any, zone: str, jurisdictions: dict[str, tuple[str, str]], **kwargs: Any
    ) -> None:
        """`jurisdictions`: each country's code to its name and currency."""
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.currencies = {code: currency for code, (__, currency) in jurisdictions.items()}
        countries = self.fields["jurisdiction"]
        assert isinstance(countries, forms.ChoiceField)
        countries.choices = [
            ("", _("Choose a country")),
            *sorted(
                ((code, name) for code, (name, _) in jurisdictions.items()), key=lambda c: c[1]
            ),
        ]
        for name in WINDOWS:
            self.fields[name].help_text = _("Your time (%(zone)s).") % {"zone": zone}

    def clean_reserve(self) -> Decimal:
        amount = parse_amount(self.cleaned_data["reserve"])
        if amount is None or amount < 0:
            raise forms.ValidationError(
                _("Enter an amount like %(example)s.") % {"example": "1000"}
            )
        return amount

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        reserve, country = data.get("reserve"), data.get("jurisdiction")
        if reserve is not None and country in self.currencies:
            digits = MINOR_UNITS[self.currencies[country]]
            if reserve != reserve.quantize(Decimal(1).scaleb(-digits)):
                self.add_error(
                    "reserve",
                    _("An amount in %(currency)s has at most %(digits)s decimals.")
                    % {"currency": self.currencies[country], "digits": digits},
                )
        return data

    def at(self, name: str) -> dt.datetime:
        """The wall-clock time she typed, in her time zone."""
        typed: dt.datetime = self.cleaned_data[name]
        return typed.replace(tzinfo=None).replace(tzinfo=ZoneInfo(self.zone))

    def terms(self) -> AuctionTerms:
        data = self.cleaned_data
        currency = self.currencies[data["jurisdiction"]]
        return AuctionTerms(
            code=data["code"],
            jurisdiction=data["jurisdiction"],
            quota=data["quota"],
            term_months=data["term_months"],
            reserve=minor(data["reserve"], currency),
            windows=Windows(*(self.at(name) for name in WINDOWS)),
            rule=Rule(data["rule"]),
        )
