"""Ranked lists (candidates, opportunities) shown ten at a time: ?page=N, plain links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from vip.matching.ranking.ranked import Ranked

SIZE = 10


@dataclass(frozen=True)
class Page:
    items: list[Ranked]
    number: int
    previous: int | None
    next: int | None


def paged(request: HttpRequest, fetch: Callable[[int], list[Ranked]]) -> Page:
    """The page asked for; one more than the page is fetched to know whether another follows."""
    text = request.GET.get("page", "")
    number = max(int(text), 1) if text.isdigit() else 1
    ranked = fetch(number * SIZE + 1)
    return Page(
        items=ranked[(number - 1) * SIZE : number * SIZE],
        number=number,
        previous=number - 1 if number > 1 else None,
        next=number + 1 if len(ranked) > number * SIZE else None,
    )
