"""The run log is honest: a run whose process died shows as interrupted; a read-only folder can be read."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from sqlalchemy import insert, select, update

from newsfusion.kb import KnowledgeBase
from newsfusion.store import Store
from newsfusion.store import connect, runs
from newsfusion.store import schema as t


def dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def add_doc(conn, doc_id: str, run_id: int) -> None:
    conn.execute(insert(t.documents).values(id=doc_id, text="An invented report.", run_id=run_id, record="{}", ingested_at="2026-01-01T00:00:00Z"))


@pytest.mark.parametrize(
    "owner, dead",
    [
        (lambda: f"{socket.gethostname()}:{dead_pid()}:", True),  # this machine, process gone
        (lambda: runs.this_owner(), False),  # this very process
        (lambda: f"another-host.example:{dead_pid()}:", False),  # cannot tell: left running
        (lambda: None, False),  # an older newsfusion left no owner
        (lambda: f"{socket.gethostname()}:{os.getpid()}:1", True),  # this pid, another start time: reused
    ],
)
def test_is_dead(owner, dead):
    value = owner()
    if value and value.endswith(":1") and not runs._start_ticks(os.getpid()):
        pytest.skip("no /proc start times here")
    assert runs.is_dead(value) is dead


def test_a_dead_run_shows_interrupted_with_what_it_stored(tmp_path):
    store = Store(str(tmp_path / "kb.db"))
    run_id = store.start_run("test")
    with store.write() as conn:
        add_doc(conn, "doc-a", run_id)
        add_doc(conn, "doc-b", run_id)
        store.set_meta(conn, runs.owner_key(run_id), f"{socket.gethostname()}:{dead_pid()}:")
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        last = kb.status().last_run
    assert (last.status, last.added) == ("interrupted", 2) and runs.DEAD_WARNING in last.warnings
    with store.read() as conn:  # reading changed nothing
        assert conn.execute(select(t.ingest_runs.c.status)).scalar_one() == "running"
    second = store.start_run("test")  # the next start writes it down
    with store.read() as conn:
        rows = [tuple(r) for r in conn.execute(select(t.ingest_runs.c.id, t.ingest_runs.c.status, t.ingest_runs.c.added).order_by(t.ingest_runs.c.id))]
        assert store.get_meta(runs.owner_key(run_id), conn) is None
    assert rows == [(run_id, "interrupted", 2), (second, "running", 0)]
    store.finish_run(second, "done", {"added": 0}, [])
    assert store.get_meta(runs.owner_key(second)) is None
    store.close()


def test_a_live_run_stays_running(tmp_path):
    with Store(str(tmp_path / "kb.db")) as store:
        run_id = store.start_run("test")
        store.start_run("test")  # a second ingest at the same time does not close the first
        with store.read() as conn:
            assert conn.execute(select(t.ingest_runs.c.status).where(t.ingest_runs.c.id == run_id)).scalar_one() == "running"


def test_a_database_in_a_read_only_folder_can_be_read(tmp_path, monkeypatch):
    db = tmp_path / "kb.db"
    with Store(str(db)) as store:
        store.finish_run(store.start_run("test"), "done", {"added": 0}, [])
    before = sorted(os.listdir(tmp_path)), db.read_bytes()
    # root writes anywhere, so the folder's permissions are simulated
    monkeypatch.setattr(connect, "writable", lambda path: False)
    with KnowledgeBase(str(db)) as kb:
        st = kb.status()
        assert st.last_run.status == "done" and st.counts["ingest_runs"] == 1
        with pytest.raises(Exception) as err:
            kb.store.mark_stale()
        assert getattr(err.value, "code", None) == "E304"
    assert (sorted(os.listdir(tmp_path)), db.read_bytes()) == before  # no -wal, no -shm, no change
