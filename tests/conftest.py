"""Shared fixtures. Tests that need ../shared skip with a message when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("NEWSFUSION_STRICT", "1")  # a stage bug fails the test instead of becoming a warning

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSFUSION_SHARED", ROOT.parent / "shared"))
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"needs ../shared (seeds, gold, benchmarks) beside the project; not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def pipeline():
    """The full default pipeline, loaded once per test session."""
    from newsfusion.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp():
    from newsfusion.stages.nlp import load_nlp

    return load_nlp()


def make_doc(pipeline, text: str, **meta):
    """Run ``text`` through ``pipeline`` as an article."""
    from newsfusion.model import Article

    return pipeline(Article(text=text, **meta))


# ------------------------------------------------------------------ the store

PG_SKIP = "set NEWSFUSION_TEST_PG=postgresql://... or run .ci/run to test on PostgreSQL"


def _pg_url_with_schema(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A database URL for an empty store: a new SQLite file, or a fresh PostgreSQL schema.

    PostgreSQL runs when NEWSFUSION_TEST_PG is set (``.ci/run`` sets it); each
    test gets its own schema, dropped afterwards.
    """
    if request.param == "sqlite":
        yield str(tmp_path / "kb.db")
        return
    base = os.environ.get("NEWSFUSION_TEST_PG")
    if not base:
        pytest.skip(PG_SKIP)
    import uuid

    from sqlalchemy import create_engine, text

    schema = f"nf_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _pg_url_with_schema(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def hold_write_lock():
    """``with hold_write_lock(url):`` another connection holds the database's write lock."""
    import sqlite3
    from contextlib import contextmanager

    from sqlalchemy import create_engine, text

    from newsfusion.store.connect import resolve
    from newsfusion.store.store import _PG_LOCK_KEY

    @contextmanager
    def hold(url: str):
        target = resolve(url)
        if target.dialect == "sqlite":
            con = sqlite3.connect(target.path, isolation_level=None)
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO meta (key, value) VALUES ('held_by_test', '1')")
            try:
                yield
            finally:
                con.execute("ROLLBACK")
                con.close()
            return
        eng = create_engine(target.url)
        with eng.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _PG_LOCK_KEY})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _PG_LOCK_KEY})
                conn.commit()
        eng.dispose()

    return hold


# ------------------------------------------------------- the demo knowledge base


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A SQLite knowledge base built once from examples/articles (the export tests read it)."""
    from newsfusion.kb import KnowledgeBase

    path = tmp_path_factory.mktemp("demo_kb") / "demo.db"
    with KnowledgeBase(str(path)) as kb:
        report = kb.ingest([str(EXAMPLES)])
        assert report.added and not report.failed
    return path


@pytest.fixture(scope="session")
def demo_kb(demo_db):
    from newsfusion.kb import KnowledgeBase

    with KnowledgeBase(str(demo_db)) as kb:
        yield kb


@pytest.fixture(scope="session")
def demo_data(demo_kb):
    """What the exports read from the demo knowledge base (export/data.py)."""
    return demo_kb.export_data()
