"""Date normalisation and language identification used by every reader."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone

import pytest

from newsfusion.ingest.dates import normalise_date
from newsfusion.ingest.language import detect_language, non_english

DATES = [
    ("2025-03-03", "2025-03-03"),
    ("2025-03-03T23:30:00-05:00", "2025-03-03"),
    ("2025-03-03 08:00", "2025-03-03"),
    ("March 3, 2025", "2025-03-03"),
    ("3 March 2025", "2025-03-03"),
    ("Oct. 14, 2025", "2025-10-14"),
    ("Tuesday, October 14, 2025", "2025-10-14"),
    ("Tue, 14 Oct 2025 23:05:00 -0500", "2025-10-14"),
    ("14/10/2025", "2025-10-14"),
    ("10/03/2025", "2025-10-03"),
    ("1741000000", "2025-03-03"),
    (1741000000, "2025-03-03"),
    (1741000000000, "2025-03-03"),
    (datetime(2025, 3, 3, 23, 0, tzinfo=timezone(timedelta(hours=-5))), "2025-03-03"),
    (date(2025, 3, 3), "2025-03-03"),
    (time.struct_time((2025, 3, 3, 0, 0, 0, 0, 62, 0)), "2025-03-03"),
    # never relative, never partial, never nonsense
    ("last week", None),
    ("yesterday", None),
    ("2 days ago", None),
    ("Tuesday", None),
    ("March 2025", None),
    ("2025", None),
    ("2025-02-30", None),
    ("hello", None),
    ("", None),
    (None, None),
    (True, None),
    ("x" * 500, None),
    ("0001-01-01", None),
]


@pytest.mark.parametrize("value,expected", DATES)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


LANG = [
    ("The army said on Tuesday that its soldiers had pushed the rebels back from the ridge above the town, "
     "but residents reported heavy gunfire through the night and said many families had fled towards the lake.", "en", None),
    ("L'armée a affirmé mardi que ses soldats avaient repoussé les rebelles de la crête qui domine la ville, "
     "mais des habitants ont fait état de tirs nourris pendant la nuit et de nombreuses familles en fuite.", "fr", "fr"),
    ("El ejército afirmó el martes que sus soldados habían hecho retroceder a los rebeldes de la colina que "
     "domina la ciudad, pero los vecinos denunciaron intensos disparos durante la noche y muchas familias huyeron.", "es", "es"),
    ("Les rebelles ont pris la ville.", None, None),  # too short to judge
]


@pytest.mark.parametrize("text,code,skipped", LANG)
def test_language(text, code, skipped):
    assert detect_language(text)[0] == code
    assert non_english(text) == skipped
