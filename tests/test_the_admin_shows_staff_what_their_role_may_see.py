"""/admin/ is a read-only window for staff: the authority opens the index and every model's list
and record; an officer and an agency see only their part; a sponsor or a migrant has no access."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings
from django.contrib import admin
from django.db.models import Model
from django.test import Client, TestCase, override_settings
from django.urls import reverse

from vip.visas.models import Visa

from tests.api.world import FAST_HASHERS, World, build_world

pytestmark = pytest.mark.database

NO_PERMISSION = "have permission to view or edit anything"


def models() -> list[type[Model]]:
    """The admin's pages, as the URLs leave them (vip.urls keeps the platform's records only)."""
    import_module(settings.ROOT_URLCONF)
    return sorted(admin.site._registry, key=lambda m: m._meta.label)


def list_url(model: type[Model]) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def record_url(record: Model) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


@override_settings(PASSWORD_HASHERS=FAST_HASHERS)
class TheAdminShowsStaffWhatTheirRoleMaySee(TestCase):
    world: World

    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()

    def client_for(self, role: str) -> Client:
        client = Client()
        client.force_login(self.world.people[role])
        return client

    def test_the_authority_opens_the_index_with_every_model(self) -> None:
        response = self.client_for("authority").get("/admin/")

        assert response.status_code == 200
        page = response.content.decode()
        assert NO_PERMISSION not in page
        labels = {m._meta.label for m in models()}
        assert labels == {"audit.AuditEvent", "communities.Community", "people.User", "visas.Visa"}
        assert all(list_url(model) in page for model in models())

    def test_the_authority_opens_every_models_list_and_a_record_read_only(self) -> None:
        client = self.client_for("authority")
        for model in models():
            assert client.get(list_url(model)).status_code == 200, model
            record = model._default_manager.order_by("pk").first()
            assert record is not None, model
            page = client.get(record_url(record))
            assert page.status_code == 200, model
            assert b'name="_save"' not in page.content, model
            assert client.post(record_url(record), {}).status_code == 403, model

    def test_a_sponsor_or_a_migrant_has_no_access(self) -> None:
        for role in ("anthony", "bishal"):
            client = self.client_for(role)
            for url in ["/admin/", *map(list_url, models()), record_url(self.world.visa)]:
                response = client.get(url)
                assert response.status_code == 302, (role, url)
                assert response["Location"].startswith(reverse("admin:login")), (role, url)

    def test_an_officer_sees_his_communitys_visas_and_not_the_audit_log(self) -> None:
        oscar, rita = self.client_for("officer"), self.client_for("rita")
        visas = Visa.objects.filter(community__code="springfield")

        assert visas.exists()
        for visa in visas:
            assert oscar.get(record_url(visa)).status_code == 200
            assert rita.get(record_url(visa)).status_code == 302  # not found: back to the index
        audit_log = list_url(next(m for m in models() if m._meta.label == "audit.AuditEvent"))
        assert oscar.get(audit_log).status_code == 403
        assert audit_log not in oscar.get("/admin/").content.decode()

    def test_an_agency_finds_its_clients_and_nobody_else(self) -> None:
        agency = self.client_for("agency")
        people = list_url(type(self.world.people["anthony"]))

        page = agency.get(people).content.decode()

        assert self.world.people["anthony"].email in page
        assert self.world.people["carol"].email not in page
        assert agency.get(record_url(self.world.people["carol"])).status_code == 302
        assert agency.get(record_url(self.world.visa)).status_code == 200
        assert agency.get(record_url(self.world.review)).status_code == 302
