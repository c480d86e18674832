"""The locustfile of `vip bench api` (loaded by locust only, in its own process: vip.bench.api).

The people it acts as and their bearer tokens are in the JSON file VIP_BENCH_API_CAST (written by
vip.bench.api.seed). Each simulated user is one of them, picked in turn; every user also reads the
trivial endpoint (`GET /me`), the yardstick of the same stack in the same run.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

from vip.bench.api import TRIVIAL

_CAST: list[dict[str, Any]] = json.loads(Path(os.environ["VIP_BENCH_API_CAST"]).read_text())[
    "people"
]
_SPONSORS = itertools.cycle([p for p in _CAST if p["role"] == "sponsor"])
_MIGRANTS = itertools.cycle([p for p in _CAST if p["role"] == "migrant"])


class _Person(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)  # a person reads what he got before asking again
    who: dict[str, Any]

    def get(self, path: str, name: str) -> None:
        self.client.get(
            f"/api/v1{path}", name=name, headers={"Authorization": f"Bearer {self.who['token']}"}
        )

    @task(2)
    def me(self) -> None:
        self.get("/me", TRIVIAL)


class Sponsor(_Person):
    weight = 1

    def on_start(self) -> None:
        self.who = next(_SPONSORS)

    @task(4)
    def candidates(self) -> None:
        self.get(f"/requests/{self.who['request']}/candidates?limit=20", "GET candidates")


class Migrant(_Person):
    weight = 3

    def on_start(self) -> None:
        self.who = next(_MIGRANTS)

    @task(2)
    def opportunities(self) -> None:
        self.get("/me/opportunities", "GET /me/opportunities")

    @task(1)
    def visas(self) -> None:
        self.get("/me/visas", "GET /me/visas")

    @task(1)
    def agreements(self) -> None:
        self.get("/me/agreements", "GET /me/agreements")
