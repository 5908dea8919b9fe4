"""The knowledge base of the development set and the seeds ingested together (skipped without ../shared).

Bars: cross-document B-cubed precision >= 0.97 and recall >= 0.85 (eval/crossdoc.py);
geocoding accuracy on our gold table tests/data/devset_geocodes.tsv: country >= 0.95,
place >= 0.85 (eval/geocoding.py).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from newsfusion.eval import geocoding
from newsfusion.eval.crossdoc import load_same_entity, measure
from newsfusion.kb import KnowledgeBase
from newsfusion.store import queries as q
from newsfusion.store import schema as t

pytestmark = [pytest.mark.shared, pytest.mark.slow]
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def dev(tmp_path_factory, shared_dir):
    if not (shared_dir / "devset").is_dir():
        pytest.skip(f"needs ../shared/devset; not found in {shared_dir}")
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    paths = sorted(str(p) for p in (shared_dir / "devset" / "articles").glob("*.txt")) + sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))
    gold = {}
    for d in (shared_dir / "devset" / "gold", shared_dir / "seeds" / "gold"):
        gold.update({f.stem: json.loads(f.read_text()) for f in d.glob("*.json") if not f.stem.startswith("_")})
    with KnowledgeBase(str(tmp_path_factory.mktemp("dev") / "kb.db")) as kb:
        kb.ingest(paths)
        with kb.store.read() as conn:
            names = q.doc_names(conn)
            recs = {names.get(i) or i: rec for i, _, rec in q.records(conn)}
            em = t.entity_members.c
            kb_of = {(names.get(d) or d, l): e for e, d, l in conn.execute(select(em.entity_id, em.doc_id, em.local_id))}
    groups = load_same_entity([shared_dir / "seeds" / "gold" / "_corpus.json", DATA / "devset_same_entity.json"])
    return recs, kb_of, gold, scorer, groups


def test_cross_document_bcubed(dev):
    recs, kb_of, gold, scorer, groups = dev
    res = measure(recs, kb_of, gold, scorer, groups)
    assert res.items > 300
    assert res.precision >= 0.97, res.wrong_joins
    assert res.recall >= 0.85, res.missed_joins


def test_geocoding_accuracy(dev):
    recs, _, gold, scorer, _ = dev
    res = geocoding.measure(geocoding.load_table(DATA / "devset_geocodes.tsv"), recs, gold, scorer.fold)
    assert res.found > 120
    assert res.country_accuracy >= 0.95, res.errors
    assert res.place_accuracy >= 0.85, res.errors
