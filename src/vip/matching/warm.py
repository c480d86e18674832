"""The ranking made ready before the first person asks (issue 13's cold start).

A server calls `warm_up` once before it answers: numba loads the compiled ranking kernels from
its cache (compiling them into the cache on the very first start, which takes seconds), and the
live indexes are built from the database. Without it the first `candidates` or `opportunities`
after a start paid for both."""

from __future__ import annotations

from vip.matching import indexes, selectors
from vip.matching.models import SponsorshipRequest
from vip.people.models import MigrantProfile


def warm_up() -> None:
    """Build the indexes and run one query of each kind through the same path as a person's."""
    indexes.current()
    request = SponsorshipRequest.objects.order_by("pk").values_list("pk", flat=True).first()
    if request is not None:
        selectors.candidates(request, 1)
    migrant = MigrantProfile.objects.order_by("pk").values_list("user_id", flat=True).first()
    if migrant is not None:
        selectors.opportunities(migrant, 1)
