"""Plain-Python deferred acceptance and stability check: the yardstick the fast kernels must equal.

Written for clarity, not speed: dictionaries of lists, one proposal at a time.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

P = TypeVar("P", bound=Hashable)
R = TypeVar("R", bound=Hashable)


def acceptable_lists(
    proposer_prefs: Mapping[P, Sequence[R]], receiver_prefs: Mapping[R, Sequence[P]]
) -> tuple[dict[P, list[R]], dict[R, list[P]]]:
    """Both sides' lists cut down to the pairs where each lists the other."""
    listed_by_receiver = {(p, r) for r, prefs in receiver_prefs.items() for p in prefs}
    listed_by_proposer = {(p, r) for p, prefs in proposer_prefs.items() for r in prefs}
    proposers = {
        p: [r for r in prefs if (p, r) in listed_by_receiver] for p, prefs in proposer_prefs.items()
    }
    receivers = {
        r: [p for p in prefs if (p, r) in listed_by_proposer] for r, prefs in receiver_prefs.items()
    }
    return proposers, receivers


def proposer_optimal(
    proposer_prefs: Mapping[P, Sequence[R]],
    receiver_prefs: Mapping[R, Sequence[P]],
    capacity: Mapping[R, int],
) -> dict[P, R | None]:
    """Rounds of proposals: each free proposer asks his next choice, who keeps her best ones."""
    proposers, receivers = acceptable_lists(proposer_prefs, receiver_prefs)
    rank = {r: {p: i for i, p in enumerate(prefs)} for r, prefs in receivers.items()}
    held: dict[R, list[P]] = {r: [] for r in receivers}
    next_choice = dict.fromkeys(proposers, 0)
    free = [p for p in proposers if proposers[p]]
    while free:
        p = free.pop()
        r = proposers[p][next_choice[p]]
        next_choice[p] += 1
        held[r].append(p)
        held[r].sort(key=rank[r].__getitem__)
        if len(held[r]) > capacity[r]:
            rejected = held[r].pop()
            if next_choice[rejected] < len(proposers[rejected]):
                free.append(rejected)
    match: dict[P, R | None] = dict.fromkeys(proposer_prefs)
    for r, ps in held.items():
        for p in ps:
            match[p] = r
    return match


def receiver_optimal(
    proposer_prefs: Mapping[P, Sequence[R]],
    receiver_prefs: Mapping[R, Sequence[P]],
    capacity: Mapping[R, int],
) -> dict[P, R | None]:
    """Rounds of offers: a receiver with free seats offers them down her list; he keeps the best."""
    proposers, receivers = acceptable_lists(proposer_prefs, receiver_prefs)
    match: dict[P, R | None] = dict.fromkeys(proposer_prefs)
    next_choice = dict.fromkeys(receivers, 0)
    while True:
        seats = {r: capacity[r] - sum(1 for m in match.values() if m == r) for r in receivers}
        offering = [r for r in receivers if seats[r] > 0 and next_choice[r] < len(receivers[r])]
        if not offering:
            return match
        r = offering[0]
        p = receivers[r][next_choice[r]]
        next_choice[r] += 1
        current = match[p]
        if current is None or proposers[p].index(r) < proposers[p].index(current):
            match[p] = r


def blocking_pairs(
    proposer_prefs: Mapping[P, Sequence[R]],
    receiver_prefs: Mapping[R, Sequence[P]],
    capacity: Mapping[R, int],
    match: Mapping[P, R | None],
) -> list[tuple[P, R]]:
    """Every acceptable pair who would both rather have each other than what they hold."""
    proposers, receivers = acceptable_lists(proposer_prefs, receiver_prefs)
    pairs: list[tuple[P, R]] = []
    for p, prefs in proposers.items():
        for r in prefs:
            if match[p] == r:
                break
            held = [q for q, m in match.items() if m == r]
            if len(held) < capacity[r] or any(
                receivers[r].index(p) < receivers[r].index(q) for q in held
            ):
                pairs.append((p, r))
    return pairs


def seats_and_lists_respected(
    proposer_prefs: Mapping[P, Sequence[R]],
    receiver_prefs: Mapping[R, Sequence[P]],
    capacity: Mapping[R, int],
    match: Mapping[P, R | None],
) -> bool:
    """Each matched pair lists each other and no receiver is over capacity."""
    for p, r in match.items():
        if r is not None and (r not in proposer_prefs[p] or p not in receiver_prefs[r]):
            return False
    return all(sum(1 for m in match.values() if m == r) <= c for r, c in capacity.items())
