"""Sealed records: rows the log vouches for, so that one changed in place is noticed.

A criminal-record result flipped in the table leaves the chain intact: the chain holds events,
not the rows they describe. So the event that creates sealed rows carries a digest of their
content, `{"model", "ids", "digest"}` under the key "sealed", and `verify` recomputes it from the
rows as they are now. The rows are append-only as well (audit/guards.py): a change is a new row.

Each row holds a random nonce (its `seal`) inside what is digested, so the digest of a two-valued
result tells nothing to whoever reads the log: it binds the row without disclosing it."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import apps

VERIFICATIONS = "people.verification"

# What is sealed, and which columns: a column left out could change unnoticed.
SEALED: dict[str, tuple[str, ...]] = {
    VERIFICATIONS: (
        "id",
        "person_id",
        "kind",
        "result",
        "verified_by_id",
        "verified_at",
        "note",
        "seal",
    ),
}


def new_seal() -> str:
    return secrets.token_hex(16)


def _digest(rows: Iterable[Sequence[Any]]) -> str:
    body = json.dumps(
        [list(row) for row in rows], separators=(",", ":"), default=lambda v: v.isoformat()
    )
    return hashlib.sha256(body.encode()).hexdigest()


def _rows(label: str, ids: Sequence[int] = ()) -> dict[int, tuple[Any, ...]]:
    rows = apps.get_model(label).objects.order_by("id").values_list(*SEALED[label])
    if ids:  # a range, not a list: a bulk import may hold more ids than SQLite takes parameters
        rows = rows.filter(id__gte=min(ids), id__lte=max(ids))
    return {row[0]: row for row in rows}


def seal(label: str, ids: Sequence[int]) -> dict[str, Any]:
    """The entry for the event that creates these rows, read back as verify will read them."""
    rows = _rows(label, ids)
    return {"model": label, "ids": list(ids), "digest": _digest(rows[i] for i in ids)}


def check(entries: Sequence[tuple[str, dict[str, Any]]]) -> tuple[int | None, str] | None:
    """The first sealed row that is missing, changed, or was never recorded, as (the index of
    its entry, or None for a row no event vouches for; the problem); None if all hold.

    `entries` are (the event's name, "#12" or "US#12"; its sealed entry) of the events of
    chains that verify."""
    for label in SEALED:
        name = label.split(".")[1]
        rows = _rows(label)
        vouched: set[int] = set()
        for index, (name_of_event, entry) in enumerate(entries):
            if entry["model"] != label:
                continue
            ids = entry["ids"]
            missing = [i for i in ids if i not in rows]
            if missing:
                return index, f"{name} {missing[0]} recorded at {name_of_event} was removed"
            if _digest(rows[i] for i in ids) != entry["digest"]:
                shown = f"{ids[0]}" if len(ids) == 1 else f"{len(ids)} rows from {ids[0]}"
                return index, f"{name} {shown} recorded at {name_of_event} was changed in place"
            vouched.update(ids)
        stray = sorted(set(rows) - vouched)
        if stray:
            return None, f"{name} {stray[0]} was never recorded in the log"
    return None
