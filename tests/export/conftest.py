"""The demo knowledge base (examples/articles), built once for every export test."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfusion.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "demo.db"
    with KnowledgeBase(str(path)) as kb:
        report = kb.ingest([str(ROOT / "examples" / "articles")])
        assert report.added and not report.failed
    return path


@pytest.fixture(scope="session")
def demo_kb(demo_db):
    with KnowledgeBase(str(demo_db)) as kb:
        yield kb


@pytest.fixture(scope="session")
def demo_data(demo_kb):
    return demo_kb.export_data()
