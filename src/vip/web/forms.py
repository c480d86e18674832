"""The portal's forms check shape only (a number is a number, a level is a level); what is allowed
is the services' to decide, and their refusals come back onto these forms (refusals.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.agreements.models import Work
from vip.agreements.services import Terms
from vip.matching.ranking.records import CEFR_LEVELS, Housing, Level, SoftCriterion
from vip.matching.services import LanguageNeed, RequestCriteria, SectorNeed
from vip.messaging.models import ReportReason
from vip.money import MINOR_UNITS, Money
from vip.people.models import User
from vip.policy.sectors import vocabularies
from vip.web.templatetags.vip_format import country_choices, locale

# The vocabularies are the ranking's enums; only their words for people are said here (a member
# without its words fails at import).
LEVEL_WORDS: dict[Level, str | Promise] = {level: level.value for level in CEFR_LEVELS}
LEVEL_WORDS[Level.NATIVE] = _("Native")
HOUSING_WORDS: dict[Housing, Promise] = {
    Housing.NONE: _("No housing"),
    Housing.SHARED_ROOM: _("A shared room"),
    Housing.PRIVATE_ROOM: _("A private room"),
    Housing.PRIVATE_HOME: _("A home of their own"),
}
CRITERION_WORDS: dict[SoftCriterion, Promise] = {
    SoftCriterion.LANGUAGES: _("More languages in common"),
    SoftCriterion.HERITAGE: _("A shared heritage"),
    SoftCriterion.RELIGION: _("The same religion"),
    SoftCriterion.INTERESTS: _("Shared interests"),
    SoftCriterion.EXPERIENCE: _("More experience than asked"),
    SoftCriterion.PAY: _("Pay that meets the worker's expectation"),
    SoftCriterion.HOUSING: _("Housing that meets the worker's need"),
}
LEVELS = [(level.value, LEVEL_WORDS[level]) for level in Level]
HOUSING = [(housing.value, HOUSING_WORDS[housing]) for housing in Housing]
WORK_WORDS: dict[Work, Promise] = {
    Work.FOR_SPONSOR: _("For you, in your household"),
    Work.PLACED: _("For an employer you place them with"),
}
SOFT_CRITERIA = [(criterion.value, CRITERION_WORDS[criterion]) for criterion in SoftCriterion]
ROWS = 3  # languages, sectors and countries a form takes at once: enough for a first profile


def language_choices() -> list[tuple[str, str]]:
    names = locale().languages
    return sorted(
        ((c, n) for c, n in names.items() if len(c) == 2 and c.isalpha()), key=lambda i: i[1]
    )


def sector_choices(jurisdiction: str | None) -> list[tuple[str, str]]:
    found = vocabularies()
    chosen = [found[jurisdiction]] if jurisdiction in found else list(found.values())
    return list({c: n for v in chosen for c, n in v.names.items()}.items())


def currency_of(sponsor: User) -> str:
    """Where he sponsors decides the currency; without a community the service will refuse."""
    return sponsor.community.jurisdiction.currency if sponsor.community else "USD"


def minor(amount: Decimal | None, currency: str) -> int:
    return int((amount or Decimal(0)).scaleb(MINOR_UNITS[currency]))


class StepForm(forms.Form):
    """One page of a long form; what it holds goes into the session's draft as JSON."""

    title: Promise

    def __init__(self, *args: Any, sponsor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sponsor = sponsor

    def draft(self) -> dict[str, Any]:
        return {k: jsonable(v) for k, v in self.cleaned_data.items()}


def jsonable(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class LanguagesForm(StepForm):
    title = _("Which languages must the worker speak, and how well?")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, ROWS + 1):
            self.fields[f"language{i}"] = forms.ChoiceField(
                label=_("Language %(n)s") % {"n": i},
                choices=[("", "—"), *language_choices()],
                required=False,
            )
            self.fields[f"level{i}"] = forms.ChoiceField(
                label=_("Level of language %(n)s") % {"n": i},
                choices=LEVELS,
                required=False,
                help_text=_("A1 is a beginner, C2 speaks like a native.") if i == 1 else "",
            )


class AgeForm(StepForm):
    title = _("How old may the worker be?")
    age_min = forms.IntegerField(
        label=_("Youngest age"), min_value=0, max_value=120, required=False
    )
    age_max = forms.IntegerField(label=_("Oldest age"), min_value=0, max_value=120, required=False)


def add_sector_rows(fields: dict[str, forms.Field], jurisdiction: str | None) -> None:
    """The rows of sectors with years, shared by the sponsor's request and the migrant's profile."""
    for i in range(1, ROWS + 1):
        fields[f"sector{i}"] = forms.ChoiceField(
            label=_("Sector %(n)s") % {"n": i},
            choices=[("", "—"), *sector_choices(jurisdiction)],
            required=False,
        )
        fields[f"years{i}"] = forms.IntegerField(
            label=_("Years of experience in sector %(n)s") % {"n": i},
            min_value=0,
            max_value=80,
            required=False,
        )


class SectorsForm(StepForm):
    title = _("In which work must the worker have experience?")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        jurisdiction = self.sponsor.community.jurisdiction_id if self.sponsor.community else None
        add_sector_rows(self.fields, jurisdiction)


class ChecksForm(StepForm):
    title = _("What must the immigration office have checked?")
    clean_record = forms.BooleanField(label=_("A clean criminal record"), required=False)
    health_clearance = forms.BooleanField(label=_("A health clearance"), required=False)


class PreferencesForm(StepForm):
    title = _("What else should count when we rank candidates?")
    soft_criteria = forms.MultipleChoiceField(
        label=_("Count these too (you may choose none)"),
        choices=SOFT_CRITERIA,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class OfferForm(StepForm):
    title = _("What do you offer?")
    annual_pay = forms.DecimalField(
        label=_("Pay a year"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    housing = forms.ChoiceField(label=_("Housing"), choices=HOUSING, widget=forms.RadioSelect)
    housing_text = forms.CharField(
        label=_("The housing in your words"), max_length=200, required=False
    )
    duration_months = forms.IntegerField(
        label=_("How many months"), min_value=1, max_value=600, initial=12
    )
    start_date = forms.DateField(
        label=_("From when"),
        required=False,
        help_text=_("Leave it empty for as soon as the worker can come."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["annual_pay"].help_text = _("In %(currency)s.") % {
            "currency": currency_of(self.sponsor)
        }


REQUEST_STEPS: dict[str, type[StepForm]] = {
    "languages": LanguagesForm,
    "age": AgeForm,
    "sectors": SectorsForm,
    "checks": ChecksForm,
    "preferences": PreferencesForm,
    "offer": OfferForm,
}


def criteria(draft: dict[str, dict[str, Any]], sponsor: User) -> RequestCriteria:
    """The draft's answers as create_request takes them (the API builds the same value)."""
    languages, age = draft.get("languages", {}), draft.get("age", {})
    sectors, checks = draft.get("sectors", {}), draft.get("checks", {})
    offer = draft.get("offer", {})
    currency = currency_of(sponsor)
    start = offer.get("start_date")
    chosen = draft.get("preferences", {}).get("soft_criteria")
    return RequestCriteria(
        languages=tuple(
            LanguageNeed(languages[f"language{i}"], Level(languages.get(f"level{i}") or Level.A1))
            for i in range(1, ROWS + 1)
            if languages.get(f"language{i}")
        ),
        sectors=tuple(
            SectorNeed(sectors[f"sector{i}"], sectors.get(f"years{i}") or 0)
            for i in range(1, ROWS + 1)
            if sectors.get(f"sector{i}")
        ),
        age_min=age.get("age_min"),
        age_max=age.get("age_max"),
        clean_record=bool(checks.get("clean_record")),
        health_clearance=bool(checks.get("health_clearance")),
        soft_criteria=tuple(SoftCriterion(c) for c in chosen) if chosen else None,
        annual_pay=Money(minor(Decimal(offer.get("annual_pay") or 0), currency), currency),
        housing=Housing(offer.get("housing") or Housing.NONE),
        housing_text=offer.get("housing_text") or "",
        duration_months=offer.get("duration_months") or 12,
        start_date=dt.date.fromisoformat(start) if start else None,
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Contact details stay hidden until you have both signed an agreement."),
    )


REPORT_WORDS: dict[ReportReason, Promise] = {
    ReportReason.FEE: _("I am asked to pay a fee"),
    ReportReason.ABUSE: _("Threats, insults or harassment"),
    ReportReason.FRAUD: _("A lie or a scam"),
    ReportReason.OTHER: _("Something else"),
}


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=[(reason.value, REPORT_WORDS[reason]) for reason in ReportReason],
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class InterviewForm(forms.Form):
    """A day and an hour in the person's own time zone (the page names it)."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    hour = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def __init__(self, *args: Any, zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone

    def at(self) -> dt.datetime:
        return dt.datetime.combine(
            self.cleaned_data["day"], self.cleaned_data["hour"], ZoneInfo(self.zone)
        )


class TermsForm(StepForm):
    """The terms a sponsor offers a migrant; the service checks them against the law."""

    title = _("The terms you offer")
    start_date = forms.DateField(
        label=_("First day of work"), widget=forms.DateInput(attrs={"type": "date"})
    )
    duration_months = forms.IntegerField(
        label=_("How many months"), min_value=1, max_value=600, initial=12
    )
    annual_pay = forms.DecimalField(
        label=_("Pay a year"), min_value=0, max_digits=12, decimal_places=2
    )
    housing = forms.CharField(label=_("The housing you give"), max_length=200)
    work = forms.ChoiceField(
        label=_("Who the worker works for"),
        choices=[(w.value, WORK_WORDS[w]) for w in Work],
        widget=forms.RadioSelect,
        initial=Work.FOR_SPONSOR,
    )
    gain_share = forms.IntegerField(
        label=_("Share of the worker's gain, in percent"),
        min_value=0,
        max_value=100,
        help_text=_(
            "The part of what the worker earns above their home earnings that they give you each "
            "month."
        ),
    )
    sector = forms.ChoiceField(label=_("Sector of work"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        currency = currency_of(self.sponsor)
        self.fields["annual_pay"].help_text = _("In %(currency)s.") % {"currency": currency}
        jurisdiction = self.sponsor.community.jurisdiction_id if self.sponsor.community else None
        sector = self.fields["sector"]
        assert isinstance(sector, forms.ChoiceField)
        sector.choices = [("", "—"), *sector_choices(jurisdiction)]


def terms(draft: dict[str, Any], sponsor: User) -> Terms:
    """The draft's terms as the offer takes them (the API builds the same Terms)."""
    currency = currency_of(sponsor)
    return Terms(
        start_date=dt.date.fromisoformat(draft["start_date"]),
        duration_months=draft["duration_months"],
        annual_pay=Money(minor(Decimal(draft["annual_pay"]), currency), currency),
        housing=draft["housing"],
        work=draft["work"],
        gain_share=Fraction(draft["gain_share"], 100),
        sector=draft.get("sector") or None,
    )


class ProfileForm(forms.Form):
    """A migrant's profile: what the sponsors' requests are ranked against."""

    home_annual_earnings = forms.DecimalField(
        label=_("What you earn a year at home"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    home_currency = forms.ChoiceField(
        label=_("Currency of your earnings at home"),
        choices=[(c, c) for c in MINOR_UNITS],
        help_text=_(
            "Your own currency: a sponsor in any country sees them converted into the sponsor's"
            " currency at the day's exchange rate, and the offer keeps that rate."
        ),
    )
    housing_need = forms.ChoiceField(
        label=_("The housing you need"), choices=HOUSING, widget=forms.RadioSelect
    )
    wants_other_adults = forms.BooleanField(
        label=_("I want to live where other adults live too"), required=False
    )
    interests = forms.CharField(
        label=_("Your interests"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, for example: football, cooking"),
    )
    soft_criteria = forms.MultipleChoiceField(
        label=_("What should count when we rank sponsors for you"),
        choices=SOFT_CRITERIA,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, ROWS + 1):
            self.fields[f"language{i}"] = forms.ChoiceField(
                label=_("Language %(n)s") % {"n": i},
                choices=[("", "—"), *language_choices()],
                required=False,
            )
            self.fields[f"level{i}"] = forms.ChoiceField(
                label=_("Level of language %(n)s") % {"n": i}, choices=LEVELS, required=False
            )
        add_sector_rows(self.fields, None)
        for i in range(1, ROWS + 1):
            self.fields[f"country{i}"] = forms.ChoiceField(
                label=_("Country you worked in %(n)s") % {"n": i},
                choices=[("", "—"), *country_choices()],
                required=False,
            )

    @staticmethod
    def initial_from(profile: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "home_annual_earnings": (
                None
                if profile.home_annual_earnings is None
                else Decimal(profile.home_annual_earnings).scaleb(
                    -MINOR_UNITS.get(profile.home_currency, 2)
                )
            ),
            "home_currency": profile.home_currency,
            "housing_need": profile.housing_need,
            "wants_other_adults": profile.wants_other_adults,
            "interests": ", ".join(profile.interests),
            "soft_criteria": profile.soft_criteria,
        }
        for i, lang in enumerate(profile.languages[:ROWS], 1):
            initial[f"language{i}"], initial[f"level{i}"] = lang["code"], lang["level"]
        for i, sector in enumerate(profile.sectors[:ROWS], 1):
            initial[f"sector{i}"], initial[f"years{i}"] = sector["code"], sector["years"]
        for i, code in enumerate(profile.countries_worked[:ROWS], 1):
            initial[f"country{i}"] = code
        return initial

    def changes(self) -> dict[str, Any]:
        """The answers as update_profile takes them (the API's PUT /me/profile builds the same)."""
        data = self.cleaned_data
        rows = range(1, ROWS + 1)
        return {
            "languages": [
                {"code": data[f"language{i}"], "level": data[f"level{i}"] or Level.A1}
                for i in rows
                if data[f"language{i}"]
            ],
            "sectors": [
                {"code": data[f"sector{i}"], "years": data[f"years{i}"] or 0}
                for i in rows
                if data[f"sector{i}"]
            ],
            "countries_worked": [data[f"country{i}"] for i in rows if data[f"country{i}"]],
            "home_annual_earnings": (
                None
                if data["home_annual_earnings"] is None
                else minor(data["home_annual_earnings"], data["home_currency"])
            ),
            "home_currency": data["home_currency"],
            "housing_need": data["housing_need"],
            "wants_other_adults": data["wants_other_adults"],
            "interests": [w.strip() for w in data["interests"].split(",") if w.strip()],
            "soft_criteria": data["soft_criteria"],
        }
