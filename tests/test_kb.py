"""The KnowledgeBase API over a real store, with a fast stand-in pipeline."""

from __future__ import annotations

import csv
import io
import json

import pytest

import newsfusion.kb as kbmod
from newsfusion.errors import InputError, QueryError, SkippedInput
from newsfusion.kb import ACLED_COLUMNS, IngestInterrupted, KnowledgeBase
from newsfusion.model import Article
from newsfusion.resolve import base as resolve_base
from store_helpers import FakePipeline, article


@pytest.fixture
def kb(store_url):
    k = KnowledgeBase(store_url)
    k._pipeline = FakePipeline()
    yield k
    k.close()


@pytest.fixture
def fake_read(monkeypatch):
    """Make ``read_paths`` yield given items (Articles or InputErrors) per path."""
    table: dict[str, list] = {}

    def read_paths(paths):
        for p in paths:
            yield from table[p]

    monkeypatch.setattr("newsfusion.ingest.read_paths", read_paths)
    return table


def test_ingest_stores_and_builds_the_kb(kb):
    r = kb.ingest([article(i) for i in range(3)])
    assert len(r.added) == 3 and r.ok and r.kb_rebuilt and not r.warnings
    st = kb.status()
    assert st.counts["documents"] == 3 and st.counts["entities"] > 0 and not st.kb_stale
    assert st.last_run.status == "done" and st.last_run.added == 3
    assert {e.name for e in kb.entities()} >= {"Kidal", "Fighters", "Monday"}


def test_reingest_is_a_no_op_that_says_so(kb):
    kb.ingest([article(1)])
    before = kb.status().counts
    r = kb.ingest([article(1)])
    assert r.added == [] and len(r.duplicates) == 1 and r.ok
    assert "already stored 1" in r.summary()
    after = kb.status().counts
    assert {k: v for k, v in after.items() if k != "ingest_runs"} == {k: v for k, v in before.items() if k != "ingest_runs"}


def test_same_content_twice_in_one_run(kb):
    r = kb.ingest([article(1), article(1)])
    assert len(r.added) == 1 and len(r.duplicates) == 1


def test_overrides_apply_and_change_identity(kb):
    r1 = kb.ingest([article(1, outlet=None, published=None)], published="2024-05-06", outlet="Desert Wire")
    (doc,) = kb.documents()
    assert (doc.published, doc.outlet) == ("2024-05-06", "Desert Wire")
    r2 = kb.ingest([article(1, outlet=None, published=None)])  # same text, other metadata: other content
    assert r1.added != r2.added and len(r2.added) == 1


@pytest.mark.parametrize("bad", ["06/05/2024", "2024-13-01", "yesterday"])
def test_bad_published_date_is_refused(kb, bad):
    with pytest.raises(QueryError) as e:
        kb.ingest([article(1)], published=bad)
    assert e.value.code == "E307" and kb.status().counts["documents"] == 0


def test_read_errors_are_reported_and_the_rest_stored(kb, fake_read):
    fake_read["feed.jsonl"] = [article(1), InputError("E205", "line 2: not valid JSON", "fix the line", path="feed.jsonl:2"), article(2)]
    fake_read["fr.txt"] = [SkippedInput("E207", "not English (fr)", "only English is supported", path="fr.txt")]
    r = kb.ingest(["feed.jsonl", "fr.txt"])
    assert len(r.added) == 2 and [e.code for e in r.failed] == ["E205"] and [e.code for e in r.skipped] == ["E207"]
    assert r.ok


def test_nothing_ingestable_is_not_ok(kb, fake_read):
    fake_read["missing"] = [InputError("E201", "no such file or folder", "check the path", path="missing")]
    r = kb.ingest(["missing"])
    assert not r.ok and r.added == []


def test_article_that_breaks_a_stage_is_reported_alone(kb):
    kb._pipeline = FakePipeline(fail_on="number 2")
    r = kb.ingest([article(i) for i in range(4)])
    assert len(r.added) == 3
    (err,) = r.failed
    assert err.code == "E104" and err.path == "report_2.txt" and "stage blew up" in str(err)


def test_overrides_and_ratings_reach_the_corpus_steps(kb, monkeypatch):
    kb.ingest([article(1), article(2)])
    kidal, army = (kb.entities(name=n)[0].id for n in ("Kidal", "Fighters"))
    seen = []
    real = kbmod.run_steps

    def spy(state):
        seen.append((list(state.overrides), dict(state.source_ratings)))
        return real(state)

    monkeypatch.setattr(kbmod, "run_steps", spy)
    kb.merge_entities("kidal", army)  # by name (any case) and by id
    kb.split_entity(kidal[:8])  # by id prefix
    kb.rate_source("officials", "c")
    kb.ingest([article(3)])  # a later ingest still passes every decision
    overrides, ratings = seen[-1]
    assert [{k: o[k] for k in o if k not in ("id", "created_at")} for o in overrides] == [
        {"action": "merge", "a": kidal, "b": army},
        {"action": "split", "entity": kidal},
    ]
    assert ratings == {"officials": "C"}
    assert [o["action"] for o in kb.entity(kidal).overrides] == ["merge", "split"]


def test_merging_an_entity_with_itself_is_refused(kb):
    kb.ingest([article(1)])
    eid = kb.entities(name="Kidal")[0].id
    with pytest.raises(QueryError) as e:
        kb.merge_entities(eid, "Kidal")
    assert e.value.code == "E307"


@pytest.mark.parametrize("grade, ok", [("b", "B"), ("F", "F"), ("AB", None), ("G", None), ("", None), ("1", None)])
def test_rate_source_validates(kb, grade, ok):
    if ok:
        change = kb.rate_source("Sahel Post", grade)
        assert change.override["reliability"] == ok
        assert {s.name: s.rating for s in kb.sources()}["Sahel Post"] == ok
    else:
        with pytest.raises(QueryError) as e:
            kb.rate_source("Sahel Post", grade)
        assert e.value.code == "E307"


def test_failed_corpus_step_is_a_warning_and_leaves_kb_stale(kb, monkeypatch):
    resolve_base.registered_steps()

    def boom(state):
        raise RuntimeError("fusion exploded")

    monkeypatch.setitem(resolve_base._STEPS, "events", boom)
    r = kb.ingest([article(1)])
    assert r.added and r.ok
    assert any("'events' failed" in w and "fusion exploded" in w for w in r.warnings)
    assert kb.status().kb_stale
    assert kb.entities()  # the steps that worked were saved


def test_interrupt_in_the_corpus_steps_keeps_articles_and_rebuilds_next_time(kb, monkeypatch):
    resolve_base.registered_steps()

    def interrupt(state):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setitem(resolve_base._STEPS, "grading", interrupt)
        with pytest.raises(IngestInterrupted) as e:
            kb.ingest([article(1), article(2)])
    assert len(e.value.report.added) == 2
    st = kb.status()
    assert st.counts["documents"] == 2 and st.kb_stale and st.last_run.status == "interrupted"
    r = kb.ingest([article(1)])  # nothing new, but the stale KB is rebuilt
    assert r.added == [] and r.kb_rebuilt and not kb.status().kb_stale


def test_document_lookup(kb):
    kb.ingest([article(i) for i in range(3)])
    docs = {d.name: d.id for d in kb.documents()}
    assert kb.document("report_1").info.id == docs["report_1"]
    assert kb.document(docs["report_2"][:6]).info.name == "report_2"
    with pytest.raises(QueryError) as e:
        kb.document("zzzz")
    assert e.value.code == "E305"
    with pytest.raises(QueryError) as e:
        kb.document("")
    assert e.value.code in ("E305", "E306")


def test_document_view_links_to_the_kb(kb):
    kb.ingest([article(1)])
    view = kb.document("report_1")
    assert view.record["doc_id"] == view.info.id
    assert set(view.entity_links) == {e["id"] for e in view.record["entities"]}
    assert [view.text[m.start : m.end] for m in view.mentions] == [m.text for m in view.mentions]


def test_filters(kb):
    kb.ingest([article(1), article(2, outlet="Desert Wire")])
    assert len(kb.events()) == 2
    assert [e.sources for e in kb.events(source="desert")] == [["Desert Wire"]]
    assert kb.events(type="protest") == []
    assert {c.stance for c in kb.claims(stance="deny")} == {"deny"}
    assert len(kb.claims(limit=1)) == 1
    assert kb.claims(doc="report_1") and all(c.doc_name == "report_1" for c in kb.claims(doc="report_1"))


def test_export_jsonl_uses_names_as_doc_ids(kb):
    kb.ingest([article(1), Article(text="No name here.")])
    fp = io.StringIO()
    assert kb.export_jsonl(fp) == 2
    lines = [json.loads(x) for x in fp.getvalue().splitlines()]
    ids = {d.name or d.id: d.id for d in kb.documents()}
    assert {x["doc_id"] for x in lines} == set(ids)
    for x in lines:
        assert x["document_id"] == ids[x["doc_id"]]
        assert set(x) >= {"document", "entities", "events", "claims", "relations", "contradictions"}


def test_export_acled_csv(kb):
    kb.ingest([article(1), article(2)])
    fp = io.StringIO()
    assert kb.export_acled_csv(fp) == 2
    rows = list(csv.DictReader(io.StringIO(fp.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert sorted(r["fatalities"] for r in rows) == ["3", "4"]
    assert {r["event_type"] for r in rows} == {"Battles"} and {r["source"] for r in rows} == {"Sahel Post"}
    assert all(r["event_date"] == "2024-03-01" and r["time_precision"] == "1" for r in rows)
