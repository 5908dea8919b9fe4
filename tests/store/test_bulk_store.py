"""Storing many articles in one transaction (``Store.add_records``, issue #15.4): the rows
one transaction per article gives, on SQLite and PostgreSQL; a failed batch stores none of
its articles and keeps earlier ones; ``add_batch`` then stores those before a bad article."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from newsfusion.errors import StoreError
from newsfusion.export.record import doc_record
from newsfusion.kb import IngestInterrupted, KnowledgeBase
from newsfusion.store import Store
from newsfusion.store import schema as t
from newsfusion.store.store import Stored
from store_helpers import FakePipeline, article, build_doc

PER_DOC = (t.documents, t.doc_entities, t.mentions, t.event_reports, t.claims, t.relations)
VOLATILE = {"id", "ingested_at", "run_id"}  # the mention serial, the time of storing, the run


def items(numbers) -> list[Stored]:
    out = []
    for i in numbers:
        doc = build_doc(article(i))
        out.append(Stored(doc.article, doc_record(doc), doc.doc_id, list(doc.mentions), label=f"report_{i}"))
    return out


def rows_of(store: Store) -> dict[str, list[tuple]]:
    with store.read() as conn:
        return {
            table.name: sorted((tuple((k, v) for k, v in r.items() if not (k in VOLATILE and (table is t.mentions or k != "id"))) for r in conn.execute(select(table)).mappings()), key=repr)
            for table in PER_DOC
        }


@pytest.mark.parametrize("copy", [False, True], ids=["executemany", "copy"])
def test_one_transaction_stores_the_rows_of_one_per_article(store_url, tmp_path, copy):
    batch = items(range(6))
    with Store(str(tmp_path / "one_by_one.db")) as one:
        assert [one.add_record(i.article, i.record, doc_id=i.doc_id, mentions=i.mentions) for i in batch] == [True] * 6
        expected = rows_of(one)
    with Store(store_url) as bulk:
        bulk.copy = copy  # COPY is used on PostgreSQL only; SQLite always inserts
        assert bulk.add_records(batch) == [True] * 6
        got = rows_of(bulk)
        assert bulk.get_meta("kb_stale") == "1"
    assert got == expected and len(got["mentions"]) > 6 and len(got["claims"]) >= 6


def test_stored_or_repeated_articles_are_not_stored_twice(store_url):
    a, b, c = items(range(3))
    with Store(store_url) as s:
        assert s.add_records([a]) == [True]
        assert s.add_records([a, b, b, c]) == [False, True, False, True]
        assert s.counts()["documents"] == 3 and s.add_records([]) == []


def _bad(i: int) -> Stored:
    """An article whose rows the database refuses (two entities with one local id)."""
    item = items([i])[0]
    item.record = dict(item.record, entities=item.record["entities"] + item.record["entities"][:1])
    return item


def test_a_failed_batch_stores_nothing_of_itself_and_keeps_the_earlier_ones(store_url):
    with Store(store_url) as s:
        s.add_records(items(range(3)))
        with pytest.raises(StoreError) as e:
            s.add_records(items(range(3, 6)) + [_bad(6)])
        assert e.value.code == "E308"
        assert s.counts()["documents"] == 3 and s.counts()["mentions"] == len(rows_of(s)["mentions"])


def test_add_batch_falls_back_to_one_by_one_and_keeps_what_came_before_a_bad_article(store_url):
    with Store(store_url) as s:
        got = []
        with pytest.raises(StoreError):
            for item, new in s.add_batch(items(range(3)) + [_bad(3)] + items([4])):
                got.append((item.label, new))
        assert got == [("report_0", True), ("report_1", True), ("report_2", True)]
        assert s.counts()["documents"] == 3  # the bad one and the one after it: not stored


def test_an_interrupt_while_storing_keeps_the_batches_committed_before(tmp_path, monkeypatch):
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        kb._pipeline = FakePipeline(batch_size=4)
        real, calls = kb.store.add_records, []

        def add_records(batch, **kw):
            calls.append(len(batch))
            if len(calls) == 3:
                raise KeyboardInterrupt
            return real(batch, **kw)

        monkeypatch.setattr(kb.store, "add_records", add_records)
        with pytest.raises(IngestInterrupted) as e:
            kb.ingest([article(i) for i in range(12)])
        assert len(e.value.report.added) == 8 and kb.status().counts["documents"] == 8


def test_an_interrupt_whose_cleanup_fails_still_arrives_as_an_interrupt(store_url):
    # Ctrl-C in the middle of a statement (a COPY on PostgreSQL) can leave the connection
    # unable to roll back; the database's error then must not hide the interruption
    # (the CLI's exit 130 and "what was committed" depend on it), and what was stored stays.
    store = Store(store_url)
    store.add_records(items([1]))
    with pytest.raises(KeyboardInterrupt):
        with store.write() as conn:
            conn.execute(t.documents.delete())
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt:
                conn.execute(text("SELECT * FROM no_such_table"))  # the failing cleanup: a database error
    assert store.counts()["documents"] == 1  # the delete was rolled back
    store.close()
