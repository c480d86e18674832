from __future__ import annotations

import subprocess
import sys

MODULES = [
    "vip.matching.candidates",
    "vip.matching.clearinghouse",
    "vip.matching.index",
    "vip.matching.instance",
    "vip.matching.kernels",
    "vip.matching.market",
    "vip.matching.opportunities",
    "vip.matching.pairs",
    "vip.matching.reference",
    "vip.matching.synthetic",
]


def test_the_matching_engine_imports_and_runs_without_django() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        f"for name in {MODULES!r}:\n"
        "    __import__(name)\n"
        "from vip.matching.instance import solve\n"
        "from vip.matching.synthetic import random_preferences\n"
        "assert solve(random_preferences(1, 5, 3, 3))['stable']\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
