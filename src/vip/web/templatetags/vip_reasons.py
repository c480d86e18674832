"""A ranking's reasons in the person's language: the portal's sentence for each kind of reason
(`ranked.Why`), languages and countries named by Babel; the other vocabularies' labels (sectors,
interests, religions) as the jurisdiction states them."""

from __future__ import annotations

from django import template
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from vip.matching.ranking.ranked import MatchReason, Why
from vip.matching.ranking.records import Housing, Level
from vip.web.forms import HOUSING_WORDS, LEVEL_WORDS
from vip.web.templatetags.vip_format import country, language_name, number

register = template.Library()

SENTENCES: dict[Why, Promise] = {
    Why.SPEAKS: _("Speaks %(label)s (%(level)s)"),
    Why.YEARS_IN: _("%(years)s in %(label)s"),
    Why.CLEAN_RECORD: _("Verified clean record"),
    Why.HEALTH_CLEARANCE: _("Verified health clearance"),
    Why.BOTH_SPEAK: _("Both speak %(label)s"),
    Why.HERITAGE: _("Shared heritage: %(label)s"),
    Why.RELIGION: _("Same religion: %(label)s"),
    Why.INTEREST: _("Both like %(label)s"),
    Why.MORE_EXPERIENCE: _("%(years)s more experience than asked"),
    Why.PAY_MEETS: _("The pay meets the worker's expectation"),
    Why.PAY_SHARE: _("The pay is %(number)s%% of the worker's expectation"),
    Why.HOUSING_MEETS: _("The housing meets the worker's need (%(label)s)"),
    Why.HOUSING_SHORT: _("The housing is short of the worker's need (%(label)s)"),
}


def _label(reason: MatchReason) -> str:
    if reason.why in (Why.SPEAKS, Why.BOTH_SPEAK):
        return language_name(reason.code)
    if reason.why == Why.HERITAGE:
        return country(reason.code)
    if reason.why in (Why.HOUSING_MEETS, Why.HOUSING_SHORT):
        return str(HOUSING_WORDS[Housing(reason.code)])
    return reason.label


@register.filter
def reason(reason: MatchReason) -> str:
    """One reason worded in the request's language."""
    years = ngettext("%(n)s year", "%(n)s years", reason.number) % {"n": number(reason.number)}
    level = str(LEVEL_WORDS[Level(reason.level)]) if reason.level else ""
    return str(SENTENCES[reason.why]) % {
        "label": _label(reason),
        "level": level,
        "number": number(reason.number),
        "years": years,
    }
