"""The parameter reference (docs/parameters.md), written from the YAML so it cannot drift."""

from __future__ import annotations

from vip.policy.parameters import Jurisdiction, Parameter, Unit, jurisdictions
from vip.policy.rates import decimal_text, exchange_rates

INTRO = """# National parameters

What each parameter means, its unit and its reference are stated once, in
`src/vip/policy/parameters/schema.yaml`; each jurisdiction's values live in
`src/vip/policy/parameters/<CODE>.yaml` (a reference of its own, where it has one, too). Every
value is keyed by the date it takes effect, and lookup takes the latest date on or before the day
asked (OpenFisca's convention). A new jurisdiction is one values file. Money is in minor units of
the jurisdiction's currency (`currency_minor`). A reform or a pilot is a dict of overrides, checked
whole (unknown name, wrong unit, negative amount, fraction outside [0, 1]) before it applies. `vip
policy show US --on 2027-01-01` prints the values in force; this page is written by `vip policy
reference > docs/parameters.md`. `VIP_PARAMETER_OVERLAY` lays a file of dated values over these
(with its own reference, docs/deploy.md): `vip demo` lays `src/vip/demo/parameters.yaml`, the demo's
law, which sends Canada's applications to review before 2027 and asks the first US welfare
check-in on the day of arrival; the values below, the jurisdictions' own, are unchanged by it.

Values marked *illustrative* are this platform's assumptions for a pilot, not enacted law.
"""

COMMUNITY_RULES = """## Community rules

A community's limits live in the database (`CommunityRules`), each row effective from a date and
set only by the community's officer or the authority (`PUT /api/v1/communities/{code}/rules`):
`max_active_visas` (absolute cap on live visas), `max_per_1000_residents` (relative cap, whole
visas), `max_per_household`, `allowed_sectors` (null: every sector) and `open_zone` (a pilot
zone: no limits). When both caps are set the stricter applies. Live visas are those in review,
approved or active.
"""


WELFARE = """## Welfare check-ins

Rule 6 of the program: every worker protection but the minimum wage applies to a migrant worker
(Posner & Weyl, *Radical Markets*, 2018, ch. 3). The Homes for Ukraine placements that broke down
unseen, some guests becoming homeless, are the lesson: the platform itself asks, on a schedule.
A migrant on an active visa is asked a few private questions (paid as agreed? housing as agreed?
do they feel safe? were they charged a fee?) `welfare.first_checkin_days` after they arrive or move
to a new sponsor, then every `welfare.checkin_interval_days` (the value in force on the previous
check-in's due date). A worrying answer, or a check-in still unanswered
`welfare.checkin_grace_days` after its due date, opens a case in the authority's queue; the
migrant can write to the authority at any time, which opens one too. The sponsor never sees a
check-in or a case (`vip.welfare`, docs/portal.md).
"""


def shown(parameter: Parameter, currency: str) -> str:
    if parameter.unit == Unit.CURRENCY_MINOR:
        return "; ".join(f"{d}: {v / 100:,.2f} {currency}" for d, v in parameter.values)
    return "; ".join(f"{d}: {v}" for d, v in parameter.values)


def section(j: Jurisdiction) -> str:
    rows = [
        f"| `{p.name}` | {p.unit} | {shown(p, j.currency)} | {p.description} | {p.reference} |"
        for p in j.parameters.values()
    ]
    header = "| parameter | unit | values (from date: value) | description | reference |"
    return "\n".join(
        [
            f"## {j.name} ({j.code}, {j.currency})",
            "",
            header,
            "| --- | --- | --- | --- | --- |",
            *rows,
            "",
        ]
    )


EXCHANGE_RATES = """## Exchange rates

Rule 11 of the program: programs in several countries form one international market, each in
its own currency. A migrant states their home earnings (and their pay expectation) in their own
currency, any the platform knows; the rates between currencies are dated data with their source
in `src/vip/policy/rates.yaml`, looked up like the parameters (the latest date on or before the
day asked). `USD/NPR` quotes how many NPR one USD buys; the other way is its exact inverse, and a
pair is written once. Quotes are exact decimals (fractions in the code), never floats; a
conversion rounds half to even to the target currency's minor unit. A pair the file lacks is
refused with `EXCHANGE_RATE_UNKNOWN`.

An offer locks the rate in force on its day: the agreement states their home earnings in their
currency, the rate, the day its quote took effect and its source, and the baseline converted
into the host's currency, from which the gain share is computed; a later quote changes no
agreement.
"""


def rates_section() -> str:
    rows = [
        f"| `{q.base}/{q.target}` | "
        + "; ".join(f"{d}: {decimal_text(v)}" for d, v in q.values)
        + f" | {q.source} |"
        for q in exchange_rates().pairs.values()
    ]
    header = "| pair | 1 unit of the first buys (from date: value) | source |"
    return "\n".join([EXCHANGE_RATES, header, "| --- | --- | --- |", *rows, ""])


def markdown() -> str:
    sections = [section(j) for j in jurisdictions().values()]
    return "\n".join([INTRO, *sections, COMMUNITY_RULES, WELFARE, rates_section()])
