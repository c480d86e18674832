"""Lists shown ten at a time: ?page=N, plain links. A ranked search (candidates, opportunities)
is asked for its offset and size; a query (the authority's queues) is sliced one row further, to
know whether more follow without counting them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

from vip.matching.ranking.ranked import Ranked
from vip.matching.services import Found

SIZE = 10
T = TypeVar("T")
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    previous: int | None
    next: int | None
    # The list's other parameters (its filters), kept by the links to the pages before and after.
    query: str = ""


def number_asked(request: HttpRequest) -> int:
    text = request.GET.get("page", "")
    return max(int(text), 1) if text.isdigit() else 1


def paged(request: HttpRequest, search: Callable[[int, int], Found]) -> Page[Ranked]:
    """The page asked for: the search is given its offset and size, and says whether more follow."""
    number = number_asked(request)
    found = search((number - 1) * SIZE, SIZE)
    return Page(
        items=found.results,
        number=number,
        previous=number - 1 if number > 1 else None,
        next=number + 1 if found.more else None,
    )


def sliced(request: HttpRequest, rows: QuerySet[M], size: int = SIZE) -> Page[M]:
    """The page asked for of an ordered query."""
    number = number_asked(request)
    start = (number - 1) * size
    found = list(rows[start : start + size + 1])
    return Page(
        items=found[:size],
        number=number,
        previous=number - 1 if number > 1 else None,
        next=number + 1 if len(found) > size else None,
        query=kept(request),
    )


def kept(request: HttpRequest) -> str:
    """The query string without its page, ending in "&" when not empty."""
    others = request.GET.copy()
    others.pop("page", None)
    text = others.urlencode()
    return f"{text}&" if text else ""
