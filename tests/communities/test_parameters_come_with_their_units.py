from __future__ import annotations

from tests.cast import Api


def test_every_parameter_is_served_with_its_unit_and_reference(db: None, api: Api) -> None:
    status, body = api.get("/jurisdictions/US/parameters?on=2026-06-01")
    assert status == 200
    assert set(body["meta"]) == set(body["parameters"])
    assert body["meta"]["disappearance.report_window_days"]["unit"] == "day"
    assert body["meta"]["gain_share.max_fraction"]["unit"] == "fraction"
    assert body["parameters"]["fine.crime"] == {"amount": 5_000_00, "currency": "USD"}
