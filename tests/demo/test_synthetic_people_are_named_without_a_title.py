"""The demo's synthetic people have a given and a family name in their origin's script, never a
title or a degree (Faker's `name()` gives "Dr.", "Mrs.", "Ing.", "Chief", "MD")."""

from __future__ import annotations

import re

from vip.demo.synthetic import people

TITLE = re.compile(
    r"(^|\s)(Dr|Dra|Mr|Mrs|Ms|Miss|Prof|Sr|Sra|Srita|Ing|Lic|Mtro|Dkt|Bw|Bi|Jr)\.(\s|$)"
    r"|\b(MD|DDS|DVM|PhD|II|III|IV|Chief|Alhaji|Alhaja|Kabiyesi|Madam)\b"
    r"|(^|\s)(श्री|श्रीमती|श्रीमान|सुश्री|सम्मानसूचक|माननीय|пан|пані|Ông|Bà|Cô|Chị|Quý)(\s|$)"
)


def test_no_synthetic_name_carries_a_title() -> None:
    sponsors, migrants = people(300, 2000, ["springfield"], seed=7)

    names = [p["full_name"] for p in sponsors + migrants]

    assert [name for name in names if TITLE.search(name)] == []
    assert all(len(name.split()) >= 2 for name in names)  # a given and a family name
