"""The auction's pure decisions: when it moves on, who counts once, what a seat costs.
Facts in, decisions out; no database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import Any

from vip.auctions import contract
from vip.auctions.clearing import Rule
from vip.auctions.models import AuctionStatus, DuplicateDecision, DuplicateReason
from vip.money import Money

# The life, in order: each status and the time field of the auction that ends it.
NEXT: dict[AuctionStatus, AuctionStatus] = {
    AuctionStatus.SCHEDULED: AuctionStatus.REGISTRATION,
    AuctionStatus.REGISTRATION: AuctionStatus.BIDDING,
    AuctionStatus.BIDDING: AuctionStatus.CLOSED,
    AuctionStatus.CLOSED: AuctionStatus.CLEARED,
    AuctionStatus.CLEARED: AuctionStatus.SETTLED,
}


@dataclass(frozen=True)
class Windows:
    registration_opens: dt.datetime
    registration_closes: dt.datetime
    bidding_opens: dt.datetime
    bidding_closes: dt.datetime


def due_step(status: AuctionStatus, windows: Windows, at: dt.datetime) -> AuctionStatus | None:
    """The status the daily job moves an auction to at `at`, one step at a time (None: none
    due). Clearing follows closing at once; settling waits for the seats (services.settle)."""
    starts = {
        AuctionStatus.SCHEDULED: windows.registration_opens,
        AuctionStatus.REGISTRATION: windows.bidding_opens,
        AuctionStatus.BIDDING: windows.bidding_closes,
    }
    if status == AuctionStatus.CLOSED:
        return AuctionStatus.CLEARED
    start = starts.get(status)
    return NEXT[status] if start is not None and start <= at else None


def windows_reasons(windows: Windows) -> list[str]:
    """The windows follow each other: registration, then bidding (they may touch)."""
    w = windows
    ordered = w.registration_opens < w.registration_closes <= w.bidding_opens < w.bidding_closes
    return [] if ordered else ["AUCTION_WINDOWS_OUT_OF_ORDER"]


def in_window(opens: dt.datetime, closes: dt.datetime, at: dt.datetime) -> bool:
    return opens <= at < closes


SEPARATORS = re.compile(r"[\s\-./]+")


def document_number(text: str) -> str:
    """An identity document's number as compared: upper case, no spaces, dashes, dots or slashes."""
    return SEPARATORS.sub("", text).upper()


def name_key(full_name: str) -> str:
    """A name as compared for duplicates: case and spacing do not make another person."""
    return " ".join(full_name.casefold().split())


@dataclass(frozen=True)
class Identity:
    """What a registration says about who the beneficiary is."""

    registration: int
    document: tuple[str, str]  # (country, normalised number)
    person: tuple[str, str, str] | None  # (name key, birth date, country); None if incomplete


def duplicate_of(new: Identity, earlier: Sequence[Identity]) -> tuple[int, DuplicateReason] | None:
    """The earliest registration this one may be the same person as, and why."""
    for other in earlier:
        if other.document == new.document:
            return other.registration, DuplicateReason.DOCUMENT
    for other in earlier:
        if new.person is not None and other.person == new.person:
            return other.registration, DuplicateReason.NAME_BIRTH_COUNTRY
    return None


def duplicate_links(
    identities: Sequence[Identity], decided: Mapping[int, tuple[DuplicateDecision, int | None]]
) -> dict[int, int]:
    """Each registration (in registration order) linked to the earliest it may be the same person
    as, recomputed at the clearing; but the authority's word stands: dismissed, he is a person
    of his own; upheld, the flagged link holds even if the facts no longer show it."""
    links: dict[int, int] = {}
    for i, identity in enumerate(identities):
        decision, flagged = decided.get(identity.registration, (None, None))
        found = duplicate_of(identity, identities[:i])
        if decision == DuplicateDecision.UPHELD and flagged is not None:
            links[identity.registration] = flagged
        elif found is not None and decision != DuplicateDecision.DISMISSED:
            links[identity.registration] = found[0]
    return links


def counted_bids(
    bids: Sequence[tuple[int, int]], duplicate_of: dict[int, int]
) -> tuple[list[int], list[int]]:
    """(counted, excluded) registrations: of the registrations flagged as one person (linked by
    duplicate_of, transitively), only the lowest bid counts (ties: the earliest registration).
    Counting people, not filings: a second filing can only lower his chance (the H-1B lesson)."""

    def find(r: int) -> int:
        while r in duplicate_of:
            r = duplicate_of[r]
        return r

    lowest: dict[int, tuple[int, int]] = {}
    for registration, amount in bids:
        group = find(registration)
        best = lowest.get(group)
        if best is None or (amount, registration) < best:
            lowest[group] = (amount, registration)
    counted = {registration for _, registration in lowest.values()}
    order = [registration for registration, _ in bids]
    return (
        [r for r in order if r in counted],
        [r for r in order if r not in counted],
    )


def agency_cap(quota: int, share: Decimal) -> int:
    """How many beneficiaries one agency may register: its share of the quota, at least one."""
    return max(1, floor(Fraction(share) * quota))


def within_agency_cap(
    order: Sequence[int], agency_of: Mapping[int, int | None], cap: int
) -> tuple[list[int], list[int]]:
    """(kept, skipped), both in bid order: once an agency has `cap` registrations kept, its later
    ones are skipped, so it wins at most its cap of seats, the standby list included."""
    kept: list[int] = []
    skipped: list[int] = []
    taken: dict[int, int] = {}
    for registration in order:
        agency = agency_of.get(registration)
        if agency is not None and taken.get(agency, 0) >= cap:
            skipped.append(registration)
            continue
        if agency is not None:
            taken[agency] = taken.get(agency, 0) + 1
        kept.append(registration)
    return kept, skipped


def seat_price(price_per_year: int, term_months: int, currency: str) -> Money:
    """What a winner pays for the whole term: the uniform price per visa-year, prorated."""
    return Money(price_per_year, currency).times(Fraction(term_months, 12))


def result_hash(result: dict[str, Any]) -> str:
    """The hash the audit log keeps of a clearing's result (`vip auction clear --json`'s output),
    over its canonical JSON, so that anyone recomputing it gets the same digest."""
    body = json.dumps(result, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode()).hexdigest()


def published_inputs(
    quota: int, reserve: int, rule: Rule, seed: str, bids: Sequence[tuple[str, int]]
) -> dict[str, Any]:
    """`vip auction clear`'s input: what anyone needs to recompute the clearing."""
    return {
        "quota": quota,
        "reserve": reserve,
        "rule": str(rule),
        "seed": seed,
        "bids": [{"id": reference, "amount": amount} for reference, amount in bids],
    }


def recompute(inputs: dict[str, Any]) -> dict[str, Any]:
    """The contract's result of published inputs, read back from their JSON as anyone would."""
    return contract.result(contract.parse(json.dumps(inputs)))
