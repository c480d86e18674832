"""The daily job `vip privacy pseudonymise`: a person whose last activity is older than his
jurisdiction's `retention.inactive_years` is pseudonymised (name, contacts, birth date, profile,
tokens), while the ledger, the audit log and the sealed verifications keep what they hold and
still verify; someone active, or within the period, is left as he is."""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from typer.testing import CliRunner

from vip.audit import services as audit
from vip.audit.models import Action, AuditEvent
from vip.cli import app
from vip.demo import synthetic
from vip.ledger.selectors import check_books
from vip.people import services as people
from vip.people.models import Role, User

from tests.audit.story import live_a_visa


def test_people_inactive_past_the_retention_are_pseudonymised_and_the_records_still_verify(
    story: dict[str, User],
) -> None:
    live_a_visa(story["anthony"], story["bishal"], story["authority"])
    sponsors, migrants = synthetic.people(1, 2, ["springfield"], seed=11)
    people.import_people(actor=story["authority"], sponsors=sponsors, migrants=migrants)
    imported = User.objects.filter(email__in=[p["email"] for p in sponsors + migrants])
    old, recent = list(imported.filter(role=Role.MIGRANT).order_by("pk"))
    gone = imported.filter(role=Role.SPONSOR).get()
    User.objects.filter(pk__in=[old.pk, gone.pk]).update(
        date_joined=F("date_joined") - dt.timedelta(days=8 * 366)
    )
    User.objects.filter(pk=recent.pk).update(
        date_joined=F("date_joined") - dt.timedelta(days=3 * 366)
    )
    verifications = old.verifications.count()

    ran = CliRunner().invoke(app, ["privacy", "pseudonymise"])

    assert ran.exit_code == 0, ran.output
    assert "pseudonymised 2 person(s)" in ran.output
    old.refresh_from_db()
    assert (old.full_name, old.birth_date, old.is_active) == (f"pseudonym-{old.pk}", None, False)
    assert old.email == f"pseudonym-{old.pk}@pseudonymised.invalid"
    assert not old.has_usable_password()
    assert old.migrant_profile.interests == [] and old.migrant_profile.languages == []
    assert old.verifications.count() == verifications  # sealed: kept as they were
    assert User.objects.get(pk=recent.pk).full_name == recent.full_name
    assert User.objects.get(pk=story["bishal"].pk).full_name == "Bishal"
    assert set(
        AuditEvent.objects.filter(action=Action.PERSON_PSEUDONYMISED).values_list(
            "object_id", flat=True
        )
    ) == {str(old.pk), str(gone.pk)}
    assert audit.verify().ok and check_books().ok
    again = CliRunner().invoke(app, ["privacy", "pseudonymise"])
    assert "pseudonymised 0 person(s)" in again.output


def test_the_job_refuses_a_day_to_come(story: dict[str, User]) -> None:
    ran = CliRunner().invoke(app, ["privacy", "pseudonymise", "--on", "2999-01-01"])

    assert ran.exit_code == 2 and "DATE_IN_FUTURE" in ran.stderr
