"""Random markets with an explicit seed, for the property tests and the benchmarks."""

from __future__ import annotations

import numpy as np

from vip.matching.instance import Preferences


def random_preferences(
    seed: int,
    n_proposers: int,
    n_receivers: int,
    max_list: int,
    max_capacity: int = 3,
    mutual: bool = False,
) -> Preferences:
    """Incomplete lists of unequal length; `mutual` makes receivers rank exactly who ranked them.

    Otherwise each receiver ranks a random subset of all proposers, so some pairs are listed by
    one side only (not acceptable) — the case the contract's acceptability rule is about.
    """
    rng = np.random.default_rng(seed)
    proposer_ids = [f"p{i}" for i in range(n_proposers)]
    receiver_ids = [f"r{j}" for j in range(n_receivers)]
    proposers = {
        pid: [receiver_ids[j] for j in _random_list(rng, n_receivers, max_list)]
        for pid in proposer_ids
    }
    if mutual:
        suitors: dict[str, list[str]] = {rid: [] for rid in receiver_ids}
        for pid, prefs in proposers.items():
            for rid in prefs:
                suitors[rid].append(pid)
        receivers = {rid: [ps[i] for i in rng.permutation(len(ps))] for rid, ps in suitors.items()}
    else:
        receivers = {
            rid: [proposer_ids[i] for i in _random_list(rng, n_proposers, n_proposers)]
            for rid in receiver_ids
        }
    capacity = {rid: int(rng.integers(1, max_capacity + 1)) for rid in receiver_ids}
    return Preferences(proposers, receivers, capacity)


def _random_list(rng: np.random.Generator, n: int, max_len: int) -> list[int]:
    length = int(rng.integers(0, min(n, max_len) + 1))
    return [int(i) for i in rng.choice(n, size=length, replace=False)]
