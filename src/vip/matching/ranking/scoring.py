"""The ranking's scale, caps and bit layouts, stated once: the plain-Python definition (pairs.py)
and the numba kernels (kernels.py) both read them, so they cannot drift apart.

numba freezes these module-level integers into the compiled kernels as constants.
"""

from __future__ import annotations

from vip.matching.ranking.records import SOFT_CRITERIA

# Points of a criterion, and scores, are integers 0..FULL.
FULL = 1000
# Points saturate: two extra shared languages, three shared interests, five extra years.
LANGUAGES_CAP = 2
INTERESTS_CAP = 3
EXPERIENCE_CAP = 5

# A side's opted-in criteria as one byte: bit i is SOFT_CRITERIA[i].
CRITERION_BIT = {criterion: 1 << i for i, criterion in enumerate(SOFT_CRITERIA)}
LANGUAGES_BIT = CRITERION_BIT["languages"]
HERITAGE_BIT = CRITERION_BIT["heritage"]
RELIGION_BIT = CRITERION_BIT["religion"]
INTERESTS_BIT = CRITERION_BIT["interests"]
EXPERIENCE_BIT = CRITERION_BIT["experience"]
PAY_BIT = CRITERION_BIT["pay"]
HOUSING_BIT = CRITERION_BIT["housing"]
ALL_CRITERIA = (1 << len(SOFT_CRITERIA)) - 1

# A result's sort key is one int64: the score above bit ID_BITS, (ID_LIMIT - 1 - id) below, so
# one comparison orders by score, then by id ascending.
ID_BITS = 42
ID_LIMIT = 1 << ID_BITS
