"""The ranking's scale, caps and bit layouts, stated once: the plain-Python definition (pairs.py)
and the numba kernels (kernels.py) both read them, so they cannot drift apart.

numba freezes these module-level integers into the compiled kernels as constants.
"""

from __future__ import annotations

from vip.matching.ranking.records import SOFT_CRITERIA, SoftCriterion

# Points of a criterion, and scores, are integers 0..FULL.
FULL = 1000
# Points saturate: two extra shared languages, three shared interests, five extra years.
LANGUAGES_CAP = 2
INTERESTS_CAP = 3
EXPERIENCE_CAP = 5

# A side's opted-in criteria as one byte: bit i is SOFT_CRITERIA[i].
CRITERION_BIT: dict[str, int] = {c: 1 << i for i, c in enumerate(SOFT_CRITERIA)}
LANGUAGES_BIT = CRITERION_BIT[SoftCriterion.LANGUAGES]
HERITAGE_BIT = CRITERION_BIT[SoftCriterion.HERITAGE]
RELIGION_BIT = CRITERION_BIT[SoftCriterion.RELIGION]
INTERESTS_BIT = CRITERION_BIT[SoftCriterion.INTERESTS]
EXPERIENCE_BIT = CRITERION_BIT[SoftCriterion.EXPERIENCE]
PAY_BIT = CRITERION_BIT[SoftCriterion.PAY]
HOUSING_BIT = CRITERION_BIT[SoftCriterion.HOUSING]
ALL_CRITERIA = (1 << len(SOFT_CRITERIA)) - 1

# A result's sort key is one int64: the score above bit ID_BITS, (ID_LIMIT - 1 - id) below, so
# one comparison orders by score, then by id ascending.
ID_BITS = 42
ID_LIMIT = 1 << ID_BITS
