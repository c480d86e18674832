"""A person's export of what the platform holds about him, and its retention."""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from vip.audit import services as audit
from vip.audit.models import Action, Subject
from vip.calendar import add_months
from vip.clock import now, today
from vip.errors import Invalid
from vip.matching.models import SponsorshipRequest
from vip.messaging.models import Message
from vip.people.models import (
    ApiToken,
    MigrantProfile,
    SponsorProfile,
    User,
    VerificationDocument,
    VerificationRequest,
    document_storage,
)
from vip.policy.parameters import jurisdictions as all_jurisdictions
from vip.policy.parameters import parameters
from vip.privacy import selectors
from vip.privacy.selectors import held_about
from vip.welfare.models import Case, CheckIn


@transaction.atomic(durable=True)
def export(*, user: User) -> dict[str, Any]:
    """Everything held about the caller (his own, to himself only), as JSON; the export is
    audited."""
    found = {"exported_at": now(), **held_about(user)}
    audit.record(
        actor=user,
        action=Action.PERSON_EXPORTED,
        object_type=Subject.USER,
        object_id=user.pk,
        data={"tables": sorted(found["records"])},
    )
    return found


def retention_years(jurisdictions: set[str], day: dt.date) -> int:
    """The longest retention among the jurisdictions he is tied to (all of them when none)."""
    codes = jurisdictions or set(all_jurisdictions())
    return max(int(parameters(code, day)["retention.inactive_years"]) for code in codes)


@transaction.atomic(durable=True)
def pseudonymise_expired(*, day: dt.date) -> int:
    """The daily job: every sponsor or migrant whose last activity is older than his
    jurisdiction's `retention.inactive_years`, with nothing that still needs him (a live visa, an
    unpaid fine, a bar in force), is pseudonymised: his name, contacts, birth date and profile are
    replaced, his tokens end, what he wrote is removed. The ledger, the audit log and the sealed
    verifications keep what they hold (they name him by id only). Returns how many."""
    if day > today():
        raise Invalid("DATE_IN_FUTURE", "retention is applied on days that have come")
    done = 0
    for person, jurisdictions, last in selectors.outlived_candidates():
        if last.date() < add_months(day, -12 * retention_years(jurisdictions, day)):
            pseudonymise(person, day, last)
            done += 1
    return done


def _erase(names: list[str]) -> None:
    """Files of the documents' store, once the rows that named them no longer do."""
    store = document_storage()
    for name in names:
        store.delete(name)


def pseudonymise(person: User, day: dt.date, last: dt.datetime) -> None:
    pseudonym = f"pseudonym-{person.pk}"
    person.full_name = pseudonym
    person.username = person.email = f"{pseudonym}@pseudonymised.invalid"
    person.first_name = person.last_name = ""
    person.birth_date = None
    person.is_active = False
    person.pseudonymised_on = day
    person.set_unusable_password()
    person.save()
    for profile in (MigrantProfile, SponsorProfile):
        found = profile.objects.filter(user=person).first()
        if found is not None:
            kept = {"id", "user", "household", "barred_until", "in_country"}
            for field in found._meta.concrete_fields:
                if field.name not in kept:
                    setattr(found, field.attname, field.get_default())
            found.save()
    ApiToken.objects.filter(user=person).delete()
    EmailAddress.objects.filter(user=person).update(email=person.email, verified=False)
    Message.objects.filter(author=person).update(body="")
    CheckIn.objects.filter(migrant=person).update(text="")  # his answers' own words
    Case.objects.filter(migrant=person).update(message="")
    SponsorshipRequest.objects.filter(sponsor=person).update(housing_text="", active=False)
    # His documents' files go once this commits (a rollback keeps them with the rows that name
    # them); the rows stay with their digests, which the log's events name.
    documents = VerificationDocument.objects.filter(request__person=person).exclude(file="")
    names = [str(name) for name in documents.values_list("file", flat=True)]
    documents.update(file="")
    VerificationRequest.objects.filter(person=person).update(document_number="")
    transaction.on_commit(lambda: _erase(names))
    audit.record(
        actor=None,
        action=Action.PERSON_PSEUDONYMISED,
        object_type=Subject.USER,
        object_id=person.pk,
        data={"on": day, "last_activity": last},
    )
