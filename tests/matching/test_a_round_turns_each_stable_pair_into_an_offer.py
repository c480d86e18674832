"""`vip match round --cohort NAME`: an open pilot zone's launch, matched on the database."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from vip.agreements.models import Agreement
from vip.audit.models import AuditEvent
from vip.cli import app
from vip.communities.models import Community
from vip.matching import services as matching
from vip.matching.clearinghouse.instance import Preferences, solve
from vip.matching.models import MatchRound
from vip.matching.ranking.records import Level, SoftCriterion
from vip.matching.services import LanguageNeed, RequestCriteria, SectorNeed
from vip.money import Money
from vip.people.models import Role, User

from tests.matching.demo import demo_world

TERMS = RequestCriteria(
    languages=(LanguageNeed("en", Level.B1),),
    sectors=(SectorNeed("agriculture", 0),),
    annual_pay=Money(30_000_00, "USD"),
    duration_months=24,
    gain_share="1/3",
    soft_criteria=(SoftCriterion.PAY,),  # most demo migrants wish for it: their pairs score above 0
)


def riverside_requests() -> list[int]:
    sponsors = User.objects.filter(role=Role.SPONSOR, community__code="riverside").order_by("pk")
    return [matching.create_request(user=s, sponsor=s, criteria=TERMS).pk for s in sponsors[:12]]


def round_json(*options: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["match", "round", "--cohort", "riverside", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_migrant_proposing_round_makes_stable_offers_both_sides_must_sign(db: None) -> None:
    demo_world(sponsors=40, migrants=400)
    requests = riverside_requests()
    out = round_json("--json")
    held = MatchRound.objects.get(pk=out["round"])
    assert (held.cohort, held.proposing, held.run_by.role) == ("riverside", "migrants", "authority")
    assert held.pairs and held.pairs == out["pairs"]
    assert len({p["migrant"] for p in held.pairs}) == len(held.pairs)
    assert {p["request"] for p in held.pairs} <= set(requests)
    for pair in held.pairs:
        offer = Agreement.objects.get(pk=pair["agreement"])
        assert (offer.status, offer.sponsor_signed_at, offer.migrant_signed_at) == (
            "offered",
            None,
            None,
        )
        assert (offer.sponsor_id, offer.migrant_id) == (pair["sponsor"], pair["migrant"])
        assert (offer.annual_pay, offer.duration_months, offer.sector) == (
            30_000_00,
            24,
            "agriculture",
        )
        assert (offer.gain_share_numerator, offer.gain_share_denominator) == (1, 3)
    assert AuditEvent.objects.filter(action="match.round", object_id=str(held.pk)).exists()


def test_the_rounds_matching_is_stable_for_the_rankings_rank_lists(db: None) -> None:
    demo_world(sponsors=40, migrants=400)
    riverside_requests()
    lists = matching.round_lists(Community.objects.get(code="riverside"))
    held = matching.run_round(authority=User.objects.get(role="authority"), cohort="riverside")
    preferences = Preferences(  # the same lists through `vip match solve`'s contract
        proposers={str(m.migrant): [str(r) for r in m.requests] for m in lists.migrants},
        receivers={str(r.request): [str(x.migrant) for x in r.listed] for r in lists.requests},
        capacity={str(r.request): 1 for r in lists.requests},
    )
    expected = solve(preferences)
    assert expected["stable"]
    assert {(str(p["migrant"]), str(p["request"])) for p in held.pairs} == {
        (m, r) for m, r in expected["matches"].items() if r is not None
    }


def test_sponsors_may_propose_instead(db: None) -> None:
    demo_world(sponsors=40, migrants=400)
    riverside_requests()
    out = round_json("--proposing", "sponsors", "--json")
    assert out["proposing"] == "sponsors"
    assert MatchRound.objects.get(pk=out["round"]).pairs == out["pairs"]


def test_an_unknown_cohort_is_a_clear_error(db: None) -> None:
    demo_world(sponsors=0, migrants=0)
    result = CliRunner().invoke(app, ["match", "round", "--cohort", "atlantis"])
    assert result.exit_code == 2
    assert "no community 'atlantis'" in result.stderr
