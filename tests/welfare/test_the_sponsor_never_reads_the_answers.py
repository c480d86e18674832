"""What Bishal answers is his: his sponsor, the sponsor's agency and the community's officer find
neither his check-in nor his case, in a selector, a service, the sponsor's export or his notices."""

from __future__ import annotations

import json

import pytest

from vip.errors import DomainError
from vip.notifications.models import Notification
from vip.people.models import Role, User
from vip.privacy import services as privacy
from vip.welfare import selectors, services

from tests.cast import official
from tests.welfare.life import NOT_PAID, checkin_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(story: dict[str, User]) -> int:
    checkin = checkin_due(story["anthony"], story["bishal"])
    services.answer_checkin(user=story["bishal"], checkin_id=checkin.pk, answers=NOT_PAID)
    return checkin.pk


def others(story: dict[str, User]) -> list[User]:
    return [
        story["anthony"],
        story["agency"],
        official(story["authority"], "Olivia", Role.OFFICER, "springfield"),
        story["carol"],
    ]


def test_no_one_but_him_finds_the_checkin(story: dict[str, User], answered: int) -> None:
    assert selectors.visible_checkin(story["bishal"], answered).pk == answered
    for person in [*others(story), story["authority"]]:
        with pytest.raises(DomainError) as refused:
            selectors.visible_checkin(person, answered)
        assert refused.value.code == "WELFARE_CHECKIN_NOT_FOUND", person
        assert selectors.due_checkin(person) is None
        assert not selectors.cases_of_migrant(person).exists()


def test_the_sponsor_reads_no_case(story: dict[str, User], answered: int) -> None:
    case = selectors.queue(story["authority"]).get()
    for person in others(story):
        with pytest.raises(DomainError) as refused:
            services.read_case(reader=person, case_id=case.pk)
        assert refused.value.code == "ROLE_REQUIRED", person
        with pytest.raises(DomainError):
            selectors.queue(person)
        assert selectors.open_case_count(person) == 0


def test_the_sponsors_export_holds_nothing_of_it(story: dict[str, User], answered: int) -> None:
    anthony, bishal = story["anthony"], story["bishal"]

    his = json.dumps(privacy.export(user=bishal), default=str)
    sponsors = privacy.export(user=anthony)

    assert "My wages for November were not paid." in his
    assert not {"welfare.CheckIn", "welfare.Case"} & set(sponsors["records"])
    assert "November" not in json.dumps(sponsors, default=str)


def test_the_sponsor_is_told_nothing(story: dict[str, User], answered: int) -> None:
    kinds = set(Notification.objects.filter(person=story["anthony"]).values_list("kind", flat=True))
    assert not {"checkin_due", "welfare_case_changed"} & kinds
