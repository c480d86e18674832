"""The pages the portal takes from allauth as they are (the second factor, re-authentication)
speak Nepali too: allauth has none; the portal keeps its words (web/allauth_words)."""

from __future__ import annotations

from django.test import Client

from vip.people.models import User


def test_the_second_factor_page_is_in_nepali(story: dict[str, User]) -> None:
    client = Client()
    client.force_login(story["anthony"])

    page = client.get("/accounts/2fa/", HTTP_ACCEPT_LANGUAGE="ne").content.decode()

    assert "प्रमाणक एप" in page
    assert "Authenticator App" not in page


def test_re_authentication_asks_for_the_password_in_nepali(story: dict[str, User]) -> None:
    client = Client()
    client.force_login(story["anthony"])

    page = client.get("/accounts/2fa/totp/activate/", HTTP_ACCEPT_LANGUAGE="ne", follow=True)

    text = page.content.decode()
    assert "आफ्नो खाता सुरक्षित राख्न फेरि प्रमाणित गर्नुहोस्।" in text
    assert "Please reauthenticate" not in text
