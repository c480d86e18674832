"""A round's typed rank lists, solved with integer ids, give the matching `vip match solve`
gives for the same lists as JSON, on either side proposing."""

from __future__ import annotations

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from vip.bench.synthetic import random_preferences
from vip.matching.clearinghouse.instance import Preferences, solve
from vip.matching.clearinghouse.rounds import (
    Listed,
    MigrantList,
    RequestList,
    RoundLists,
    stable_pairs,
)
from vip.matching.clearinghouse.sides import Proposing


def _as_round(p: Preferences) -> RoundLists:
    """Migrants p<i> become i, requests r<j> become 1000 + j (sponsor 2000 + j), one seat each;
    scores follow the request's order, best first."""

    def number(pid: str) -> int:
        return int(pid[1:]) + (1000 if pid[0] == "r" else 0)

    requests = tuple(
        RequestList(
            number(r),
            number(r) + 1000,
            tuple(Listed(number(m), 1 - i / 100) for i, m in enumerate(ranking)),
        )
        for r, ranking in p.receivers.items()
    )
    migrants = tuple(
        MigrantList(number(m), tuple(number(r) for r in ranked))
        for m, ranked in p.proposers.items()
    )
    return RoundLists(requests, migrants)


@seed(4003)
@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(0, 25),
    st.integers(0, 10),
    st.sampled_from(["proposers", "receivers"]),
)
def test_a_rounds_pairs_are_the_contracts_matching_with_integer_ids(
    market_seed: int, n_migrants: int, n_requests: int, proposing: Proposing
) -> None:
    drawn = random_preferences(market_seed, n_migrants, n_requests, 5, max_capacity=1, mutual=True)
    expected = solve(drawn, proposing)
    matching = stable_pairs(_as_round(drawn), proposing)
    assert matching.blocking_pairs == expected["blocking_pairs"] == 0
    assert {(p.migrant, p.request, p.sponsor) for p in matching.pairs} == {
        (int(m[1:]), 1000 + int(r[1:]), 2000 + int(r[1:]))
        for m, r in expected["matches"].items()
        if r is not None
    }
    assert [p.migrant for p in matching.pairs] == sorted(p.migrant for p in matching.pairs)
