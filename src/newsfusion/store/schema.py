"""The knowledge-base schema: one set of SQLAlchemy Core tables for SQLite and PostgreSQL.

Three groups of tables (see docs/store.md for every column):

* **per-document** tables, written once when an article is ingested, each
  article in its own transaction: ``documents``, ``doc_entities``,
  ``mentions``, ``event_reports``, ``claims``, ``relations``;
* **knowledge-base** tables, replaced as a whole (one transaction) each time the
  corpus steps run: ``entities``, ``entity_aliases``, ``entity_members``,
  ``claim_sources``, ``events``, ``event_members``, ``contradictions``, ``grades``;
* **analyst** tables, kept forever: ``overrides`` (merge/split/rename decisions) and
  ``source_ratings``; plus ``ingest_runs`` and ``meta`` (the newsfusion marker).

Columns are plain (TEXT, INTEGER, REAL) so the SQLite file opens in Datasette
or pandas as it is; lists and objects are JSON in TEXT columns (named in
:data:`JSON_COLUMNS`); spans are two integer columns ``*_start``/``*_end``
(character offsets into ``documents.text``); times are ISO-8601 text in UTC.

The migrations in ``store/migrations/versions`` build exactly this schema; a
test compares the two.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, Table, Text, func

metadata = MetaData()

# The marker that says "this database is a newsfusion database".
APPLICATION = "newsfusion"


def _doc_fk() -> ForeignKey:
    return ForeignKey("documents.id", ondelete="CASCADE")


def _span(prefix: str) -> list[Column]:
    return [Column(f"{prefix}_start", Integer), Column(f"{prefix}_end", Integer)]


meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text),
)

ingest_runs = Table(
    "ingest_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("pipeline_version", Text, nullable=False),
    Column("started_at", Text, nullable=False),
    Column("finished_at", Text),
    Column("status", Text, nullable=False),  # running | done | interrupted | failed
    Column("added", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("inputs", Text),  # JSON list of the paths given
    Column("warnings", Text),  # JSON list of warning lines
)

# ---------------------------------------------------------------- per-document

documents = Table(
    "documents",
    metadata,
    Column("id", Text, primary_key=True),  # Article.content_hash
    Column("name", Text),
    Column("title", Text),
    Column("author", Text),
    Column("outlet", Text),
    Column("published", Text),
    Column("url", Text),
    Column("source_path", Text),
    Column("source_format", Text),
    Column("language", Text),
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),  # JSON: export.record.doc_record(doc)
    Column("pipeline_version", Text),
    Column("ingested_at", Text, nullable=False),
    Column("run_id", Integer, ForeignKey("ingest_runs.id")),
    Index("ix_documents_run_id", "run_id"),
    Index("ix_documents_name", "name"),
    Index("ix_documents_outlet", "outlet"),
    Index("ix_documents_published", "published"),
)

doc_entities = Table(
    "doc_entities",
    metadata,
    Column("doc_id", Text, _doc_fk(), primary_key=True),
    Column("local_id", Text, primary_key=True),  # "e0", as in the record
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("kb_id", Text),
    Column("kind", Text),
    Column("country", Text),
    Column("aliases", Text),  # JSON list
    Index("ix_doc_entities_type", "type"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", Text, _doc_fk(), nullable=False),
    Column("entity_local_id", Text),  # "e0"; NULL when the mention belongs to no entity
    *_span("span"),
    Column("text", Text),
    Column("type", Text),
    Column("source", Text),  # model | gazetteer | rule
    Index("ix_mentions_doc_id", "doc_id", "entity_local_id"),
)

event_reports = Table(
    "event_reports",
    metadata,
    Column("doc_id", Text, _doc_fk(), primary_key=True),
    Column("local_id", Text, primary_key=True),  # "v0"
    Column("acled_type", Text),
    Column("acled_sub_type", Text),
    Column("actors", Text),  # JSON list
    Column("targets", Text),  # JSON list
    Column("location", Text),
    Column("time_text", Text),
    Column("time_start", Text),
    Column("time_end", Text),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("status", Text),
    Column("weapon", Text),
    Column("sources", Text),  # JSON list
    Column("evidence", Text),
    *_span("evidence"),
    *_span("trigger"),
    Index("ix_event_reports_acled_type", "acled_type"),
)

claims = Table(
    "claims",
    metadata,
    Column("doc_id", Text, _doc_fk(), primary_key=True),
    Column("local_id", Text, primary_key=True),  # "c0"
    Column("source", Text),
    Column("source_kind", Text),
    Column("stance", Text),
    Column("cue", Text),
    Column("content", Text),
    Column("evidence", Text),
    *_span("cue"),
    *_span("content"),
    *_span("evidence"),
    *_span("source"),
    Column("resolved_from", Text),
    Index("ix_claims_source", "source"),
    Index("ix_claims_source_kind", "source_kind"),
    Index("ix_claims_stance", "stance"),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", Text, _doc_fk(), nullable=False),
    Column("subject", Text),
    Column("predicate", Text),
    Column("object", Text),
    Column("evidence", Text),
    *_span("evidence"),
    Column("claim_local_id", Text),  # "c3" or NULL
    Index("ix_relations_doc_id", "doc_id"),
    Index("ix_relations_predicate", "predicate"),
)

# -------------------------------------------------------------- knowledge base

entities = Table(
    "entities",
    metadata,
    Column("id", Text, primary_key=True),  # stable id from the corpus step, e.g. ent_1a2b...
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("kb_id", Text),
    Column("kind", Text),
    Column("country", Text),
    Column("geo", Text),  # JSON object
    Column("merges", Text),  # JSON list: why members were joined
    Column("n_members", Integer),
    Column("n_documents", Integer),
    Column("scope", Text),  # an anonymous source (type SOURCE): the outlet, or the article, it is scoped to
    Index("ix_entities_type", "type"),
    Index("ix_entities_name", "name"),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("entity_id", Text, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", Text, primary_key=True),
    Index("ix_entity_aliases_alias", "alias"),
)

entity_members = Table(
    "entity_members",
    metadata,
    Column("entity_id", Text, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", Text, _doc_fk(), primary_key=True),
    Column("local_id", Text, primary_key=True),  # doc_entities.local_id
    Index("ix_entity_members_doc", "doc_id", "local_id"),
)

claim_sources = Table(
    "claim_sources",
    metadata,
    Column("doc_id", Text, _doc_fk(), primary_key=True),
    Column("local_id", Text, primary_key=True),  # claims.local_id, "c3"
    Column("entity_id", Text, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Index("ix_claim_sources_entity", "entity_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Text, primary_key=True),  # stable id from the corpus step, e.g. evt_1a2b...
    Column("acled_type", Text),
    Column("acled_sub_type", Text),
    Column("event_date", Text),
    Column("time_precision", Integer),
    Column("location", Text),
    Column("country", Text),
    Column("admin1", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("actor1", Text),
    Column("actor2", Text),
    Column("fatalities_min", Integer),
    Column("fatalities_max", Integer),
    Column("sources", Text),  # JSON list of who reports it
    Column("n_reports", Integer),
    Column("summary", Text),  # JSON object, as the corpus step made it
    Column("merges", Text),  # JSON list: why reports were fused
    Index("ix_events_acled_type", "acled_type"),
    Index("ix_events_event_date", "event_date"),
)

event_members = Table(
    "event_members",
    metadata,
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("doc_id", Text, _doc_fk(), primary_key=True),
    Column("local_id", Text, primary_key=True),  # event_reports.local_id
    Index("ix_event_members_doc", "doc_id", "local_id"),
)


def _side(p: str) -> list[Column]:
    return [
        Column(f"{p}_doc_id", Text, _doc_fk()),
        Column(f"{p}_source", Text),
        Column(f"{p}_evidence", Text),
        *_span(f"{p}_evidence"),
        Column(f"{p}_claim", Text),
        Column(f"{p}_event", Text),
        Column(f"{p}_value", Text),  # JSON
    ]


contradictions = Table(
    "contradictions",
    metadata,
    Column("id", Text, primary_key=True),
    Column("about", Text),
    Column("kind", Text),  # numeric | polarity | account | blame
    Column("scope", Text),  # article | corpus
    *_side("a"),
    *_side("b"),
    Index("ix_contradictions_a_doc", "a_doc_id"),
    Index("ix_contradictions_b_doc", "b_doc_id"),
)

grades = Table(
    "grades",
    metadata,
    Column("target", Text, primary_key=True),  # claim | event | relation
    Column("target_id", Text, primary_key=True),  # "doc_id:c3" for a claim, the KB id for an event
    Column("reliability", Text, nullable=False),  # A..F
    Column("credibility", Integer, nullable=False),  # 1..6
    Column("independent_sources", Integer),
    Column("reasons", Text),  # JSON list
)

# ------------------------------------------------------------------- analyst

overrides = Table(
    "overrides",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", Text, nullable=False),  # merge | split
    Column("a", Text),  # merge: entity id or name
    Column("b", Text),  # merge: entity id or name
    Column("entity", Text),  # split, rename: entity id
    Column("name", Text),  # rename: the new name
    Column("created_at", Text, nullable=False),
    Column("note", Text),
)

source_ratings = Table(
    "source_ratings",
    metadata,
    Column("source", Text, primary_key=True),
    Column("reliability", Text, nullable=False),  # A..F
    Column("rated_at", Text, nullable=False),
)

# The workbench's decisions (migration 0005w): corrections and reviews taken in the web pages,
# applied by a background worker (pending -> done | failed; undone once reverted). Never rebuilt.
decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", Text, nullable=False),  # merge | split | rename | rate | wrong | confirm | dismiss
    Column("target", Text, nullable=False),  # entity | source | event | claim | contradiction
    Column("target_id", Text, nullable=False),
    Column("params", Text),  # JSON: what the action needs (the other entity, the name, the grade)
    Column("who", Text, nullable=False),
    Column("why", Text),
    Column("created_at", Text, nullable=False),
    Column("status", Text, nullable=False),  # pending | done | failed | undoing | undone
    Column("done_at", Text),
    Column("result", Text),  # JSON: the override id, a previous rating, warnings
    Column("error", Text),
    Column("undone_at", Text),
    Index("ix_decisions_target", "target", "target_id"),
    Index("ix_decisions_status", "status"),
)

# ------------------------------------------------------------------- caches

# The embedding of an event report's evidence sentence, keyed by sha1(model, sentence):
# event fusion embeds a sentence once, not on every run (store/vectors.py).
sentence_vectors = Table(
    "sentence_vectors",
    metadata,
    Column("key", Text, primary_key=True),
    Column("vector", LargeBinary, nullable=False),  # float32, little-endian
)

# The corpus index the incremental corpus steps read (resolve/incremental.py; 0008): a cache
# of the records, rewritten by every full rebuild.
corpus_docs = Table(
    "corpus_docs",
    metadata,
    Column("doc_id", Text, primary_key=True),
    Column("ord", Integer, nullable=False),
)
corpus_members = Table(
    "corpus_members",
    metadata,
    Column("ref", Text, primary_key=True),  # doc_id \x1f local entity id
    Column("doc_id", Text, nullable=False),
    Column("ord", Integer, nullable=False),
    Column("facts", Text, nullable=False),
    Index("ix_corpus_members_doc", "doc_id"),
)
corpus_keys = Table(
    "corpus_keys",
    metadata,
    Column("kind", Text, nullable=False),
    Column("key", Text, nullable=False),
    Column("ref", Text, nullable=False),
    Column("doc_id", Text, nullable=False),
    Column("n", Integer),
    Column("extra", Text),
    Index("ix_corpus_keys_key", "kind", "key"),
    Index("ix_corpus_keys_ref", "kind", "ref"),
    Index("ix_corpus_keys_doc", "doc_id"),
)
CORPUS_INDEX = (corpus_keys, corpus_members, corpus_docs)

# --------------------------------------------------------------- list orders

# The orders the listings page through (store/queries.py and the web readers), so a page
# of 50 at 100,000 articles reads 50 rows instead of sorting the table (migration 0008).
Index("ix_documents_ingested", documents.c.ingested_at, documents.c.id)
Index("ix_documents_published_order", documents.c.published.is_(None), documents.c.published, documents.c.id)
Index("ix_documents_published_desc", documents.c.published.is_(None), documents.c.published.desc(), documents.c.id)
Index("ix_claims_lstance", func.lower(claims.c.stance))
Index("ix_claims_doc_order", claims.c.doc_id, claims.c.evidence_start, claims.c.local_id)
Index("ix_entities_documents_order", entities.c.n_documents.desc(), entities.c.name, entities.c.id)
Index("ix_entities_lname_order", func.lower(entities.c.name), entities.c.name, entities.c.id)
Index("ix_events_date_order", events.c.event_date.is_(None), events.c.event_date, events.c.id)
Index("ix_events_date_desc", events.c.event_date.is_(None), events.c.event_date.desc(), events.c.id)
# and the other orders the pages offer (migration 0010): entities by fewest documents and by type,
# documents newest ingest first, by title and by outlet, either way
Index("ix_entities_documents_asc", entities.c.n_documents, entities.c.name, entities.c.id)
Index("ix_entities_type_order", entities.c.type, entities.c.name, entities.c.id)
Index("ix_entities_type_desc", entities.c.type.desc(), entities.c.name, entities.c.id)
Index("ix_entities_utype_documents", func.upper(entities.c.type), entities.c.n_documents.desc(), entities.c.name, entities.c.id)  # ?type= in the default order
Index("ix_documents_ingested_desc", documents.c.ingested_at.desc(), documents.c.id)
Index("ix_documents_title_order", func.lower(documents.c.title), documents.c.id)
Index("ix_documents_title_desc", func.lower(documents.c.title).desc(), documents.c.id)
Index("ix_documents_outlet_order", documents.c.outlet.is_(None), func.lower(documents.c.outlet), documents.c.id)
Index("ix_documents_outlet_desc", documents.c.outlet.is_(None), func.lower(documents.c.outlet).desc(), documents.c.id)

# ----------------------------------------------------------------- derived

# Who does what, worked out once when the knowledge base is written (store/linkrows.py) from
# the per-document rows and the KB tables, so the readers need not redo it per request:
# ``entity_links`` holds, per entity, role and document, how often it is mentioned or a
# relation's side there (``ref`` = ''), one row per claim it makes or is about (``ref`` = the
# claim's local id) and one per event it plays a role in (``ref`` = the KB event id, or
# ``doc:v0`` for a report in no event; ``n`` its place in the article); ``entity_roles`` sums them per entity
# (web_links.ROLES, events counted once); ``relation_links`` ties each relation ("doc:r3")
# to the KB entities on its two sides. Rows of a document change only when its entity,
# claim-source or event links change, so they are rewritten for the documents touched.
entity_links = Table(
    "entity_links",
    metadata,
    Column("entity_id", Text, primary_key=True),
    Column("role", Text, primary_key=True),
    Column("doc_id", Text, _doc_fk(), primary_key=True),
    Column("ref", Text, primary_key=True),
    Column("n", Integer, nullable=False),
    Index("ix_entity_links_doc", "doc_id"),
    Index("ix_entity_links_ref", "ref", "entity_id", "role"),  # the delta of entity_roles' event counts (linkrows.refresh)
)

entity_roles = Table(
    "entity_roles",
    metadata,
    Column("entity_id", Text, primary_key=True),
    *[Column(role, Integer, nullable=False) for role in ("mentions", "claim_source", "claim_subject", "event_actor", "event_target", "event_location",
                                                          "relation_subject", "relation_object")],
)

relation_links = Table(
    "relation_links",
    metadata,
    Column("doc_id", Text, _doc_fk(), primary_key=True),
    Column("idx", Integer, primary_key=True),  # the n of "doc:r<n>": the relation's place among its article's
    Column("relation_id", Integer, nullable=False),  # relations.id
    Column("subject_id", Text),
    Column("object_id", Text),
    Index("ix_relation_links_subject", "subject_id", "doc_id", "idx"),
    Index("ix_relation_links_object", "object_id", "doc_id", "idx"),
)

# Who says things, worked out when the knowledge base is written (store/sourcerows.py), so the
# sources list reads one table instead of every claim, outlet and author of the corpus per call:
# ``source_docs`` holds what each document contributes (``via`` 'claim': its claims per source
# entity, or per source name when no entity holds it, with the spelling and the count; 'doc': its
# outlet and author, ``key`` the source they resolve to through ``source_forms``); ``source_forms``
# the name keys of every source entity's names, aliases and spellings; ``source_list`` one row per
# source as ``newsfusion sources`` and ``/api/sources`` show it (``key`` "id:<entity>" or the name).
source_docs = Table(
    "source_docs",
    metadata,
    Column("doc_id", Text, _doc_fk(), primary_key=True),
    Column("via", Text, primary_key=True),  # 'claim' or 'doc'
    Column("key", Text, primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("name", Text, primary_key=True),  # the spelling ('' when the claim names none)
    Column("entity_id", Text),  # the claim-source entity (via 'claim')
    Column("nkey", Text),  # name_key(name) of an outlet or author (via 'doc')
    Column("n", Integer, nullable=False),  # claims
    Index("ix_source_docs_key", "key"),
    Index("ix_source_docs_nkey", "nkey"),
    Index("ix_source_docs_entity", "entity_id"),
)

source_forms = Table(
    "source_forms",
    metadata,
    Column("nkey", Text, primary_key=True),
    Column("entity_id", Text, primary_key=True),
    Index("ix_source_forms_entity", "entity_id"),
)

source_list = Table(
    "source_list",
    metadata,
    Column("key", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("lname", Text, nullable=False),  # name.lower() (Python's), the name order
    Column("names", Text, nullable=False),  # the name and aliases, lowered, one a line: the name filter
    Column("kinds", Text, nullable=False),  # JSON list
    Column("claims", Integer, nullable=False),
    Column("documents", Integer, nullable=False),
    Column("rating", Text),
    Column("entity_id", Text, nullable=False),  # '' for a source no entity holds
    Column("aliases", Text, nullable=False),  # JSON list
    Column("scope", Text),
)
# the sources page's default order (most documents first) and the CLI's (then most claims)
Index("ix_source_list_documents", source_list.c.documents.desc(), source_list.c.lname, source_list.c.name, source_list.c.entity_id)
Index("ix_source_list_all", source_list.c.documents.desc(), source_list.c.claims.desc(), source_list.c.lname, source_list.c.name, source_list.c.entity_id)
# the page's other orders, either way (ties by name)
Index("ix_source_list_documents_asc", source_list.c.documents, source_list.c.lname, source_list.c.name, source_list.c.entity_id)
Index("ix_source_list_claims", source_list.c.claims, source_list.c.lname, source_list.c.name, source_list.c.entity_id)
Index("ix_source_list_claims_desc", source_list.c.claims.desc(), source_list.c.lname, source_list.c.name, source_list.c.entity_id)
Index("ix_source_list_name", source_list.c.lname, source_list.c.name, source_list.c.entity_id)
Index("ix_source_list_name_desc", source_list.c.lname.desc(), source_list.c.name, source_list.c.entity_id)
Index("ix_source_list_rating", func.coalesce(source_list.c.rating, "Z"), source_list.c.lname, source_list.c.name, source_list.c.entity_id)
Index("ix_source_list_rating_desc", func.coalesce(source_list.c.rating, "Z").desc(), source_list.c.lname, source_list.c.name, source_list.c.entity_id)
# Row counts kept by triggers on every write (store/counts.py; SQLite): per table, and per
# value of the facets the lists filter on alone. Not part of the knowledge-base snapshot
# (they count the per-document tables too).
row_counts = Table(
    "row_counts",
    metadata,
    Column("tbl", Text, primary_key=True),
    Column("facet", Text, primary_key=True),
    Column("value", Text, primary_key=True),
    Column("n", Integer, nullable=False),
)
DERIVED_TABLES = (entity_links, entity_roles, relation_links, source_docs, source_forms, source_list)

# Tables replaced as a whole by the corpus steps, children first (delete order).
KB_TABLES = (claim_sources, entity_aliases, entity_members, entities, event_members, events, contradictions, grades)
# Columns holding JSON text.
JSON_COLUMNS = {
    "ingest_runs": ("inputs", "warnings"),
    "documents": ("record",),
    "doc_entities": ("aliases",),
    "event_reports": ("actors", "targets", "sources"),
    "entities": ("geo", "merges"),
    "events": ("sources", "summary", "merges"),
    "contradictions": ("a_value", "b_value"),
    "grades": ("reasons",),
    "decisions": ("params", "result"),
}
