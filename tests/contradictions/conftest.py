"""Helpers for the contradiction tests: run an invented report through the full pipeline."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the invented long article of test_length_scaling

from newsfusion.model import Article


@pytest.fixture(scope="session")
def doc_of(pipeline):
    """``doc_of(text)`` -> the processed Doc (cached per text)."""
    cache = {}

    def run(text: str):
        if text not in cache:
            cache[text] = pipeline(Article(text=text))
        return cache[text]

    return run


@pytest.fixture(scope="session")
def contradictions_of(doc_of):
    """``contradictions_of(text, kind)`` -> [(a evidence, b evidence)] of that kind."""

    def run(text: str, kind: str | None = None):
        doc = doc_of(text)
        return [(doc.span_text(c.a.evidence), doc.span_text(c.b.evidence))
                for c in doc.contradictions if kind is None or c.kind == kind]

    return run
