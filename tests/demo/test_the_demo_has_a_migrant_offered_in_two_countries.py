"""Rule 11 in the demo: Bishal states his earnings in rupees; Pemba, open to the US and Canada,
has an offer from Springfield in dollars and one from Maple Township in Canadian dollars."""

from __future__ import annotations

import pytest

from vip.agreements.models import Agreement
from vip.demo.extras import load_demo_extras
from vip.demo.people import MARKET_LOGINS, load_story, load_two_markets, loaded_logins
from vip.matching import indexes

from tests.demo.test_the_demo_has_work_in_every_queue import demo_law  # noqa: F401  (fixture)


@pytest.mark.usefixtures("demo_law")
def test_pemba_has_an_offer_from_springfield_and_one_from_maple_township(db: None) -> None:
    story = load_story()
    assert story["bishal"].migrant_profile.home_currency == "NPR"
    load_demo_extras(story)  # as `vip demo` loads them: the story, its extras, the two markets
    pemba = load_two_markets(story)["pemba"]
    offers = Agreement.objects.filter(migrant=pemba).select_related("sponsor__community")
    assert sorted(
        (o.sponsor.community.name, o.currency, o.stated_home_currency) for o in offers
    ) == [("Maple Township", "CAD", "NPR"), ("Springfield", "USD", "NPR")]
    live = indexes.current()
    assert all(live.jurisdictions[code].candidates.record(pemba.pk) for code in ("US", "CA"))
    assert loaded_logins()[-len(MARKET_LOGINS) :] == MARKET_LOGINS  # the landing page lists them
