"""Who proposes. A market has proposers and receivers; a round's lists make the migrants the
proposers and the sponsors' requests the receivers (docs/matching.md). Without numba or Django,
so the commands and the models may read them."""

from __future__ import annotations

from enum import StrEnum


class Proposing(StrEnum):
    """The side of a market that proposes in deferred acceptance."""

    PROPOSERS = "proposers"
    RECEIVERS = "receivers"


class RoundSide(StrEnum):
    """The side of a round that proposes; the migrants by default (strategy-proof for them)."""

    MIGRANTS = "migrants"
    SPONSORS = "sponsors"

    @property
    def proposing(self) -> Proposing:
        return Proposing.PROPOSERS if self is RoundSide.MIGRANTS else Proposing.RECEIVERS
