"""The locustfile of `vip bench api` (loaded by locust only, in its own process: vip.bench.api).

The people it acts as and their bearer tokens are in the JSON file VIP_BENCH_API_CAST (written by
vip.bench.api.seed, with the run's first month of earnings). Each simulated user is one of them,
picked in turn; the tasks and their weights are vip.bench.api.MIX, every user also reading the
trivial endpoint (`GET /me`), the yardstick of the same stack in the same run.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from locust import HttpUser, TaskSet, between

from vip.bench.api import (
    CANDIDATES,
    EARNINGS,
    EVENT,
    EVENTS,
    MIX,
    MY_AGREEMENTS,
    MY_VISAS,
    OFFER,
    OPPORTUNITIES,
    PAGE,
    SIGN,
    TRIVIAL,
    VISA,
    earnings_report,
    event_report,
    offer_terms,
)

_CAST: dict[str, Any] = json.loads(Path(os.environ["VIP_BENCH_API_CAST"]).read_text())
_ROLES = {
    role: [p for p in _CAST["people"] if p["role"] == role]
    for role in ("sponsor", "signer", "migrant")
}
_NEXT = {role: itertools.cycle(people) for role, people in _ROLES.items()}
# A signer's offers go to his migrants in turn; a visa's months, each reported once, from the
# run's own first month (users sharing a person share his iterator: greenlets of one process).
_TARGETS = {id(p): itertools.cycle(p["targets"]) for p in _ROLES["signer"]}
_MONTHS = {p["visa"]: itertools.count(_CAST["months_from"]) for p in _ROLES["migrant"]}
TODAY = dt.datetime.now(dt.UTC).date()


def weighted(role: str, *tasks: Callable[..., Any]) -> list[TaskSet | Callable[..., Any]]:
    """The class's tasks, each as many times as its weight in MIX (where it has its name), as
    locust itself expands a {task: weight} dict."""
    return [t for t in tasks for _ in range(MIX[role][1][t.__name__].weight)]


class _Person(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)  # a person reads what he got before asking again
    role: str
    who: dict[str, Any]

    def on_start(self) -> None:
        self.who = next(_NEXT[self.role])

    def call(
        self, method: str, path: str, name: str, body: Any = None, token: str | None = None
    ) -> Any:
        """The reply's JSON, or None when it is not a success: a failure, reported with its
        status and reason code (`vip bench api` lists them)."""
        headers = {"Authorization": f"Bearer {token or self.who['token']}"}
        with self.client.request(
            method, f"/api/v1{path}", name=name, headers=headers, json=body, catch_response=True
        ) as reply:
            if reply.ok:
                return reply.json()
            try:
                reason = reply.json()["error"]["code"]
            except (ValueError, KeyError, TypeError):  # not the API's error: a proxy's, a crash
                reason = reply.text[:80] or str(reply.error or reply.reason)
            reply.failure(f"{reply.status_code} {reason}")
            return None

    def me(self) -> None:
        self.call("GET", "/me", TRIVIAL)


class Sponsor(_Person):
    """A verified sponsor ranking candidates for his open request."""

    weight = MIX["Sponsor"][0]
    role = "sponsor"

    def candidates(self) -> None:
        self.call("GET", f"/requests/{self.who['request']}/candidates?limit={PAGE}", CANDIDATES)

    tasks = weighted("Sponsor", _Person.me, candidates)


class Signer(_Person):
    """A sponsor who found his migrant: he offers the seeds' terms, signs, and so does she."""

    weight = MIX["Signer"][0]
    role = "signer"

    def offer(self) -> None:
        target = next(_TARGETS[id(self.who)])
        terms = offer_terms(target["id"], TODAY)
        offered = self.call("POST", "/agreements", OFFER, body=terms)
        if offered is not None:
            self.call("POST", f"/agreements/{offered['id']}/sign", SIGN)
            self.call("POST", f"/agreements/{offered['id']}/sign", SIGN, token=target["token"])

    tasks = weighted("Signer", _Person.me, offer)


class Migrant(_Person):
    """A migrant at work on his visa: his reads, his events, his months' earnings."""

    weight = MIX["Migrant"][0]
    role = "migrant"

    def opportunities(self) -> None:
        self.call("GET", "/me/opportunities", OPPORTUNITIES)

    def visas(self) -> None:
        self.call("GET", "/me/visas", MY_VISAS)

    def visa(self) -> None:
        self.call("GET", f"/visas/{self.who['visa']}", VISA)

    def agreements(self) -> None:
        self.call("GET", "/me/agreements", MY_AGREEMENTS)

    def event(self) -> None:
        for kind in EVENTS:
            body = event_report(kind, TODAY)
            self.call("POST", f"/visas/{self.who['visa']}/events", EVENT, body=body)

    def earnings(self) -> None:
        body = earnings_report(self.who["first_month"], next(_MONTHS[self.who["visa"]]))
        self.call("POST", f"/visas/{self.who['visa']}/earnings", EARNINGS, body=body)

    tasks = weighted("Migrant", _Person.me, opportunities, visas, visa, agreements, event, earnings)
