"""Accounts in the browser (django-allauth): sign-up makes a person through people.services, so the
portal and the API create sponsors and migrants the same way."""

from __future__ import annotations

from typing import Any

from allauth.account import views as allauth_views
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from vip.communities.models import Community
from vip.errors import DomainError
from vip.people import login, services
from vip.people.models import Role, User
from vip.web import refusals
from vip.web.templatetags.vip_format import country_choices


def account_fields(data: dict[str, Any]) -> dict[str, Any]:
    """What the sign-up form gives people.services of a new account (its country aside)."""
    return {
        "email": data["email"],
        "password": data["password1"],
        "role": data["role"],
        "full_name": data["full_name"],
        "birth_date": data["birth_date"],
        "community_code": data.get("community") or None,
    }


class SignupForm(AllauthSignupForm):  # type: ignore[misc]
    """The e-mail and password allauth asks for, and what people.services needs of a person."""

    role = forms.ChoiceField(
        label=_("I want to"),
        choices=[
            (Role.SPONSOR, _("Sponsor a migrant worker (I am a citizen)")),
            (Role.MIGRANT, _("Find a sponsor (I am a migrant worker)")),
        ],
        widget=forms.RadioSelect,
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        help_text=_("For example: 1999-04-28"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    country = forms.ChoiceField(label=_("Country where you live"))
    community = forms.ChoiceField(
        label=_("Your community (sponsors)"),
        required=False,
        help_text=_("Where you live decides the limits on sponsorship that apply to you."),
    )
    field_order = ["role", "full_name", "email", "password1", "password2", "birth_date"]
    # Where a refusal from people.services is shown.
    refusal_fields = {
        "EMAIL_INVALID": "email",
        "PASSWORD_TOO_SHORT": "password1",
        "PASSWORD_TOO_WEAK": "password1",
        "BIRTH_DATE_IN_FUTURE": "birth_date",
        "COMMUNITY_UNKNOWN": "community",
        "ROLE_UNKNOWN": "role",
    }

    def clean(self) -> dict[str, Any]:
        """What people.services checks before it looks whether the e-mail is taken, checked
        whether it is or not: no refusal tells that the address has an account."""
        data: dict[str, Any] = super().clean()
        if self.errors:
            return data
        try:
            services.check_new_account(**account_fields(data))
        except DomainError as error:
            refusals.show_on_form(self, error, self.refusal_fields)
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country")), *country_choices()]
        self.fields["community"].choices = [
            ("", _("None or not listed")),
            *Community.objects.order_by("name").values_list("code", "name"),
        ]


class Adapter(DefaultAccountAdapter):  # type: ignore[misc]
    def validation_error(self, code: str, *args: Any) -> ValidationError:
        """allauth's refusal past its login limits carries the platform's code."""
        refused: ValidationError = super().validation_error(code, *args)
        if code == "too_many_login_attempts":
            refused.code = login.TOO_MANY_ATTEMPTS
        return refused

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            login.locked_out(request, credentials)
            raise

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        login.failed(request, credentials)

    def save_user(
        self, request: HttpRequest, user: AbstractBaseUser, form: BaseForm, commit: bool = True
    ) -> User:
        return services.create_account(
            **account_fields(form.cleaned_data), country=form.cleaned_data["country"]
        )


class SignupView(allauth_views.SignupView):  # type: ignore[misc]
    """A refusal of people.services is shown on the form, with its message in the person's
    language, never as an error page; an e-mail that has an account is never one (allauth
    answers as for a new one and e-mails the owner)."""

    def form_valid(self, form: SignupForm) -> HttpResponse:
        try:
            response: HttpResponse = super().form_valid(form)
        except DomainError as error:
            if error.code == "EMAIL_TAKEN":  # taken since the form looked: answer as allauth does
                form.account_already_exists = True
                return self.form_valid(form)
            refusals.show_on_form(form, error, form.refusal_fields)
            return self.form_invalid(form)  # type: ignore[no-any-return]
        return response


class LoginView(allauth_views.LoginView):  # type: ignore[misc]
    """Past the limits on failed logins the form says so, answered 429 with Retry-After."""

    def form_invalid(self, form: BaseForm) -> HttpResponse:
        response: HttpResponse = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, login.TOO_MANY_ATTEMPTS):
            response.status_code = 429
            response["Retry-After"] = str(login.retry_after())
        return response


# allauth's own words on the portal's pages, listed so that makemessages puts them in the portal's
# catalogue, which Django reads before allauth's: allauth ships no Nepali.
ALLAUTH_WORDS = [
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Password"),
    gettext_noop("Password (again)"),
    gettext_noop("Remember Me"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Please type your current password."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("The password reset token was invalid."),
]
