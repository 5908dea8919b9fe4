"""``ingest --workers 2`` stores what one process stores, and the same knowledge base."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from newsfusion.cli import main
from newsfusion.kb import KnowledgeBase
from store_helpers import stored_records

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"



def test_two_workers_give_the_single_process_knowledge_base(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted(EXAMPLES.glob("*"))[:4]:
        shutil.copy(p, src / p.name)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = CliRunner().invoke(main, ["ingest", "--db", str(one), str(src)])
    r2 = CliRunner().invoke(main, ["ingest", "--db", str(two), "--workers", "2", str(src)])
    assert r1.exit_code == 0, r1.output
    assert r2.exit_code == 0, r2.output
    assert stored_records(one) == stored_records(two) and len(stored_records(one)) >= 3
    with KnowledgeBase(str(one)) as a, KnowledgeBase(str(two)) as b:
        assert a.store.kb_snapshot() == b.store.kb_snapshot()


def test_zero_workers_is_refused(tmp_path):
    r = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "kb.db"), "--workers", "0", str(EXAMPLES)])
    assert r.exit_code != 0 and "workers" in r.output.lower()
