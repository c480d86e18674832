"""Everything the platform holds about a person, found from the models themselves: every row of
the platform's tables that names him (any foreign key to him), the rows that hang on those (his
visas' history, his accounts' ledger legs, his conversations' messages) and the audit events about
him. A table added later is in the export without being named here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.db.models import Max, Model, Q
from django.db.models.fields.files import FieldFile

from vip.audit.models import AuditEvent, Subject
from vip.clock import today
from vip.people.models import SELF_SERVICE_ROLES, User
from vip.visas.models import LIVE, Fine, Visa

HIDDEN = {"password", "digest", "seal"}  # secrets and seals' nonces: never in an export


def row(record: Model) -> dict[str, Any]:
    return {
        f.attname: value(getattr(record, f.attname))
        for f in record._meta.concrete_fields
        if f.name not in HIDDEN
    }


def value(found: Any) -> Any:
    """A stored file as its name in the store (he opens the file itself from his page)."""
    return found.name if isinstance(found, FieldFile) else found


def platform_models() -> list[type[Model]]:
    """The platform's own tables (not Django's sessions nor allauth's second factors)."""
    return [m for m in apps.get_models() if m.__module__.startswith("vip.") and m is not User]


def rows_naming(model: type[Model], targets: dict[type[Model], list[Any]]) -> list[Model]:
    """The model's rows whose foreign keys point at one of the targets' rows."""
    wanted = Q()
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model in targets:
            wanted |= Q(**{f"{field.attname}__in": targets[field.related_model]})
    if not wanted:
        return []
    return list(model._default_manager.filter(wanted).order_by("pk"))


def held_about(person: User) -> dict[str, Any]:
    """His account and, by table, every row held about him."""
    first: dict[type[Model], list[Model]] = {}
    for model in platform_models():
        found = rows_naming(model, {User: [person.pk]})
        if found:
            first[model] = found
    hanging = {model: [r.pk for r in found] for model, found in first.items()}
    records: dict[str, dict[Any, Model]] = {
        model._meta.label: {r.pk: r for r in found} for model, found in first.items()
    }
    for model in platform_models():
        # A row private to one person (a migrant's welfare check-in, hanging on the visa his
        # sponsor's export follows too) is exported to him alone.
        private_to = getattr(model, "private_to", None)
        for record in rows_naming(model, hanging):
            if private_to is None or getattr(record, f"{private_to}_id") == person.pk:
                records.setdefault(model._meta.label, {})[record.pk] = record
    about = AuditEvent.objects.filter(object_type=Subject.USER, object_id=str(person.pk))
    for event in about:
        records.setdefault(AuditEvent._meta.label, {})[event.pk] = event
    return {
        "person": row(person),
        "records": {
            label: [row(found[pk]) for pk in sorted(found)]
            for label, found in sorted(records.items())
        },
    }


def outlived_candidates() -> Iterator[tuple[User, set[str], dt.datetime]]:
    """Sponsors and migrants not yet pseudonymised whom nothing still needs (no live visa, no
    unpaid fine, no bar in force), each with the jurisdictions he is tied to (his community's,
    his visas', those he accepts) and his last activity (his last act in the log, or his
    account's creation)."""
    live = Visa.objects.filter(status__in=LIVE)
    needed = (
        set(live.values_list("sponsor_id", flat=True))
        | set(live.values_list("migrant_id", flat=True))
        | set(Fine.objects.filter(paid_at=None).values_list("sponsor_id", flat=True))
    )
    acted = dict(
        AuditEvent.objects.exclude(actor=None).values_list("actor_id").annotate(last=Max("at"))
    )
    tied: dict[int, set[str]] = {}
    for sponsor, migrant, code in Visa.objects.values_list(
        "sponsor_id", "migrant_id", "jurisdiction_id"
    ):
        tied.setdefault(sponsor, set()).add(code)
        tied.setdefault(migrant, set()).add(code)
    people = (
        User.objects.filter(role__in=SELF_SERVICE_ROLES, pseudonymised_on=None)
        .exclude(pk__in=needed)
        .exclude(migrant_profile__barred_until__gt=today())
        .select_related("community", "migrant_profile")
        .order_by("pk")
    )
    for person in people:
        codes = set(tied.get(person.pk, set()))
        if person.community is not None:
            codes.add(person.community.jurisdiction_id)
        profile = getattr(person, "migrant_profile", None)
        if profile is not None:
            codes |= set(profile.jurisdictions)
        yield person, codes, max(person.date_joined, acted.get(person.pk, person.date_joined))
