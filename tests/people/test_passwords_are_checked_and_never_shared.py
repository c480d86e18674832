"""Django's password validators wherever a password is set, and a bulk intake gives every person
a password hash of his own."""

from __future__ import annotations

import pytest

from vip.demo import synthetic
from vip.errors import Invalid
from vip.people import services
from vip.people.models import User

from tests.cast import Api

SIGN_UP = {
    "email": "hari.sharma@example.org",
    "role": "sponsor",
    "full_name": "Hari Sharma",
    "birth_date": "1990-05-01",
    "country": "US",
}


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("short1", "PASSWORD_TOO_SHORT"),
        ("password123", "PASSWORD_TOO_WEAK"),  # common
        ("8402957163", "PASSWORD_TOO_WEAK"),  # only digits
        ("hari.sharma@example", "PASSWORD_TOO_WEAK"),  # like his e-mail
    ],
)
def test_sign_up_refuses_a_weak_password(db: None, api: Api, password: str, code: str) -> None:
    status, body = api.post("/accounts", {**SIGN_UP, "password": password})

    assert (status, body["error"]["code"]) == (422, code)


def test_createuser_uses_the_same_validators(db: None) -> None:
    with pytest.raises(Invalid) as refused:
        services.create_account(
            email="chief@vip.example",
            password="qwertyuiop",
            role="authority",
            full_name="Chief",
            birth_date=None,
            country="",
            by_operator=True,
        )
    assert refused.value.code == "PASSWORD_TOO_WEAK"


def test_a_bulk_intake_gives_each_person_his_own_hash(story: dict[str, User]) -> None:
    s, m = synthetic.people(5, 20, ["springfield"], seed=7)
    created = services.import_people(actor=story["authority"], sponsors=s, migrants=m)

    imported = User.objects.filter(email__in=[p["email"] for p in s + m])
    hashes = set(imported.values_list("password", flat=True))
    assert created == imported.count() == 25
    assert len(hashes) == 25
    assert not any(u.has_usable_password() for u in imported)
