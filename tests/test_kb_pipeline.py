"""Integration: the real pipeline (spaCy) into the store and back out.

These tests check what the store keeps, not what the extraction stages find
(they are still being written): every stored span points at the text it names,
the knowledge base covers every per-document entity, and the JSONL export is
what the eval scorer reads.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from newsfusion.cli import main
from newsfusion.kb import KnowledgeBase
from newsfusion.model import Article

TEXTS = [
    "Rebels seize town\n\nBy Amina Diallo\n\nFighters of the Movement for Azawad seized the town of Kidal in northern Mali on Monday, a local official told reporters in Bamako.",
    "Army retakes base\n\nMali's army said on Tuesday it had retaken the base near Gao after clashes with the rebels, according to a statement read on state television.",
]


@pytest.fixture
def real_kb(store_url, pipeline):
    kb = KnowledgeBase(store_url)
    kb._pipeline = pipeline
    yield kb
    kb.close()


def test_real_pipeline_round_trip(real_kb):
    r = real_kb.ingest([Article(text=t, name=f"doc{i}") for i, t in enumerate(TEXTS)])
    assert len(r.added) == 2 and not r.failed and not r.warnings
    n_local = 0
    for d in real_kb.documents():
        view = real_kb.document(d.id)
        assert view.text in TEXTS
        assert all(view.text[m.start : m.end] == m.text for m in view.mentions)
        for e in view.record["entities"]:
            assert all(view.text[s:e_] for s, e_ in e["mentions"])
            assert e["id"] in view.entity_links  # every per-document entity is in the KB
        n_local += len(view.record["entities"])
    assert n_local > 0
    assert sum(e.members for e in real_kb.entities()) == n_local
    assert real_kb.ingest([Article(text=TEXTS[0], name="doc0")]).added == []


def test_export_is_read_by_the_scorer(store_url, pipeline, seeds_dir, tmp_path, monkeypatch):
    monkeypatch.setattr("newsfusion.pipeline.Pipeline", lambda: pipeline)
    seeds = sorted(seeds_dir.glob("*.txt"))
    r = CliRunner().invoke(main, ["ingest", *map(str, seeds), "--db", store_url], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "kb.jsonl"
    assert CliRunner().invoke(main, ["export", "-o", str(out), "--db", store_url]).exit_code == 0
    scorer = seeds_dir.parent / "eval" / "score.py"
    res = subprocess.run([sys.executable, str(scorer), str(seeds_dir / "gold"), str(out), "--json"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    scores = json.loads(res.stdout)
    assert scores["missing_documents"] == []  # doc_id = file stem, as the gold files are named
    assert scores["entities"]["predicted"] > 0 and scores["entities"]["recall"] > 0
    show = CliRunner().invoke(main, ["show", seeds[0].stem, "--db", store_url])
    assert show.exit_code == 0 and "entities" in show.stdout
