"""The same corpus gives the same knowledge base under any hash seed.

Sets iterate in an order that changes with PYTHONHASHSEED; wherever one is
iterated to make a choice (which union a conflict refuses, which spelling wins a
tie) the knowledge base would change from run to run. The demo corpus is
ingested under two seeds, and one database is rebuilt under a third; every
knowledge-base table and every stored per-document record must be identical.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "articles"
KB_TABLES = ("entities", "entity_aliases", "doc_entities", "events", "event_reports", "relations", "contradictions", "grades")


def run(seed: int, *args: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH=str(ROOT / "src"))
    r = subprocess.run([sys.executable, "-m", "newsfusion", *args], env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-2000:]


def dump(db: Path) -> dict[str, list]:
    con = sqlite3.connect(db)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        out = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}"))) for t in KB_TABLES if t in tables}  # noqa: S608 - fixed names
        out["records"] = sorted(con.execute("SELECT id, record FROM documents"))
        return out
    finally:
        con.close()


def differences(a: dict, b: dict) -> dict[str, tuple[list, list]]:
    return {k: (sorted(set(a[k]) - set(b[k]))[:3], sorted(set(b[k]) - set(a[k]))[:3]) for k in a if a[k] != b[k]}


@pytest.mark.slow
def test_two_hash_seeds_give_one_knowledge_base(tmp_path):
    if not DEMO.is_dir():
        pytest.skip("examples/articles (the demo corpus) is missing")
    one, two = tmp_path / "seed1.db", tmp_path / "seed2.db"
    run(1, "ingest", str(DEMO), "--db", str(one))
    run(2, "ingest", str(DEMO), "--db", str(two))
    first = dump(one)
    assert first["entities"], "the demo corpus gave no entities"
    assert differences(first, dump(two)) == {}
    rebuilt = tmp_path / "rebuilt.db"
    shutil.copy(one, rebuilt)
    run(3, "rebuild", "--db", str(rebuilt))
    assert differences(first, dump(rebuilt)) == {}


# One member goes by two aliases, each shared with a member tied to a different gazetteer
# actor: it can join only one of them, and which one must not depend on the order a set
# of its forms happens to iterate in (invented names and actor ids).
CONFLICT = """
import json
from newsfusion.resolve import CorpusState, run_steps
def ent(name, aliases=(), kb_id=None):
    return {"id": "e0", "name": name, "type": "ORG", "aliases": list(aliases), "kb_id": kb_id, "geo": None, "mentions": []}
def doc(i, e):
    return {"doc_id": f"d{i}", "document": {}, "entities": [e], "claims": [], "relations": [], "events": [], "contradictions": []}
s = CorpusState(docs=[
    doc(1, ent("Coalition Of The Two Rivers", ["Northern Alliance Front", "Valley Defence Group", "Eastern Hills Union", "Lakeside Guard Force"])),
    doc(2, ent("Zarn Movement", ["Northern Alliance Front"], kb_id="test:zarn")),
    doc(3, ent("Yod Brigade", ["Valley Defence Group"], kb_id="test:yod")),
    doc(4, ent("Kest Militia", ["Eastern Hills Union"], kb_id="test:kest")),
    doc(5, ent("Wol Army", ["Lakeside Guard Force"], kb_id="test:wol")),
])
run_steps(s, ["entities"])
print(json.dumps(sorted(sorted(d for d, _ in e.members) for e in s.entities)))
"""


def test_alias_joins_do_not_depend_on_set_order():
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = set()
    for seed in range(1, 9):
        r = subprocess.run([sys.executable, "-c", CONFLICT], env=dict(env, PYTHONHASHSEED=str(seed)), capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]
        out.add(r.stdout.strip())
    assert len(out) == 1, out
    groups = eval(out.pop())  # noqa: S307 - our own JSON list
    assert ["d1", "d5"] in groups or ["d1", "d2"] in groups or ["d1", "d3"] in groups or ["d1", "d4"] in groups  # joined one of them
