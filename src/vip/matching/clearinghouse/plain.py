"""Deferred acceptance in plain Python over the ids themselves, for markets too small to be
worth loading numba (`vip match solve` on a handful of people would otherwise spend most of a
second importing numba and numpy and loading the cached kernels, for a matching found in
microseconds: issue 13, "a command imports only what it uses").

The same contract as the kernels (vip.matching.clearinghouse.kernels): a pair is acceptable only
when each side lists the other, and the matching is the one optimal for the proposing side, which
does not depend on the order of proposals; so it is the kernels' matching (a property test says
so on random markets). Imports neither numpy nor numba.
"""

from __future__ import annotations

import heapq
from collections import Counter
from typing import TYPE_CHECKING

from vip.matching.clearinghouse.sides import Proposing

if TYPE_CHECKING:
    from vip.matching.clearinghouse.instance import Preferences

Matching = dict[str, str | None]


def _ranks(lists: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    """Each one's rank of each id on his list (0: his first choice)."""
    return {who: {other: i for i, other in enumerate(ids)} for who, ids in lists.items()}


def proposers_propose(preferences: Preferences) -> Matching:
    """Each free proposer asks his next acceptable choice; her seats are a max-heap of
    (rank, proposer), so the worst held is evicted first and proposes again."""
    rank = _ranks(preferences.receivers)
    match: Matching = dict.fromkeys(preferences.proposers)
    seats: dict[str, list[tuple[int, str]]] = {r: [] for r in preferences.receivers}
    next_choice = dict.fromkeys(preferences.proposers, 0)
    free = list(preferences.proposers)
    while free:
        p = free.pop()
        choices = preferences.proposers[p]
        while next_choice[p] < len(choices):
            r = choices[next_choice[p]]
            next_choice[p] += 1
            rank_of_p = rank[r].get(p)
            if rank_of_p is None:  # she does not list him: not acceptable
                continue
            held = seats[r]
            if len(held) < preferences.capacity[r]:
                heapq.heappush(held, (-rank_of_p, p))
            elif rank_of_p < -held[0][0]:
                _, evicted = heapq.heapreplace(held, (-rank_of_p, p))
                match[evicted] = None
                free.append(evicted)
            else:
                continue
            match[p] = r
            break
    return match


def receivers_propose(preferences: Preferences) -> Matching:
    """A receiver with free seats offers them down her list; a proposer keeps his best offer,
    and the receiver he drops offers her freed seat further down."""
    rank = _ranks(preferences.proposers)
    match: Matching = dict.fromkeys(preferences.proposers)
    held = dict.fromkeys(preferences.receivers, 0)
    next_choice = dict.fromkeys(preferences.receivers, 0)
    offering = list(preferences.receivers)
    waiting = set(offering)
    while offering:
        r = offering.pop()
        waiting.discard(r)
        ranking = preferences.receivers[r]
        while held[r] < preferences.capacity[r] and next_choice[r] < len(ranking):
            p = ranking[next_choice[r]]
            next_choice[r] += 1
            rank_of_r = rank[p].get(r)
            if rank_of_r is None:  # he does not list her: not acceptable
                continue
            dropped = match[p]
            if dropped is not None and rank_of_r > rank[p][dropped]:
                continue
            match[p] = r
            held[r] += 1
            if dropped is not None:
                held[dropped] -= 1
                if dropped not in waiting:
                    waiting.add(dropped)
                    offering.append(dropped)
    return match


def deferred_acceptance(
    preferences: Preferences, proposing: Proposing = Proposing.PROPOSERS
) -> Matching:
    """The receiver of each proposer (None: unmatched), optimal for the proposing side."""
    if proposing == Proposing.PROPOSERS:
        return proposers_propose(preferences)
    return receivers_propose(preferences)


def blocking_pairs(preferences: Preferences, match: Matching) -> int:
    """Acceptable pairs who both prefer each other to what the matching gives them (0: stable),
    counted as the kernels count them (count_blocking_pairs)."""
    rank = _ranks(preferences.receivers)
    held: Counter[str] = Counter()
    worst: dict[str, int] = {}
    for p, r in match.items():
        if r is not None:
            held[r] += 1
            worst[r] = max(worst.get(r, -1), rank[r].get(p, -1))
    count = 0
    for p, choices in preferences.proposers.items():
        for r in choices:
            if r == match[p]:
                break
            rank_of_p = rank[r].get(p)
            if rank_of_p is not None and (
                held[r] < preferences.capacity[r] or rank_of_p < worst.get(r, -1)
            ):
                count += 1
    return count
