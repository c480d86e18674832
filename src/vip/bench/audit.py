"""`vip bench audit`: audited writes per second with 16 concurrent writers on PostgreSQL, all in
one jurisdiction, next to the same writers spread over four.

Each writer is a thread with its own connection, calling a real service in a loop for a fixed
time: `people.read_verifications`, which reads the person's own verifications in one durable
transaction and appends one audit event (a sensitive read). Its chain is the writer's
community's jurisdiction (audit/services.py): in one jurisdiction every append waits on the one
head row, in four they queue on four. The ratio is the four's events per second over the one's;
with a single chain for the country (before the chains were split) it stays near 1. Wall-clock
seconds, in a scratch database (`vip_bench_audit`) on VIP_BENCH_DATABASE_URL's server, migrated,
filled and dropped; the log is verified at the end.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from vip.bench.database import reachable, scratch_database
from vip.bench.matching import Figure

SCRATCH = "vip_bench_audit"
WRITERS = 16
JURISDICTIONS = ("B1", "B2", "B3", "B4")


@dataclass(frozen=True)
class AppendRun:
    events: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.events / self.seconds


def _writers(spread: int, offset: int) -> list[int]:
    """WRITERS sponsors, each in a community of one of the first `spread` jurisdictions, each
    with a health finding recorded (so that reading his own verifications is audited)."""
    from vip.communities.models import Community, Jurisdiction
    from vip.people import services as people
    from vip.people.models import Role, User, VerificationKind, VerificationResult

    authority = User.objects.filter(role=Role.AUTHORITY).first() or User.objects.create(
        username="authority@bench.example", email="authority@bench.example", role=Role.AUTHORITY
    )
    communities = []
    for code in JURISDICTIONS[:spread]:
        jurisdiction, _ = Jurisdiction.objects.get_or_create(
            code=code, defaults={"name": f"Bench {code}", "currency": "USD"}
        )
        community, _ = Community.objects.get_or_create(
            code=f"bench-{code}",
            defaults={"name": f"Bench {code}", "jurisdiction": jurisdiction, "population": 1000},
        )
        communities.append(community)
    ids = []
    for i in range(WRITERS):
        email = f"writer{offset + i}@bench.example"
        user = User.objects.create(
            username=email, email=email, role=Role.SPONSOR, community=communities[i % spread]
        )
        people.record_verification(
            authority=authority,
            person_id=user.pk,
            kind=VerificationKind.HEALTH,
            result=VerificationResult.CLEAR,
        )
        ids.append(user.pk)
    return ids


def _run(ids: list[int], seconds: float) -> AppendRun:
    """Every writer calls the service until the time is up; the events they appended."""
    from django.db import connection

    from vip.audit.models import AuditEvent
    from vip.people import services as people
    from vip.people.models import User

    start_line = threading.Barrier(len(ids) + 1)
    counts = [0] * len(ids)
    errors: list[BaseException] = []

    def write(slot: int, pk: int) -> None:
        try:
            user = User.objects.get(pk=pk)
            start_line.wait()
            deadline = time.perf_counter() + seconds
            while time.perf_counter() < deadline:
                people.read_verifications(reader=user, person_id=pk)
                counts[slot] += 1
        except BaseException as error:  # reported after the run
            errors.append(error)
        finally:
            connection.close()

    before = AuditEvent.objects.count()
    threads = [threading.Thread(target=write, args=(i, pk)) for i, pk in enumerate(ids)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise RuntimeError(f"a writer failed: {errors[0]!r}")
    appended = AuditEvent.objects.count() - before
    if appended != sum(counts):
        raise RuntimeError(f"{appended} events appended for {sum(counts)} calls")
    return AppendRun(appended, elapsed)


def throughput_on_postgres(quick: bool) -> list[Figure]:
    if not reachable():
        return []
    seconds = 4.0 if quick else 15.0
    with scratch_database(SCRATCH):
        one = _writers(1, 0)
        four = _writers(len(JURISDICTIONS), WRITERS)
        _run(one[:4], 1.0)  # warm: the connections, the plans, the heads' rows
        single = _run(one, seconds)
        spread = _run(four, seconds)
        from vip.audit.models import AuditHead
        from vip.audit.services import verify

        report = verify()
        if not report.ok:
            raise RuntimeError(f"the audit log does not verify: {report.problem}")
        chains = AuditHead.objects.count()
    size = f"{WRITERS} writers, {seconds:.0f} s each case, PostgreSQL"
    note = (
        f"{spread.per_second:,.0f} vs {single.per_second:,.0f} audited writes/s"
        f" ({spread.events:,} and {single.events:,} events); the log verified after,"
        f" {report.events:,} events in {chains} head row(s)"
    )
    return [
        Figure(
            f"audited writes, {WRITERS} writers in {len(JURISDICTIONS)} jurisdictions (wall)",
            size,
            1 / spread.per_second,
            f"the same {WRITERS} writers in one jurisdiction (s per event)",
            1 / single.per_second,
            note,
        )
    ]


def run(quick: bool) -> list[Figure]:
    return throughput_on_postgres(quick)
