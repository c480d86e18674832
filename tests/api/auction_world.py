"""Auctions for the API's access matrix, made in the state an endpoint needs when its row's target
is asked for (each test rolls back): Bishal registered, bidding, winning, paying."""

from __future__ import annotations

from vip.auctions import services
from vip.auctions.models import Registration
from vip.people.models import User

from tests.api.world import World
from tests.auctions.life import elapse, in_registration, terms, usd
from tests.auctions.seats import cover
from tests.cast import migrant

CODE = "US-API"


def authority(w: World) -> User:
    return w.people["authority"]


def scheduled(w: World) -> str:
    """Its registration due to open."""
    return services.create_auction(authority=authority(w), terms=terms(code=CODE)).code


def registering(w: World) -> str:
    return in_registration(authority(w), code=CODE).code


def register(w: World, code: str, *, by_agency: bool = False, document: str = "PA-1") -> int:
    bishal = w.people["bishal"]
    return services.register(
        user=w.people["agency"] if by_agency else bishal,
        code=code,
        document_country="NP",
        document_number=document,
        beneficiary_id=bishal.pk if by_agency else None,
    ).pk


def _move(code: str, hours: int) -> None:
    from vip.auctions.selectors import auction_by_code

    elapse(auction_by_code(code), hours)


def bidding_due(w: World) -> str:
    code = registering(w)
    _move(code, 2)
    return code


def bidding(w: World, *, bid: bool = False) -> tuple[str, int]:
    code = registering(w)
    pk = register(w, code)
    _move(code, 2)
    services.open_bidding(actor=authority(w), code=code)
    if bid:
        services.place_bid(user=w.people["bishal"], registration_id=pk, amount=usd(2000_00))
    return code, pk


def closing_due(w: World) -> str:
    code, _ = bidding(w, bid=True)
    _move(code, 1)
    return code


def closed(w: World) -> str:
    code = closing_due(w)
    services.close_bidding(actor=authority(w), code=code)
    return code


def won(w: World) -> tuple[str, int]:
    """Cleared, Bishal alone: his seat offered at the reserve."""
    code = closed(w)
    services.clear_auction(actor=authority(w), code=code)
    return code, Registration.objects.get(auction__code=code).pk


def paid(w: World) -> int:
    _, pk = won(w)
    services.record_payment(authority=authority(w), registration_id=pk)
    return pk


def settling(w: World) -> str:
    """Cleared, and Bishal's visa decided (refused: he holds one already), so it may settle."""
    code, pk = won(w)
    services.record_payment(authority=authority(w), registration_id=pk)
    services.issue_visa(authority=authority(w), registration_id=pk, insurance=cover())
    return code


def flagged_bishal(w: World) -> int:
    """Bishal's registration, with the passport another account registered before."""
    code = registering(w)
    ram = migrant(authority(w), "Ram")
    services.register(user=ram, code=code, document_country="NP", document_number="PA-1")
    return register(w, code)
