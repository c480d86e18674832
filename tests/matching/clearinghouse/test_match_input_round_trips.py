from __future__ import annotations

import json

from vip.bench.synthetic import random_preferences
from vip.matching.clearinghouse.instance import parse


def test_preferences_written_as_the_contracts_json_read_back_the_same() -> None:
    for seed in range(20):
        preferences = random_preferences(seed, 12, 4, 4)
        assert parse(json.dumps(preferences.to_json())) == preferences
