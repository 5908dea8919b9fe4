"""Full-text search: the query language, the migration that builds the index, the index kept in step."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, text

from newsfusion.store import counts, migrate
from newsfusion.store import Store, schema
from newsfusion.store.datasette import VIEWS
from newsfusion.store.search import MARK_CLOSE, MARK_OPEN, fts5_query, search, split_marks
from richkb import ART_A, DOC_A, DOC_B, build_rich_kb, record_a


@pytest.mark.parametrize(
    "q, expected",
    [
        ("attack", '("attack")'),
        ("armed clash", '("armed" AND "clash")'),
        ('"armed clash" Kirumba', '("armed clash" AND "Kirumba")'),
        ("attack -police", '(("attack") NOT "police")'),
        ('attack -"riot police"', '(("attack") NOT "riot police")'),
        ("a or b", '("a") OR ("b")'),
        ("a b or c -d", '("a" AND "b") OR (("c") NOT "d")'),
        ("or a", '("or" AND "a")'),  # a leading "or" is a word
        ("a or", '("a")'),
        ('say "hi', '("say" AND "hi")'),  # an unclosed quote ends at the end
        ('a"b', '("a""b")'),  # quotes inside a word are doubled
        ("NEAR(x y)", '("NEAR(x" AND "y)")'),
        ("title:x", '("title:x")'),  # no column filters
        ("-only", None),  # nothing positive to look for
        ("*** ---", None),
        ("", None),
    ],
)
def test_fts5_query(q, expected):
    assert fts5_query(q) == expected


@pytest.mark.parametrize(
    "s, expected",
    [
        (f"the {MARK_OPEN}army{MARK_CLOSE} said", ("the army said", [[4, 8]])),
        (f"{MARK_OPEN}a{MARK_CLOSE}{MARK_OPEN}b{MARK_CLOSE}", ("ab", [[0, 1], [1, 2]])),
        ("no marks", ("no marks", [])),
        (f"{MARK_CLOSE}stray{MARK_OPEN}", ("stray", [])),
        (None, ("", [])),
    ],
)
def test_split_marks(s, expected):
    assert split_marks(s) == expected


def _hits(url: str, q: str, kind: str) -> set[str]:
    with Store(url) as s, s.read() as conn:
        return {h.id for h in search(conn, q, kind=kind).items}


def test_index_follows_inserts_and_deletes(store_url):
    build_rich_kb(store_url)
    assert _hits(store_url, "fled", "document") == {DOC_A}
    assert _hits(store_url, "fled", "claim") == {f"{DOC_A}:c1"}
    with Store(store_url) as s, s.write() as conn:
        conn.execute(delete(schema.documents).where(schema.documents.c.id == DOC_A))  # cascades to its claims
    assert _hits(store_url, "fled", "document") == set()
    assert _hits(store_url, "fled", "claim") == set()
    assert _hits(store_url, "soldiers", "document") == {DOC_B}


def test_migration_indexes_what_is_already_stored(tmp_path):
    """A database at 0002 with articles in it gets a complete index when it is opened."""
    url = str(tmp_path / "old.db")
    build_rich_kb(url)
    with Store(url) as s, s.write() as conn:  # take it back to 0002, as the previous newsfusion left it
        for view in VIEWS:  # what 0005d added
            conn.execute(text(f"DROP VIEW {view}"))
        for fts in ("documents_fts", "claims_fts", "event_reports_fts"):
            for suffix in ("ai", "ad", "au"):
                conn.execute(text(f"DROP TRIGGER {fts}_{suffix}"))
            conn.execute(text(f"DROP TABLE {fts}"))
        conn.execute(text("DROP TABLE decisions"))  # what 0005w added
        conn.execute(text("DROP TABLE sentence_vectors"))  # and what 0007 added
        for table in ("corpus_keys", "corpus_members", "corpus_docs"):  # and what 0008 added
            conn.execute(text(f"DROP TABLE {table}"))
        for name in counts.trigger_names() if conn.dialect.name == "sqlite" else ():  # and what 0010 added
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        counts.uninstall(conn)  # and what 0012 added (PostgreSQL)
        for derived in ("entity_links", "entity_roles", "relation_links", "source_docs", "source_forms", "source_list", "row_counts"):  # and what 0009 and 0010 added
            conn.execute(text(f"DROP TABLE {derived}"))
        for name in ("ix_documents_ingested", "ix_documents_published_order", "ix_documents_published_desc", "ix_claims_doc_order", "ix_claims_lstance", "ix_entities_documents_order",
                     "ix_documents_ingested_desc", "ix_documents_title_order", "ix_documents_title_desc", "ix_documents_outlet_order", "ix_documents_outlet_desc",
                     "ix_entities_documents_asc", "ix_entities_type_order", "ix_entities_type_desc", "ix_entities_utype_documents",
                     "ix_entities_lname_order", "ix_events_date_order", "ix_events_date_desc"):
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("DROP TABLE claim_sources"))  # and what 0004 added
        conn.execute(text("ALTER TABLE entities DROP COLUMN scope"))
        conn.execute(text("ALTER TABLE overrides DROP COLUMN name"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    with Store(url) as s:
        assert s.revision() == migrate.head()
    assert _hits(url, "soldiers", "document") == {DOC_A, DOC_B}
    assert _hits(url, "civilians", "event") == {"evt_attack"}


def test_a_new_article_is_searchable_at_once(tmp_path):
    url = str(tmp_path / "kb.db")
    with Store(url) as s:
        s.add_record(ART_A, record_a(), doc_id=DOC_A)
    assert _hits(url, "spokesman", "document") == {DOC_A}


@pytest.mark.postgres
def test_postgres_search_uses_the_gin_index(store_url):
    if not store_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    from sqlalchemy.dialects import postgresql

    from newsfusion.store.search import SOURCES, _matches

    build_rich_kb(store_url)
    with Store(store_url) as s, s.read() as conn:
        base, _, _ = _matches(conn, SOURCES["document"], "soldiers")
        sql = str(base.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
        conn.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(r[0] for r in conn.execute(text("EXPLAIN " + sql)))
    assert "ix_documents_fts" in plan, plan
