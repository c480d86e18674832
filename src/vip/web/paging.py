"""Ranked lists (candidates, opportunities) shown ten at a time: ?page=N, plain links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from vip.matching.ranking.ranked import Ranked
from vip.matching.services import Found

SIZE = 10


@dataclass(frozen=True)
class Page:
    items: list[Ranked]
    number: int
    previous: int | None
    next: int | None


def paged(request: HttpRequest, search: Callable[[int, int], Found]) -> Page:
    """The page asked for: the search is given its offset and size, and says whether more follow."""
    text = request.GET.get("page", "")
    number = max(int(text), 1) if text.isdigit() else 1
    found = search((number - 1) * SIZE, SIZE)
    return Page(
        items=found.results,
        number=number,
        previous=number - 1 if number > 1 else None,
        next=number + 1 if found.more else None,
    )
