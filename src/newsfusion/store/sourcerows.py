"""Who says things, written down once: ``source_docs``, ``source_forms`` and ``source_list``.

The sources list (``newsfusion sources``, ``KnowledgeBase.sources``,
``/api/sources`` and the sources page) is everyone who says something, once:
the source entity of every claim under all its spellings, the sources no
entity holds by name, and the outlets and authors of the articles, joined to
the source entity one of whose names they are; with counts and ratings.
Worked out per call (:func:`compute`), that reads every claim, outlet and
author of the corpus (90 s at 100,000 articles). So it is worked out when the
knowledge base is written (:func:`refresh`, from ``Store.update_kb``,
``Store.replace_kb`` and the incremental ``corpusindex.apply_plan``), for the
documents and entities that changed, and the readers read ``source_list``:

* ``source_docs``: what a document contributes. ``via`` 'claim': per source
  (``key`` "id:<entity>" for a claim-source entity, else the source's name),
  kind and spelling, how many of its claims; ``via`` 'doc': its outlet and its
  author, ``nkey`` their name key and ``key`` the source they resolve to.
* ``source_forms``: the name keys of every source entity's name, aliases and
  spellings; an outlet or author whose name key is one of them is that
  entity (the lowest entity id when several share it).
* ``source_list``: one row per source, the sums, with its rating.

Ratings (``source_ratings``) are few and change without a knowledge-base
write, so every rated row is worked out again on each refresh and by
:func:`refresh_ratings` when a rating changes.

Order within a row: the kinds of its claims (sorted), then "outlet", then
"author"; the aliases are the entity's aliases, then its other spellings
(sorted).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from ..gazetteer.normalize import name_key
from . import schema as t
from .views import SourceInfo

CHUNK = 500  # SQLite caps bound parameters


def _chunks(items: list) -> Iterable[list]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


# ------------------------------------------------------------------ per document


def _doc_rows(conn: Connection, docs: list[str]) -> list[dict[str, Any]]:
    """``source_docs`` rows of ``docs``; the outlet and author rows keyed by their own name (resolved later)."""
    cs, c, d = t.claim_sources.c, t.claims.c, t.documents.c
    n: dict[tuple, int] = defaultdict(int)
    for chunk in _chunks(docs):
        linked: set[tuple[str, str]] = set()
        q = select(cs.entity_id, cs.doc_id, cs.local_id, c.source, c.source_kind).join(t.claims, (c.doc_id == cs.doc_id) & (c.local_id == cs.local_id))
        for eid, doc_id, local, name, kind in conn.execute(q.where(cs.doc_id.in_(chunk))):
            linked.add((doc_id, local))
            n[(doc_id, "claim", f"id:{eid}", kind or "unknown", name or "", eid, None)] += 1
        for name, kind, doc_id, local in conn.execute(select(c.source, c.source_kind, c.doc_id, c.local_id).where(c.doc_id.in_(chunk))):
            if name and (doc_id, local) not in linked:  # a knowledge base built before sources were entities
                n[(doc_id, "claim", name, kind or "unknown", name, None, None)] += 1
        for doc_id, outlet, author in conn.execute(select(d.id, d.outlet, d.author).where(d.id.in_(chunk))):
            for name, kind in ((outlet, "outlet"), (author, "author")):
                if name is not None:
                    n[(doc_id, "doc", name, kind, name, None, name_key(name))] = 0
    cols = ("doc_id", "via", "key", "kind", "name", "entity_id", "nkey")
    return [{**dict(zip(cols, k)), "n": v} for k, v in n.items()]


def _forms(conn: Connection, ids: list[str]) -> list[dict[str, str]]:
    """``source_forms`` rows of the entities ``ids`` that are claim sources and exist."""
    e, a, sd = t.entities.c, t.entity_aliases.c, t.source_docs.c
    names: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(ids):
        for eid, name in conn.execute(select(e.id, e.name).where(e.id.in_(chunk))):
            names[eid].add(name)
    live = sorted(names)
    sources: set[str] = set()
    for chunk in _chunks(live):
        for eid, name in conn.execute(select(sd.entity_id, sd.name).where(sd.via == "claim", sd.entity_id.in_(chunk)).distinct()):
            sources.add(eid)
            if name:
                names[eid].add(name)
        for eid, alias in conn.execute(select(a.entity_id, a.alias).where(a.entity_id.in_(chunk))):
            names[eid].add(alias)
    return [{"nkey": k, "entity_id": eid} for eid in sorted(sources) for k in sorted({name_key(x) for x in names[eid]})]


def _resolve(conn: Connection, nkeys: Iterable[str]) -> dict[str, str]:
    """name key -> "id:<entity>" for the keys a source entity has (the lowest id)."""
    f = t.source_forms.c
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(set(nkeys))):
        for k, eid in conn.execute(select(f.nkey, func.min(f.entity_id)).where(f.nkey.in_(chunk)).group_by(f.nkey)):
            out[k] = f"id:{eid}"
    return out


# ------------------------------------------------------------------- the list


def _ratings(conn: Connection) -> dict[str, str]:
    """key -> grade: a rating given to an entity id, or to any name, alias or spelling of a source."""
    r, sd = t.source_ratings.c, t.source_docs.c
    given = conn.execute(select(r.source, r.reliability).order_by(r.source)).all()
    if not given:
        return {}
    ids = {f"id:{g}" for g, _ in given}
    known = set()
    for chunk in _chunks(sorted(ids)):
        known |= set(conn.execute(select(sd.key).where(sd.via == "claim", sd.key.in_(chunk)).distinct()).scalars())
    forms = _resolve(conn, [name_key(g) for g, _ in given])
    out: dict[str, str] = {}
    for g, grade in given:
        key = f"id:{g}" if f"id:{g}" in known else forms.get(name_key(g), g)
        out.setdefault(key, grade)
    return out


def _list_rows(conn: Connection, keys: list[str], ratings: dict[str, str]) -> list[dict[str, Any]]:
    sd, e, a = t.source_docs.c, t.entities.c, t.entity_aliases.c
    kinds: dict[str, set[str]] = defaultdict(set)
    extra: dict[str, set[str]] = defaultdict(set)  # outlet / author
    docs: dict[str, set[str]] = defaultdict(set)
    n_claims: dict[str, int] = defaultdict(int)
    spelled: dict[str, set[str]] = defaultdict(set)
    for key, via, kind, doc_id, name, n in conn.execute(select(sd.key, sd.via, sd.kind, sd.doc_id, sd.name, sd.n).where(sd.key.in_(keys))):
        docs[key].add(doc_id)
        if via == "claim":
            kinds[key].add(kind)
            n_claims[key] += n
            if name and key.startswith("id:"):
                spelled[key].add(name)
        else:
            extra[key].add(kind)
    ids = [k[3:] for k in keys if k.startswith("id:")]
    info = {r.id: r for r in conn.execute(select(e.id, e.name, e.scope).where(e.id.in_(ids)))} if ids else {}
    aliases: dict[str, list[str]] = defaultdict(list)
    if ids:
        for eid, alias in conn.execute(select(a.entity_id, a.alias).where(a.entity_id.in_(ids)).order_by(a.entity_id, a.alias)):
            aliases[eid].append(alias)
    out = []
    for key in keys:
        if key not in docs and key not in ratings:
            continue
        ks = sorted(kinds[key]) + [k for k in ("outlet", "author") if k in extra[key] and k not in kinds[key]]
        if key.startswith("id:"):
            r = info.get(key[3:])
            if r is None:
                continue
            name, eid, scope = r.name, r.id, r.scope
            names = [x for x in dict.fromkeys([*aliases.get(eid, []), *sorted(spelled[key])]) if x != name]
        else:
            name, eid, scope, names = key, "", None, []
        out.append({"key": key, "name": name, "lname": name.lower(), "names": "\n".join(x.lower() for x in [name, *names]),
                    "kinds": json.dumps(ks), "claims": n_claims.get(key, 0), "documents": len(docs.get(key, ())),
                    "rating": ratings.get(key), "entity_id": eid, "aliases": json.dumps(names, ensure_ascii=False), "scope": scope})
    return out


def _rewrite(conn: Connection, keys: Iterable[str]) -> None:
    """Work ``source_list`` out again for ``keys`` and every rated source."""
    sl = t.source_list.c
    ratings = _ratings(conn)
    todo = set(keys) | set(ratings) | set(conn.execute(select(sl.key).where(sl.rating.is_not(None))).scalars())
    for chunk in _chunks(sorted(todo)):
        conn.execute(delete(t.source_list).where(sl.key.in_(chunk)))
        rows = _list_rows(conn, chunk, ratings)
        if rows:
            conn.execute(insert(t.source_list), rows)


def refresh(conn: Connection, docs: Iterable[str] | None = None, entities: Iterable[str] = ()) -> None:
    """Rewrite the source rows of ``docs`` (every document when None) and of the entities
    ``entities`` (whose names or aliases may have changed), and the sources they change."""
    sd, sf = t.source_docs.c, t.source_forms.c
    if docs is None:
        for table in (t.source_list, t.source_forms, t.source_docs):
            conn.execute(delete(table))
        todo = list(conn.execute(select(t.documents.c.id).order_by(t.documents.c.id)).scalars())
    else:
        todo = sorted(set(docs))
    keys: set[str] = set()
    touched = set(entities)
    for chunk in _chunks(todo) if docs is not None else ():
        for key, eid in conn.execute(select(sd.key, sd.entity_id).where(sd.doc_id.in_(chunk)).distinct()):
            keys.add(key)
            if eid:
                touched.add(eid)
        conn.execute(delete(t.source_docs).where(sd.doc_id.in_(chunk)))
    for i in range(0, len(todo), 400):
        rows = _doc_rows(conn, todo[i : i + 400])
        if rows:
            conn.execute(insert(t.source_docs), rows)
        touched.update(r["entity_id"] for r in rows if r["entity_id"])
        keys.update(r["key"] for r in rows if r["via"] == "claim")
    # the forms of the entities touched, and the outlets and authors whose source they may change
    ids = sorted(touched)
    nkeys: set[str] = set()
    for chunk in _chunks(ids):
        nkeys |= set(conn.execute(select(sf.nkey).where(sf.entity_id.in_(chunk))).scalars())
        conn.execute(delete(t.source_forms).where(sf.entity_id.in_(chunk)))
    forms = _forms(conn, ids)
    if forms:
        conn.execute(insert(t.source_forms), forms)
    nkeys |= {f["nkey"] for f in forms}
    keys |= {f"id:{e}" for e in ids}
    doc_rows = []  # (doc, kind, name, nkey, key) of the outlet and author rows to resolve again
    stmt = select(sd.doc_id, sd.kind, sd.name, sd.nkey, sd.key).where(sd.via == "doc")
    if docs is None:
        doc_rows = conn.execute(stmt).all()
    else:
        seen = set()
        for chunk in _chunks(todo):
            doc_rows += conn.execute(stmt.where(sd.doc_id.in_(chunk))).all()
        for chunk in _chunks(sorted(nkeys)):
            doc_rows += conn.execute(stmt.where(sd.nkey.in_(chunk))).all()
        doc_rows = [r for r in doc_rows if not (r[:2] in seen or seen.add(r[:2]))]
    resolved = _resolve(conn, {r.nkey for r in doc_rows})
    moves = []
    for r in doc_rows:
        new = resolved.get(r.nkey, r.name)
        keys.add(new)
        if new != r.key:
            keys.add(r.key)
            moves.append({"d": r.doc_id, "k": r.kind, "old": r.key, "new": new})
    for m in moves:
        conn.execute(update(t.source_docs).where(and_(sd.doc_id == m["d"], sd.via == "doc", sd.kind == m["k"], sd.key == m["old"])).values(key=m["new"]))
    _rewrite(conn, keys)


def docs_to_refresh(conn: Connection, touched: Iterable[str]) -> set[str]:
    """``touched`` and the documents never worked out (new articles)."""
    d, sd = t.documents.c, t.source_docs.c
    out = set(touched)
    out.update(conn.execute(select(d.id).where(d.id.not_in(select(sd.doc_id))).distinct()).scalars())
    return out


def refresh_ratings(conn: Connection) -> None:
    """After a rating changed: the rated sources' rows (and those that were rated)."""
    _rewrite(conn, ())


# -------------------------------------------------------------------- readers


def info(r: Any) -> SourceInfo:
    return SourceInfo(r.name, json.loads(r.kinds), r.claims, r.documents, r.rating, r.entity_id or None, json.loads(r.aliases), r.scope)


def read_all(conn: Connection, limit: int | None = None) -> list[SourceInfo]:
    """Every source, most documents first, then most claims, then by name."""
    sl = t.source_list.c
    stmt = select(t.source_list).order_by(sl.documents.desc(), sl.claims.desc(), sl.lname, sl.name, sl.entity_id).limit(limit)
    return [info(r) for r in conn.execute(stmt)]


def page_select(*, name: str | None = None, kind: str | None = None, sort: str = "-documents"):
    """The ordered select of the sources page: ``sort`` (ties by name), filtered by a part of any
    of the names and by a kind."""
    sl = t.source_list.c
    col = {"documents": sl.documents, "claims": sl.claims, "name": sl.lname, "rating": func.coalesce(sl.rating, "Z")}[sort.lstrip("-")]
    stmt = select(t.source_list).order_by(col.desc() if sort.startswith("-") else col, sl.lname, sl.name, sl.entity_id)
    if name:
        stmt = stmt.where(sl.names.contains(name.lower(), autoescape=True))
    if kind:
        stmt = stmt.where(sl.kinds.contains(json.dumps(kind), autoescape=True))
    return stmt


# ------------------------------------------------------------ the direct way


def compute(conn: Connection) -> list[SourceInfo]:
    """The sources list worked out from the stored rows directly (what ``source_list`` holds;
    the reference the tests compare it with)."""
    cs, c, d, e = t.claim_sources.c, t.claims.c, t.documents.c, t.entities.c
    kinds: dict[str, dict[str, None]] = defaultdict(dict)
    docs: dict[str, set[str]] = defaultdict(set)
    n_claims: dict[str, int] = defaultdict(int)
    spelled: dict[str, set[str]] = defaultdict(set)
    linked: set[tuple[str, str]] = set()
    q = select(cs.entity_id, cs.doc_id, cs.local_id, c.source, c.source_kind).join(t.claims, (c.doc_id == cs.doc_id) & (c.local_id == cs.local_id))
    for eid, doc_id, local, name, kind in conn.execute(q):
        key = f"id:{eid}"
        linked.add((doc_id, local))
        kinds[key][kind or "unknown"] = None
        docs[key].add(doc_id)
        n_claims[key] += 1
        if name:
            spelled[key].add(name)
    for name, kind, doc_id, local in conn.execute(select(c.source, c.source_kind, c.doc_id, c.local_id)):
        if name and (doc_id, local) not in linked:
            kinds[name][kind or "unknown"] = None
            docs[name].add(doc_id)
            n_claims[name] += 1
    ids = sorted(k[3:] for k in kinds if k.startswith("id:"))
    info_: dict[str, Any] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(ids):
        info_.update({r.id: r for r in conn.execute(select(e.id, e.name, e.scope).where(e.id.in_(chunk)))})
        for eid, alias in conn.execute(select(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias).where(t.entity_aliases.c.entity_id.in_(chunk))
                                       .order_by(t.entity_aliases.c.entity_id, t.entity_aliases.c.alias)):
            aliases[eid].append(alias)
    forms: dict[str, str] = {}
    for eid in ids:  # the lowest id first
        if eid in info_:
            for f in [info_[eid].name, *aliases.get(eid, []), *spelled.get(f"id:{eid}", ())]:
                forms.setdefault(name_key(f), f"id:{eid}")
    extra: dict[str, dict[str, None]] = defaultdict(dict)
    for col, kind in ((d.outlet, "outlet"), (d.author, "author")):
        for name, doc_id in conn.execute(select(col, d.id).where(col.is_not(None))):
            key = forms.get(name_key(name), name)
            extra[key][kind] = None
            docs[key].add(doc_id)
    rating: dict[str, str] = {}
    for given, grade in conn.execute(select(t.source_ratings.c.source, t.source_ratings.c.reliability).order_by(t.source_ratings.c.source)):
        key = f"id:{given}" if f"id:{given}" in kinds else forms.get(name_key(given), given)
        rating.setdefault(key, grade)
    out = []
    for key in dict.fromkeys([*kinds, *extra, *rating]):
        ks = sorted(kinds.get(key, {})) + [k for k in ("outlet", "author") if k in extra.get(key, {}) and k not in kinds.get(key, {})]
        if key.startswith("id:"):
            if key[3:] not in info_:
                continue
            r = info_[key[3:]]
            names = [n for n in dict.fromkeys([*aliases.get(r.id, []), *sorted(spelled.get(key, ()))]) if n != r.name]
            out.append(SourceInfo(r.name, ks, n_claims.get(key, 0), len(docs.get(key, ())), rating.get(key), r.id, names, r.scope))
        else:
            out.append(SourceInfo(key, ks, n_claims.get(key, 0), len(docs.get(key, ())), rating.get(key)))
    return sorted(out, key=lambda s: (-s.documents, -s.claims, s.name.lower(), s.name, s.id or ""))
