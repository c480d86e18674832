from __future__ import annotations

import subprocess
import sys


def test_importing_the_simulator_and_running_it_loads_no_django() -> None:
    code = (
        "import sys, vip.simulation.cli, vip.simulation.runner as r, vip.simulation.inputs as i;"
        "r.run(i.load_preset('vip-us'));"
        "r.run(i.load_preset('vip-us', 'equilibrium').with_values({'simulation.agents': 2000}));"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"
