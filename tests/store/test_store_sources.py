"""Sources as entities through the store: one row per source, ratings by any spelling, renames kept."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsfusion.cli import main
from newsfusion.kb import KnowledgeBase
from newsfusion.model import Article


def _record(doc_id: str, claims: list[tuple[str, str]], entities=()) -> dict:
    return {
        "doc_id": doc_id,
        "document": {"author": None, "outlet": "Kivu Dispatch"},
        "entities": [{"id": f"e{i}", "name": n, "type": t, "aliases": list(a), "mentions": []} for i, (n, t, a) in enumerate(entities)],
        "claims": [{"id": f"c{i}", "source": s, "source_kind": k, "stance": "assert", "content": f"claim {doc_id} {i}", "evidence": f"claim {doc_id} {i}",
                    "evidence_span": [0, 5]} for i, (s, k) in enumerate(claims)],
        "events": [], "relations": [], "contradictions": [],
    }


@pytest.fixture
def kb(store_url):
    with KnowledgeBase(store_url) as k:
        for i, (claims, ents) in enumerate([
            ([("Residents", "anonymous"), ("Allied Democratic Forces", "named_org")], [("Allied Democratic Forces", "ORG", ["ADF"])]),
            ([("residents", "anonymous"), ("the ADF", "named_org")], [("ADF", "ORG", ["Allied Democratic Forces"])]),
        ]):
            art = Article(text=f"report {i}", outlet="Kivu Dispatch", name=f"r{i}")
            k.store.add_record(art, _record(f"d{i}", claims, ents), doc_id=f"d{i}")
        assert k.rebuild() == []
        yield k


def test_each_source_is_listed_once_under_all_its_spellings(kb):
    rows = {s.name: s for s in kb.sources()}
    assert rows["residents"].claims == 2 and rows["residents"].documents == 2 and rows["residents"].aliases == ["Residents"]
    assert rows["residents"].scope == "Kivu Dispatch" and "Residents" not in rows
    adf = rows["Allied Democratic Forces"]
    assert adf.claims == 2 and adf.id and "ADF" in adf.aliases and "the ADF" in adf.aliases
    assert rows["Kivu Dispatch"].kinds == ["outlet"] and rows["Kivu Dispatch"].documents == 2


def test_a_rating_of_one_spelling_rates_every_spelling(kb):
    change = kb.rate_source("the ADF", "D")
    assert change.override["known"] and not change.warnings
    rows = {s.name: s for s in kb.sources()}
    assert rows["Allied Democratic Forces"].rating == "D"
    claim_grades = {c.doc_id: c.grade for c in kb.claims(source_kind="named_org")}
    assert set(claim_grades) == {"d0", "d1"} and all(g.startswith("D") for g in claim_grades.values())


def test_rename_is_kept_across_rebuilds(kb, store_url):
    eid = next(s.id for s in kb.sources() if s.name == "Allied Democratic Forces")
    change = kb.rename_entity(eid, "ADF rebels")
    assert change.override["action"] == "rename" and change.override["name"] == "ADF rebels"
    assert kb.entity(eid).entity.name == "ADF rebels"
    kb.rebuild()
    detail = kb.entity(eid)
    assert detail.entity.name == "ADF rebels" and "Allied Democratic Forces" in detail.entity.aliases
    assert [o["action"] for o in detail.overrides] == ["rename"]
    r = CliRunner().invoke(main, ["entities", "rename", eid, "Allied Democratic Forces", "--db", store_url])
    assert r.exit_code == 0 and r.stdout.startswith("recorded decision #2: rename ")
    assert kb.entity(eid).entity.name == "Allied Democratic Forces"
    bad = CliRunner().invoke(main, ["entities", "rename", eid, "  ", "--db", store_url])
    assert bad.exit_code == 2 and "E307" in bad.stderr
