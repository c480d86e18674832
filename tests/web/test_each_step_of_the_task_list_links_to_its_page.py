"""The sponsor's task list links each step he takes in the portal to its page and says what is
done and what comes next; the migrant's links his visa."""

from __future__ import annotations

from vip.people.models import User
from vip.web.selectors import DONE, LATER, TO_DO, WorkspaceTask, migrant_tasks, sponsor_tasks

from tests.cast import active_visa, signed_agreement


def steps(tasks: list[WorkspaceTask]) -> dict[str, tuple[str, str]]:
    return {str(t.name): (t.state, t.url) for t in tasks}


def test_a_signed_agreement_makes_insurance_and_the_application_next(
    story: dict[str, User],
) -> None:
    agreement = signed_agreement(story["anthony"], story["bishal"])
    found = steps(sponsor_tasks(story["anthony"]))
    assert found["Health insurance"] == (TO_DO, f"/sponsor/agreements/{agreement.pk}/insurance/")
    assert found["Visa application"] == (
        TO_DO,
        f"/sponsor/agreements/{agreement.pk}/application/",
    )
    assert found["Visa"] == (LATER, "")


def test_an_active_visa_links_the_visa_and_the_money(story: dict[str, User]) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    found = steps(sponsor_tasks(story["anthony"]))
    assert found["Health insurance"][0] == found["Visa application"][0] == DONE
    assert found["Visa"] == (DONE, f"/sponsor/visas/{visa.pk}/")
    assert found["Obligations"][1] == "/sponsor/money/"
    assert steps(migrant_tasks(story["bishal"]))["Visa"] == (DONE, f"/migrant/visas/{visa.pk}/")
