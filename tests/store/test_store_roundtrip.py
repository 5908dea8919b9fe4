"""Property-based round trips: a Doc written to the store and read back is the same."""

from __future__ import annotations

import itertools
import json

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from newsfusion.export.record import doc_record
from newsfusion.model import (
    ENTITY_TYPES,
    SOURCE_KINDS,
    STANCES,
    Arg,
    Article,
    Claim,
    Contradiction,
    Doc,
    Entity,
    Event,
    Fatalities,
    Mention,
    Relation,
    Side,
    Span,
    TimeExpr,
)
from newsfusion.store import Store
from newsfusion.store import schema as t

_ids = itertools.count()
small_text = st.text(max_size=25)
maybe = lambda s: st.none() | s  # noqa: E731
iso_date = st.dates().map(lambda d: d.isoformat())
fat_int = st.integers(min_value=0, max_value=10**6)


@st.composite
def docs(draw) -> Doc:
    text = draw(st.text(max_size=200))
    n = len(text)
    span = st.tuples(st.integers(0, n), st.integers(0, n)).map(lambda p: Span(min(p), max(p)))
    art = Article(
        text=text,
        title=draw(maybe(small_text)),
        author=draw(maybe(small_text)),
        outlet=draw(maybe(small_text)),
        published=draw(maybe(iso_date)),
        url=draw(maybe(small_text)),
        source_path=draw(maybe(small_text)),
        name=draw(maybe(small_text)),
    )
    doc = Doc(art, doc_id=f"doc{next(_ids):06d}")
    for _ in range(draw(st.integers(0, 4))):
        idx = len(doc.entities)
        ent = Entity(draw(st.text(min_size=1, max_size=20)), draw(st.sampled_from(ENTITY_TYPES)), aliases=draw(st.lists(small_text, max_size=3)))
        for sp in draw(st.lists(span, max_size=3)):
            doc.mentions.append(Mention(sp, text[sp.start : sp.end], ent.type, idx))
            ent.mentions.append(len(doc.mentions) - 1)
        doc.entities.append(ent)
    for _ in range(draw(st.integers(0, 3))):
        doc.claims.append(
            Claim(draw(small_text), draw(st.sampled_from(SOURCE_KINDS)), draw(st.sampled_from(STANCES)), draw(maybe(span)), draw(span), draw(span), source_span=draw(maybe(span)))
        )
    for _ in range(draw(st.integers(0, 3))):
        lo = draw(maybe(fat_int))
        ev = Event(
            draw(small_text), draw(small_text), draw(span), draw(span),
            actors=[Arg(a) for a in draw(st.lists(small_text, max_size=2))],
            location=draw(maybe(small_text.map(Arg))),
            time=draw(maybe(st.builds(TimeExpr, span, small_text, maybe(iso_date), maybe(iso_date), st.booleans()))),
            fatalities=Fatalities(lo, None if lo is None else lo + draw(fat_int)),
            sources=draw(st.lists(small_text, max_size=2)),
        )
        doc.events.append(ev)
    for _ in range(draw(st.integers(0, 2))):
        doc.relations.append(Relation(draw(small_text), "member_of", draw(small_text), draw(span)))
    if draw(st.booleans()):
        value = draw(st.integers(-5, 500) | small_text)
        doc.contradictions.append(Contradiction(draw(small_text), "numeric", Side(draw(span), "a", value=value), Side(draw(span), "b", value=value)))
    return doc


@pytest.fixture
def store(store_url):
    with Store(store_url) as s:
        yield s


# The store is created once per test (not per example): documents get distinct ids.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=docs())
def test_record_round_trip(store, doc):
    assert store.add_document(doc)
    expected = json.loads(json.dumps(doc_record(doc)))
    assert store.record(doc.doc_id) == expected
    with store.read() as conn:
        row = conn.execute(select(t.documents).where(t.documents.c.id == doc.doc_id)).mappings().one()
        n_mentions = conn.execute(select(t.mentions.c.id).where(t.mentions.c.doc_id == doc.doc_id)).all()
        claims = conn.execute(select(t.claims).where(t.claims.c.doc_id == doc.doc_id).order_by(t.claims.c.local_id)).mappings().all()
        ents = conn.execute(select(t.doc_entities.c.local_id, t.doc_entities.c.name).where(t.doc_entities.c.doc_id == doc.doc_id)).all()
    # NUL cannot be stored in PostgreSQL text: it becomes U+FFFD, one character for one.
    assert row["text"] == doc.text.replace("\x00", "\ufffd") and len(row["text"]) == len(doc.text)
    assert (row["title"], row["published"]) == (_c(doc.article.title), doc.article.published)
    assert len(n_mentions) == len(doc.mentions)
    assert sorted(ents) == sorted((f"e{i}", _c(e.name)) for i, e in enumerate(doc.entities))
    for c in claims:
        rec = expected["claims"][int(c["local_id"][1:])]
        assert [c["content_start"], c["content_end"]] == rec["content_span"]
        assert (c["stance"], c["source_kind"], c["evidence"]) == (rec["stance"], rec["source_kind"], _c(rec["evidence"]))


def _c(s):
    return None if s is None else s.replace("\x00", "\ufffd")


def test_huge_numbers_do_not_break_the_store(store):
    """A fatality count beyond a 32-bit INTEGER stays in the record, the column is left empty."""
    doc = Doc(Article(text="99999999999 killed"), doc_id="huge")
    doc.events.append(Event("Battles", "Armed clash", Span(0, 11), Span(0, 18), fatalities=Fatalities(99999999999, 99999999999)))
    assert store.add_document(doc)
    assert store.record("huge")["events"][0]["fatalities"]["min"] == 99999999999
    with store.read() as conn:
        assert conn.execute(select(t.event_reports.c.fatalities_min)).scalar() is None


def test_unstorable_characters_keep_offsets(store_url):
    """Lone surrogates (from JSON escapes) and NUL are replaced one for one."""
    text = "Kidal \ud800 attack\x00ed"
    doc = Doc(Article(text=text, title="t\udfff"), doc_id="weird")
    doc.entities.append(Entity("Kidal", "LOCATION", mentions=[0]))
    doc.mentions.append(Mention(Span(0, 5), "Kidal", "LOCATION", 0))
    with Store(store_url) as s:
        assert s.add_document(doc)
        view_text = s.record("weird")
        with s.read() as conn:
            row = conn.execute(select(t.documents.c.text, t.documents.c.title).where(t.documents.c.id == "weird")).one()
    assert row.text == "Kidal \ufffd attack\ufffded" and len(row.text) == len(text)
    assert row.title == "t\ufffd"
    assert view_text["entities"][0]["mentions"] == [[0, 5]]


def test_same_document_twice_is_a_no_op(store_url):
    doc = Doc(Article(text="Once."), doc_id="once")
    with Store(store_url) as s:
        assert s.add_document(doc) is True
        assert s.add_document(doc) is False
        assert s.counts()["documents"] == 1
