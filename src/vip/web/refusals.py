"""A refusal's reason code, told to the person in his language and shown where he can fix it.

The services raise DomainError with a stable code and an English message for the API; the portal
shows the code's message from this catalogue (translated in src/vip/locale), and the service's own
words only for a code the catalogue does not have yet."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vip.errors import DomainError

MESSAGES: dict[str, Promise] = {
    "AGE_RANGE_EMPTY": _("The youngest age you accept is above the oldest."),
    "BIRTH_DATE_IN_FUTURE": _("A date of birth lies in the past."),
    "COMMUNITY_UNKNOWN": _("Choose a community from the list."),
    "CURRENCY_MISMATCH": _("Amounts must be in the currency of the country where you sponsor."),
    "EMAIL_INVALID": _("Enter an e-mail address, like name@example.com."),
    "EMAIL_TAKEN": _("An account with this e-mail address exists. Log in instead."),
    "NO_PROFILE": _("Only sponsors and migrants have a profile."),
    "NOT_SPONSOR": _("Only a sponsor, or the agency he chose, asks for a worker."),
    "PASSWORD_TOO_SHORT": _("A password has at least 8 characters."),
    "PASSWORD_TOO_WEAK": _(
        "Choose a password that is not common, not only digits, not like your name."
    ),
    "PROFILE_FIELD_UNKNOWN": _("This is not part of your profile."),
    "REQUEST_NOT_FOUND": _("There is no such request, or it is not yours."),
    "ROLE_UNKNOWN": _("Choose whether you sponsor or look for a sponsor."),
}


@dataclass(frozen=True)
class Refusal:
    """A refusal shown above a form that has no field for it (check your answers)."""

    code: str
    message: str

    @classmethod
    def of(cls, error: DomainError) -> Refusal:
        return cls(error.code, message(error))


def message(error: DomainError) -> str:
    found = MESSAGES.get(error.code)
    return str(found) if found is not None else error.message


def show_on_form(form: forms.BaseForm, error: DomainError, fields: dict[str, str]) -> None:
    """On the field the code is about, or above the form; the code stays visible for an appeal."""
    form.add_error(fields.get(error.code), forms.ValidationError(message(error), code=error.code))
