"""The decision page gives each reason's message in the person's language, its code, and the
parameter it rests on with the value in force the day it was decided, formatted for the locale."""

from __future__ import annotations

from django.test import Client

from vip.people.models import User
from vip.visas import services
from vip.visas.models import Visa

from tests.cast import signed_agreement


def test_the_decision_shows_each_reason_with_its_parameter(story: dict[str, User]) -> None:
    anthony = story["anthony"]
    agreement = signed_agreement(anthony, story["bishal"])
    visa = services.apply(user=anthony, agreement_id=agreement.pk, insurance=None)
    reasons = [
        *visa.reasons,
        {"code": "PAY_BELOW_FLOOR", "message": "Annual pay ...", "parameter": "pay.floor_annual"},
    ]
    Visa.objects.filter(pk=visa.pk).update(reasons=reasons)  # as a lower pay would have been
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.force_login(anthony)

    page = client.get(f"/sponsor/visas/{visa.pk}/decision/").content.decode()

    assert "Debe tener un seguro médico básico para el trabajador." in page
    assert "INSURANCE_MISSING" in page
    assert "El sueldo es inferior al mínimo que permite la ley." in page
    assert "pay.floor_annual" in page
    assert "10.000,00\xa0US$" in page  # the floor in force, as Spanish writes money
