"""The officer's dashboard reads his community as the caps count it: its live visas against the
cap per 1,000 residents, the households at their cap, the sectors in use."""

from __future__ import annotations

import pytest

from vip.clock import today
from vip.communities.selectors import community_of_officer, dashboard, residents_matching
from vip.errors import NotFound
from vip.people import services as people
from vip.people.models import User

from tests.cast import active_visa, migrant, sponsor


def test_the_dashboard_counts_live_visas_households_and_sectors(story: dict[str, User]) -> None:
    authority, officer = story["authority"], story["officer"]
    anthony = story["anthony"]
    people.assign_household(user=officer, person_id=anthony.pk, household="12 Elm St")
    active_visa(anthony, story["bishal"])
    frank = sponsor(authority, "Frank")
    people.assign_household(user=officer, person_id=frank.pk, household="3 Oak Rd")
    active_visa(frank, migrant(authority, "Dawa"), sector="care")

    board = dashboard(officer, today())

    assert board.effect.live_visas == 2
    assert board.per_1000_cap == 1200  # 20 per 1,000 of 60,000 residents
    assert board.limits.max_per_household == 1
    assert [(h.household, h.live_visas, h.over) for h in board.households_at_cap] == [
        ("12 Elm St", 1, False),
        ("3 Oak Rd", 1, False),
    ]
    assert sorted((s.code, s.live_visas, s.allowed) for s in board.sectors) == [
        ("care", 1, True),
        ("construction", 1, True),
    ]


def test_only_an_officer_has_a_community_to_run(story: dict[str, User]) -> None:
    assert community_of_officer(story["officer"]).code == "springfield"
    for name in ("authority", "agency", "anthony", "bishal"):
        with pytest.raises(NotFound):
            dashboard(story[name], today())


def test_residents_are_found_by_part_of_a_name_or_an_address(story: dict[str, User]) -> None:
    officer = story["officer"]
    assert [p.full_name for p in residents_matching(officer, "anth")] == ["Anthony"]
    assert [p.full_name for p in residents_matching(officer, "SPARE ROOM")] == ["Anthony"]
    assert residents_matching(officer, "bishal") == []  # a migrant has no household here
    assert residents_matching(officer, "  ") == []
