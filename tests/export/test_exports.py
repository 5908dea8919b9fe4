"""Exports of a knowledge base built from the demo corpus: FORMAT.md JSONL, ACLED CSV, PLOVER JSONL."""

import csv
import io
import json
from pathlib import Path

import pytest

from newsfusion.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[2]
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def demo_kb(tmp_path_factory):
    with KnowledgeBase(str(tmp_path_factory.mktemp("exp") / "demo.db")) as kb:
        kb.ingest([str(ROOT / "examples" / "articles")])
        yield kb


def test_plover_export(demo_kb):
    buf = io.StringIO()
    n = demo_kb.export_plover(buf)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert n == len(rows) == len(demo_kb.events()) > 0
    for r in rows:
        assert r["event_type"] in PLOVER_TYPES
        assert r["mode"] or r["event_type"] in ("AGREE", "SUPPORT", "COOPERATE")  # types PLOVER gives no mode
        assert r["reports"] and all(rep["doc_id"] for rep in r["reports"])
    fused = [r for r in rows if len(r["reports"]) > 1]
    assert fused, "the demo corpus has one event reported by two outlets"


def test_acled_csv_and_jsonl_exports(demo_kb):
    buf = io.StringIO()
    n = demo_kb.export_acled_csv(buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(rows) and {"event_date", "event_type", "sub_event_type", "fatalities", "credibility"} <= set(rows[0])
    buf = io.StringIO()
    docs = demo_kb.export_jsonl(buf)
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert docs == len(recs) == 8
    assert all({"doc_id", "entities", "events", "claims", "relations", "contradictions"} <= set(r) for r in recs)
