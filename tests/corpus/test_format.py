"""FORMAT.md dicts <-> typed corpus records: the round trip gives the same JSON, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfusion.corpus import Claim, DocRecord, DocumentInfo, EntityMention, EventReport, from_format, to_format

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _same_bytes(d: dict) -> None:
    rec = from_format(d)
    assert json.dumps(to_format(rec), ensure_ascii=False) == json.dumps(d, ensure_ascii=False)


def test_devset_and_seed_gold_round_trip(shared_dir):
    files = sorted((shared_dir / "devset" / "gold").glob("*.json")) + sorted((shared_dir / "seeds" / "gold").glob("*.json"))
    if not files:
        pytest.skip(f"no gold files under {shared_dir}/devset/gold or {shared_dir}/seeds/gold")
    for f in files:
        d = json.loads(f.read_text(encoding="utf-8"))
        if "doc_id" not in d and f.stem != "_corpus":
            d = {"doc_id": f.stem, **d}
        _same_bytes(d)


def test_pipeline_records_round_trip(pipeline):
    from newsfusion.export.record import doc_record
    from newsfusion.ingest import read_paths

    paths = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".jsonl", ".json"))
    docs = list(pipeline.pipe(list(read_paths(paths))))
    assert docs
    for doc in docs:
        d = json.loads(json.dumps(doc_record(doc)))  # as the store keeps it
        _same_bytes(d)
        rec = from_format(d)
        assert [e.id for e in rec.events] == [e["id"] for e in d["events"]]
        assert [c.source for c in rec.claims] == [c["source"] for c in d["claims"]]


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        # absent keys stay absent, unknown keys are kept in place
        ({"doc_id": "a", "zz": 1, "events": [{"id": "v0", "x": [1]}]}, {"doc_id": "a", "zz": 1, "events": [{"id": "v0", "x": [1]}]}),
        ({"doc_id": "a", "document": None}, {"doc_id": "a", "document": None}),
        ({"doc_id": "a", "document": {}}, {"doc_id": "a", "document": {}}),
        # a null list reads as () and is written as []
        ({"doc_id": "a", "entities": [{"name": "X", "aliases": None}]}, {"doc_id": "a", "entities": [{"name": "X", "aliases": []}]}),
    ],
)
def test_round_trip_edges(record, expected):
    assert to_format(from_format(record)) == expected
    assert list(to_format(from_format(record))) == list(expected)


@pytest.mark.parametrize(
    ("record", "read"),
    [
        ({}, DocRecord(keys=())),
        ({"doc_id": "d", "document": None}, DocRecord(doc_id="d", document=DocumentInfo(null=True), keys=("doc_id", "document"))),
        ({"events": [{"actors": ["A"], "claims": ["c1"]}]}, DocRecord(events=(EventReport(actors=("A",), claims=("c1",), keys=("actors", "claims")),), keys=("events",))),
        ({"claims": [{"id": "c0", "stance": "deny"}]}, DocRecord(claims=(Claim(id="c0", stance="deny", keys=("id", "stance")),), keys=("claims",))),
    ],
)
def test_from_format_fields(record, read):
    got = from_format(record)
    assert got == read
    # defaults of absent keys are what the steps read for them
    assert (got.document.author, got.events[0].evidence if got.events else "") == (None, "")


def test_built_records_write_every_field_in_format_order():
    rec = DocRecord(doc_id="d", entities=(EntityMention(id="e0", name="Hamas", type="ORG", aliases=("the movement",)),))
    out = to_format(rec)
    assert list(out) == ["doc_id", "document", "entities", "events", "claims", "relations", "contradictions"]
    assert out["document"] == {"author": None, "outlet": None, "published": None, "title": None, "url": None}
    assert out["entities"] == [{"id": "e0", "name": "Hamas", "type": "ORG", "aliases": ["the movement"], "kb_id": None, "kind": None,
                                "country": None, "geo": None, "mentions": None}]
