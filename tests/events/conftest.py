"""Helpers for the event tests: run a text through the full pipeline, get its event records."""

from __future__ import annotations

import pytest

from newsfusion.export.record import doc_record
from newsfusion.model import Article


@pytest.fixture(scope="session")
def events_of(pipeline):
    """``events_of(text, **meta)`` -> the FORMAT.md event records of ``text`` (cached)."""
    cache: dict[tuple, list[dict]] = {}

    def run(text: str, **meta) -> list[dict]:
        key = (text, tuple(sorted(meta.items())))
        if key not in cache:
            cache[key] = doc_record(pipeline(Article(text=text, **meta)))["events"]
        return cache[key]

    return run
