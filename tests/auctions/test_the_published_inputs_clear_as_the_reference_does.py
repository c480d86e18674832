"""What the platform stores and `vip auction verify` recomputes (the published inputs, read back
from their JSON) clears as the brute-force reference does; the seed checks against its
commitment, and another seed does not pass for it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vip.auctions import rules
from vip.auctions.clearing import Rule, seed_commitment

from tests.auctions.reference import brute_force


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.integers(min_value=1, max_value=9), max_size=40),
    quota=st.integers(min_value=1, max_value=45),
    reserve=st.integers(min_value=0, max_value=8),
    rule=st.sampled_from(Rule),
    seed=st.text(max_size=12),
    other=st.text(max_size=12),
)
def test_the_published_inputs_clear_as_the_reference_and_the_seed_is_committed(
    values: list[int], quota: int, reserve: int, rule: Rule, seed: str, other: str
) -> None:
    bids = [(f"r{i:04x}", amount) for i, amount in enumerate(values)]
    inputs = rules.published_inputs(quota, reserve, rule, seed, bids)
    result = rules.recompute(inputs)
    expected = brute_force(bids, quota, reserve, rule, seed)
    assert (result["price"], result["winners"]) == (expected.price, expected.winners)
    assert result["rejected_below_reserve"] == expected.rejected_below_reserve
    assert rules.result_hash(result) == rules.result_hash(rules.recompute(inputs))
    commitment = seed_commitment(seed)
    assert (seed_commitment(other) == commitment) == (other == seed)
