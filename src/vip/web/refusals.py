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
    "AGENCY_NOT_FOUND": _("There is no licensed agency by that name any more."),
    "AGREEMENT_ALREADY_SIGNED": _("Both of you have signed this agreement already."),
    "AGREEMENT_ALREADY_USED": _("A visa was granted on this agreement already: sign a new one."),
    "AGREEMENT_NOT_FOUND": _("There is no such agreement, or it is not yours."),
    "AGREEMENT_NOT_SIGNED": _("Both of you must sign the agreement first."),
    "AGREEMENT_TOO_LONG": _("The agreement is longer than the law allows."),
    "ALREADY_REGISTERED": _(
        "You are registered in this auction already: one registration per person."
    ),
    "ALREADY_SIGNED": _("You have signed this agreement already."),
    "ALREADY_UNEMPLOYED": _("The worker is reported out of work already."),
    "ARRIVAL_BEFORE_START": _("The worker cannot arrive before the agreement starts."),
    "ASSIGNEE_NOT_AUTHORITY": _("Give it to a member of the authority's staff."),
    "AUCTION_CODE_TAKEN": _("An auction with this code exists already."),
    "AUCTION_NOT_CLEARED": _("The auction is not cleared yet."),
    "AUCTION_NOT_FOUND": _("There is no such auction."),
    "AUCTION_STEP_NOT_ALLOWED": _("The auction, as it stands, cannot take this step."),
    "AUCTION_STEP_NOT_DUE": _("The time for this step has not come yet."),
    "AUCTION_TERMS_INVALID": _(
        "At least one visa, for at least one month, and a reserve of zero or more."
    ),
    "AUCTION_WINDOWS_OUT_OF_ORDER": _(
        "Registration opens, then closes; then bidding opens, then closes: in that order."
    ),
    "BIDDING_CLOSED": _("Bidding is not open in this auction."),
    "BID_INVALID": _("A bid is an amount above zero, in the auction's currency, for each year."),
    "BIRTH_DATE_IN_FUTURE": _("A date of birth lies in the past."),
    "CITIZENSHIP_COUNTRY_MISSING": _("Choose the country of the citizenship."),
    "COMMUNITY_CAP_REACHED": _("Your community's cap on visas is reached."),
    "COMMUNITY_UNKNOWN": _("Choose a community from the list."),
    "COMPLAINT_ALREADY_ESCALATED": _("The complaint is escalated already."),
    "COMPLAINT_CATEGORY_UNKNOWN": _("Choose what the complaint is about."),
    "COMPLAINT_NOT_FOUND": _("There is no such complaint."),
    "COMPLAINT_RESOLVED": _("The complaint is resolved: nothing more is done on it."),
    "COMPLETION_BEFORE_END": _(
        "Before the agreement's end only the immigration office records a completion."
    ),
    "CONSENT_MISSING": _("First agree to the registration the agency made for you."),
    "CONVERSATIONS_LIMIT": _(
        "You have as many open conversations as a sponsor may have. Block one you no longer need."
    ),
    "CONVERSATION_CLOSED": _("This conversation is closed."),
    "CURRENCY_MISMATCH": _("Amounts must be in the currency of the country where you sponsor."),
    "DATE_BEFORE_VISA": _("The day is before the visa was applied for."),
    "DATE_IN_FUTURE": _("The day has not come yet."),
    "DOCUMENT_INVALID": _("Enter your passport's number and the country that issued it."),
    "DOCUMENT_NOT_FOUND": _("There is no such document, or it is not yours."),
    "DOCUMENT_NUMBER_MISSING": _("Enter the number of your identity document."),
    "DOCUMENT_TOO_LARGE": _("The file is too large: send a smaller scan or photograph."),
    "DOCUMENT_TYPE_NOT_ALLOWED": _("Send a PDF, a JPEG or a PNG file."),
    "DURATION_INVALID": _("An agreement lasts at least one month."),
    "EARNINGS_ALREADY_REPORTED": _("This month is reported already."),
    "EARNINGS_INVALID": _("Earnings are an amount of zero or more, in the agreement's currency."),
    "EARNINGS_MONTH_NOT_ENDED": _("Report the earnings of a month once it has ended."),
    "EMAIL_INVALID": _("Enter an e-mail address, like name@example.com."),
    "DEPORTATION_NOT_EFFECTIVE": _(
        "The deportation order is not in effect on that day: first record that the sentence "
        "is served."
    ),
    "EVENT_NOT_PERMITTED": _("You may not report this."),
    "JURISDICTION_UNKNOWN": _("Choose a country from the list."),
    "PAYMENT_OVERDUE": _("The day to pay has passed: the seat is forfeited."),
    "FLAG_NOT_OPEN": _("This flag is decided already."),
    "REGISTRATION_CLOSED": _("Registration is not open in this auction."),
    "RULE_DATE_IN_PAST": _("New rules take effect today or later, never on a past day."),
    "FINE_CRIME": _("The migrant you sponsor was convicted of a crime."),
    "FINE_DISAPPEARANCE": _("The migrant you sponsor disappeared."),
    "FINE_DISAPPEARANCE_LATE_REPORT": _("The disappearance was reported late."),
    "GAIN_SHARE_ABOVE_MAX": _(
        "The share of the worker's gain is above the highest the law allows."
    ),
    "EXCHANGE_RATE_UNKNOWN": _(
        "The platform has no exchange rate between these currencies yet: the offer cannot state"
        " the baseline of the share."
    ),
    "HOME_EARNINGS_NOT_STATED": _(
        "The worker must first state what they earn at home: the share is counted from it."
    ),
    "HOUSEHOLD_CAP_REACHED": _("Your household's cap on visas is reached."),
    "INSURANCE_COVERAGE_TOO_LOW": _("The insurance's coverage is below the minimum."),
    "INSURANCE_MISSING": _("You must hold basic health insurance for the worker."),
    "INSURANCE_PERIOD_TOO_SHORT": _(
        "The insurance must cover the worker from the first day, for long enough."
    ),
    "INTERVIEW_IN_PAST": _("Choose a time for the interview that has not passed."),
    "MANUAL_REVIEW": _("The immigration office reviews every application."),
    "MESSAGE_EMPTY": _("Write your message."),
    "MESSAGE_TOO_LONG": _("A message has at most 2,000 characters."),
    "MIGRANT_BARRED": _("The migrant may not come back yet after a deportation."),
    "MIGRANT_HAS_ACTIVE_VISA": _("The migrant holds a visa already."),
    "MIGRANT_NOT_VERIFIED": _("The migrant's identity is not verified yet."),
    "MIGRANT_UNDER_DEPORTATION_ORDER": _(
        "The worker is under a deportation order that has not been carried out."
    ),
    "MIGRANT_UNDER_ENFORCEMENT": _("The worker is the subject of an open enforcement case."),
    "MIGRANT_UNDER_MIN_AGE": _("The migrant is younger than the law allows."),
    "NOT_A_PARTY": _("Only the migrant or the sponsor files a complaint."),
    "NOT_SPONSOR": _("Only a sponsor, or an agency acting for one, asks for a worker."),
    "NOT_THE_MIGRANT": _("Only the migrant reports their own earnings."),
    "NO_PROFILE": _("Only sponsors and migrants have a profile."),
    "PASSWORD_TOO_SHORT": _("A password has at least 8 characters."),
    "PASSWORD_TOO_WEAK": _(
        "Choose a password that is not common, not only digits, not like your name."
    ),
    "PAY_BELOW_FLOOR": _("The pay is below the lowest the law allows."),
    "PERSON_BLOCKED": _("One of you has blocked the other."),
    "PERSON_NOT_FOUND": _("There is no such person."),
    "PROFILE_FIELD_UNKNOWN": _("This is not part of your profile."),
    "REPORT_REASON_UNKNOWN": _("Choose what is wrong."),
    "REQUEST_NOT_FOUND": _("There is no such request, or it is not yours."),
    "ROLE_UNKNOWN": _("Choose whether you sponsor or look for a sponsor."),
    "SEATS_AWAIT_PAYMENT": _(
        "Seats still await payment: record each payment or forfeit the seats first."
    ),
    "SEAT_NOT_OFFERED": _("No seat awaits this person's payment."),
    "SECTOR_NOT_ALLOWED": _("Your community does not allow work in this sector."),
    "SECTOR_UNKNOWN": _("Choose a sector from the list."),
    "RUN_NOT_FOUND": _("There is no such simulation run."),
    "SIMULATION_INPUT": _("The model does not take this value."),
    "SIMULATION_TOO_BIG": _("This run is too big for the browser: run it with vip simulate."),
    "SPONSOR_HAS_ACTIVE_SPONSORSHIP": _("You sponsor a migrant already (one at a time)."),
    "SPONSOR_HAS_NO_COMMUNITY": _("Your community is not recorded yet."),
    "SPONSOR_HAS_UNPAID_FINES": _("You have fines to pay first."),
    "SPONSOR_NOT_CITIZEN": _("You are not a verified citizen of the country."),
    "SPONSOR_NOT_VERIFIED": _("Your identity is not verified yet."),
    "SPONSOR_UNDER_MIN_AGE": _("You are younger than a sponsor may be."),
    "START_DATE_IN_PAST": _("The agreement starts today or later, not on a past date."),
    "START_DATE_OUT_OF_RANGE": _("The first day of work is too far ahead."),
    "TOO_MANY_SEARCHES": _(
        "You have searched many times in a short while: try again in a few minutes."
    ),
    "TOO_MANY_RUNS": _(
        "Many simulations were run from your address in a short while: try again in a few minutes."
    ),
    "TRANSITION_NOT_ALLOWED": _("The visa, as it stands, cannot take this report."),
    "VERIFICATION_FLAGGED": _(
        "This request matches another account: decide the flag before clearing it."
    ),
    "VERIFICATION_NOT_FOR_STAFF": _("Staff are vetted by their office, not here."),
    "VERIFICATION_REQUEST_NOT_FOUND": _("There is no such verification request."),
    "VISA_NOT_ACTIVE": _("The visa is not active."),
    "VISA_NOT_FOUND": _("There is no such visa, or it is not yours."),
    "WELFARE_ANSWER_INVALID": _("Choose one answer to each question."),
    "WELFARE_CASE_CLOSED": _("The case is closed."),
    "WELFARE_CHECKIN_ANSWERED": _("You have answered this check-in already."),
    "WELFARE_MESSAGE_EMPTY": _("Write your message."),
    "WELFARE_NOTE_EMPTY": _("Write the note."),
    "WELFARE_TEXT_TOO_LONG": _("The text is too long: 4,000 characters at most."),
    "WELFARE_VISA_NOT_ACTIVE": _("Your visa is not active."),
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
    return message_of(error.code, error.message)


def message_of(code: str, fallback: str = "") -> str:
    """A reason code's message (a decision's reason, a fine's) in the person's language."""
    found = MESSAGES.get(code)
    return str(found) if found is not None else fallback or code


def show_on_form(form: forms.BaseForm, error: DomainError, fields: dict[str, str]) -> None:
    """On the field the code is about, or above the form; the code stays visible for an appeal."""
    form.add_error(fields.get(error.code), forms.ValidationError(message(error), code=error.code))
