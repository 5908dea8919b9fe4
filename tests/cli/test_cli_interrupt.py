"""Interrupting ``newsfusion ingest`` (Ctrl-C, kill, kill -9) loses no committed article
and leaves no half-written one; the next ingest completes the rest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from newsfusion.cli import main
from newsfusion.store import Store
from newsfusion.store import schema as t
from store_helpers import FakePipeline, write_articles

TESTS = Path(__file__).resolve().parents[1]
SRC = TESTS.parent / "src"
N = 40

# Runs the real CLI entry point with a slow stand-in pipeline (one article per batch).
DRIVER = """
import sys
sys.path.insert(0, {tests!r})
import newsfusion.pipeline
from store_helpers import FakePipeline
newsfusion.pipeline.Pipeline = lambda: FakePipeline(batch_size=1, delay=0.05)
from newsfusion.cli import run
sys.argv = ["newsfusion", "ingest", {folder!r}, "--db", {db!r}]
run()
"""


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _count(store: Store) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(t.documents)).scalar_one()


def _check_consistent(store: Store) -> set[str]:
    """Every stored document has all its rows; no row belongs to a missing document."""
    with store.read() as conn:
        docs = {i: json.loads(r) for i, r in conn.execute(select(t.documents.c.id, t.documents.c.record))}
        for table, key in ((t.doc_entities, "entities"), (t.claims, "claims"), (t.event_reports, "events")):
            per_doc = dict(conn.execute(select(table.c.doc_id, func.count()).group_by(table.c.doc_id)).all())
            assert set(per_doc) <= set(docs)
            for doc_id, rec in docs.items():
                assert per_doc.get(doc_id, 0) == len(rec[key]), (table.name, doc_id)
        mentions = dict(conn.execute(select(t.mentions.c.doc_id, func.count()).group_by(t.mentions.c.doc_id)).all())
        for doc_id, rec in docs.items():
            assert mentions.get(doc_id, 0) == sum(len(e["mentions"]) for e in rec["entities"])
    return set(docs)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "kill", "kill-9"])
def test_interrupted_ingest_keeps_what_was_committed(store_url, tmp_path, sig, monkeypatch):
    folder = tmp_path / "articles"
    write_articles(folder, N)
    Store(store_url).close()  # create the database before the race starts
    driver = DRIVER.format(tests=str(TESTS), folder=str(folder), db=store_url)
    env = dict(os.environ, PYTHONPATH=str(SRC))
    # A terminal's Ctrl-C: SIGINT at its default even when pytest was started in the background
    # by a shell without job control (which starts its children with SIGINT ignored).
    proc = subprocess.Popen([sys.executable, "-c", driver], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)
    store = Store(store_url)
    try:
        deadline = time.monotonic() + 60
        while _count(store) < 3:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the ingest did not start"
            time.sleep(0.02)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    else:
        assert proc.returncode == 130, err
        assert "Traceback" not in err
        assert "interrupted: the " in err and "run the same command again to finish" in err
        assert out.startswith("interrupted: added ")
    stored = _check_consistent(store)
    assert 3 <= len(stored) < N
    store.close()
    # the run log is honest even after kill -9: `status` shows the run interrupted with what it stored
    st = CliRunner().invoke(main, ["status", "--json", "--db", store_url], catch_exceptions=False)
    last = json.loads(st.stdout)["last_run"]
    assert (last["status"], last["added"]) == ("interrupted", len(stored)), last

    monkeypatch.setattr("newsfusion.pipeline.Pipeline", lambda: FakePipeline())
    r = CliRunner().invoke(main, ["ingest", str(folder), "--db", store_url], catch_exceptions=False)
    assert r.exit_code == 0
    assert r.stdout.startswith(f"added {N - len(stored)}, already stored {len(stored)}, skipped 0, failed 0")
    with Store(store_url) as s:
        assert _check_consistent(s) >= stored and _count(s) == N
        assert not s.kb_stale()
        with s.read() as conn:  # the next start wrote the dead run's true state into its row
            runs = [tuple(r) for r in conn.execute(select(t.ingest_runs.c.status, t.ingest_runs.c.added).order_by(t.ingest_runs.c.id))]
        assert runs == [("interrupted", len(stored)), ("done", N - len(stored))]
