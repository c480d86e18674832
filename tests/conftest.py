from __future__ import annotations

import os

# Tests hash passwords fast; production keeps PBKDF2.
os.environ.setdefault("VIP_FAST_HASHER", "1")
