from __future__ import annotations

import subprocess
import sys

MODULES = [
    "vip.matching.ranking.candidates",
    "vip.matching.clearinghouse.deferred_acceptance",
    "vip.matching.ranking.index",
    "vip.matching.clearinghouse.instance",
    "vip.matching.ranking.kernels",
    "vip.matching.clearinghouse.market",
    "vip.matching.clearinghouse.packed",
    "vip.matching.clearinghouse.plain",
    "vip.matching.clearinghouse.rounds",
    "vip.matching.clearinghouse.sides",
    "vip.matching.ranking.opportunities",
    "vip.matching.ranking.pairs",
    "vip.matching.ranking.scoring",
    "vip.bench.oracles",
    "vip.bench.synthetic",
]


def test_the_ranking_and_clearinghouse_import_and_run_without_django() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        f"for name in {MODULES!r}:\n"
        "    __import__(name)\n"
        "from vip.matching.clearinghouse.instance import solve\n"
        "from vip.bench.synthetic import random_preferences\n"
        "assert solve(random_preferences(1, 5, 3, 3))['stable']\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
