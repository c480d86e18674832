"""Every worker protection but the minimum wage applies: complaints reach the authority."""

from __future__ import annotations

from vip.people.models import User

from tests.cast import Api, active_visa, migrant

World = dict[str, User]


def test_bishal_complains_about_safety_and_the_authority_sees_it(story: World, api: Api) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    status, filed = api.post(
        f"/visas/{visa.pk}/complaints",
        {"category": "safety", "text": "No helmet on the site."},
        as_=story["bishal"],
    )
    assert status == 201
    status, seen = api.get("/complaints", as_=story["authority"])
    assert [c["id"] for c in seen] == [filed["id"]]
    assert api.get("/complaints", as_=story["anthony"])[0] == 403


def test_a_stranger_cannot_complain_about_someone_elses_visa(story: World, api: Api) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    dawa = migrant(story["authority"], "Dawa")
    status, body = api.post(
        f"/visas/{visa.pk}/complaints", {"category": "abuse", "text": "..."}, as_=dawa
    )
    assert (status, body["error"]["code"]) == (404, "VISA_NOT_FOUND")


def test_each_party_lists_only_his_own_visas(story: World, api: Api) -> None:
    visa = active_visa(story["anthony"], story["bishal"])
    assert [v["id"] for v in api.get("/me/visas", as_=story["bishal"])[1]] == [visa.pk]
    assert api.get("/me/visas", as_=story["carol"])[1] == []
