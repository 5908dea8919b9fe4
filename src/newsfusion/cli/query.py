"""Read commands: ``status``, ``documents``, ``show``, ``events``, ``claims``, ``relations``, ``contradictions``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click
from rich.text import Text

from .common import db_option, emit_json, json_option, list_format_option, main
from .output import cell, console, fatalities, open_kb, print_list, safe, table

if TYPE_CHECKING:  # the store is imported when a command runs, not for --help
    from ..kb import DocumentView

LIMIT = click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many.")


@main.command()
@db_option
@json_option
def status(db: str, as_json: bool) -> None:
    """Counts per table, the last ingest run and whether the knowledge base is up to date.

    \b
    Example:
      newsfusion status
      newsfusion status --json --db postgresql://localhost/news
    """
    with open_kb(db) as kb:
        st = kb.status()
    if as_json:
        emit_json(st.to_dict())
        return
    out = console()
    kb_state = "stale: run 'newsfusion rebuild'" if st.kb_stale else f"built {st.kb_built_at or 'never'}"
    out.print(cell(f"{st.db} ({st.engine}, schema {st.schema_revision}); knowledge base {kb_state}"))
    out.print(table(None, ["table", "rows"], st.counts.items()))
    r = st.last_run
    if r is not None:
        out.print(cell(f"last ingest #{r.id} {r.status} at {r.started_at}: added {r.added}, already stored {r.duplicates}, skipped {r.skipped}, failed {r.failed}"))


@main.command()
@LIMIT
@db_option
@json_option
@list_format_option
def documents(limit: int | None, db: str, as_json: bool) -> None:
    """List the stored documents (id, name, title, outlet, date, counts).

    \b
    Example:
      newsfusion documents --limit 20
    """
    with open_kb(db) as kb:
        items = kb.documents(limit)
    print_list(
        items, as_json, "documents", ["id", "name", "title", "outlet", "published", "entities", "events", "claims"],
        lambda d: [d.id, d.name, d.title, d.outlet, d.published, d.entities, d.events, d.claims], "no documents: add some with 'newsfusion ingest PATH'",
    )


@main.command()
@click.argument("doc_id")
@db_option
@json_option
def show(doc_id: str, db: str, as_json: bool) -> None:
    """Show one article with what was found in it.

    DOC_ID is a document id, a unique prefix of one, or a document name
    (the file stem). Entities, event evidence and claim cues are highlighted
    in the text; tables below list entities, events, claims and relations.

    \b
    Example:
      newsfusion show 3fa9c2
      newsfusion show 002_64b1a3114212f740 --json
    """
    with open_kb(db) as kb:
        view = kb.document(doc_id)
    if as_json:
        emit_json(view.to_dict())
        return
    out = console()
    for part in render_document(view):
        out.print(part)


STYLES = {"PERSON": "cyan", "ORG": "magenta", "LOCATION": "green"}


def render_document(view: DocumentView) -> list:
    """The parts ``show`` prints: header, highlighted text, tables."""
    info, rec = view.info, view.record
    head = Text(safe(info.title or info.name or info.id), style="bold")
    meta = " · ".join(safe(x) for x in (info.id, info.name, info.outlet, info.author, info.published or "no date", info.source_path) if x)
    body = Text(safe(view.text))
    for m in view.mentions:
        body.stylize(STYLES.get(m.type or "", "bold"), m.start, m.end)
    for ev in rec.get("events", []):
        if ev.get("evidence_span"):
            body.stylize("underline", *ev["evidence_span"])
    for c in rec.get("claims", []):
        if c.get("cue_span"):
            body.stylize("bold yellow", *c["cue_span"])
    parts: list = [head, cell(meta, "dim"), Text(""), body]
    ents = [[e["id"], e["name"], e["type"], e.get("aliases"), view.entity_links.get(e["id"])] for e in rec.get("entities", [])]
    evs = [
        [ev["id"], f"{ev.get('acled_type')} / {ev.get('acled_sub_type')}", ev.get("actors"), ev.get("targets"), ev.get("location"), ev.get("time_text"),
         fatalities((ev.get("fatalities") or {}).get("min"), (ev.get("fatalities") or {}).get("max")), view.grades.get(ev["id"]), ev.get("evidence")]
        for ev in rec.get("events", [])
    ]
    cls = [[c["id"], c.get("source"), c.get("source_kind"), c.get("stance"), c.get("cue"), c.get("content"), view.grades.get(c["id"])] for c in rec.get("claims", [])]
    rels = [[r.get("subject"), r.get("predicate"), r.get("object"), r.get("evidence")] for r in rec.get("relations", [])]
    cons = [[x.get("about"), (x.get("a") or {}).get("evidence"), (x.get("b") or {}).get("evidence")] for x in rec.get("contradictions", [])]
    for title, cols, rows in (
        ("entities", ["id", "name", "type", "aliases", "KB entity"], ents),
        ("events", ["id", "type", "actors", "targets", "location", "time", "fatalities", "grade", "evidence"], evs),
        ("claims", ["id", "source", "kind", "stance", "cue", "content", "grade"], cls),
        ("relations", ["subject", "predicate", "object", "evidence"], rels),
        ("contradictions", ["about", "one side", "the other side"], cons),
    ):
        parts.append(table(title, cols, rows) if rows else cell(f"no {title} found", "dim"))
    return parts


@main.command()
@click.option("--type", "type_", metavar="TYPE", help="ACLED event type or sub-event type (part of the name is enough).")
@click.option("--source", metavar="NAME", help="Only events reported by this source (part of the name is enough).")
@LIMIT
@db_option
@json_option
@list_format_option
def events(type_: str | None, source: str | None, limit: int | None, db: str, as_json: bool) -> None:
    """List the knowledge base's events (each fused from one or more reports).

    \b
    Example:
      newsfusion events --type Battles
      newsfusion events --source Reuters --json
    """
    with open_kb(db) as kb:
        items = kb.events(type=type_, source=source, limit=limit)
    print_list(
        items, as_json, "events", ["id", "date", "type", "location", "actors", "fatalities", "reports", "sources", "grade"],
        lambda e: [e.id, e.event_date, f"{e.acled_type} / {e.acled_sub_type}", e.location, " vs ".join(x for x in (e.actor1, e.actor2) if x),
                   fatalities(e.fatalities_min, e.fatalities_max), len(e.reports), e.sources, e.grade],
        "no events found",
    )


@main.command()
@click.option("--type", "type_", metavar="KIND", help="Source kind: named_person, named_org, anonymous, media or author.")
@click.option("--source", metavar="NAME", help="Only claims by this source (part of the name is enough).")
@click.option("--stance", type=click.Choice(["assert", "deny", "hedge"], case_sensitive=False), help="Only claims with this stance.")
@click.option("--doc", "doc", metavar="DOC_ID", help="Only claims in this document.")
@LIMIT
@db_option
@json_option
@list_format_option
def claims(type_: str | None, source: str | None, stance: str | None, doc: str | None, limit: int | None, db: str, as_json: bool) -> None:
    """List claims: who says what, with which stance, and their grade.

    \b
    Example:
      newsfusion claims --stance deny
      newsfusion claims --type anonymous --limit 20 --json
    """
    with open_kb(db) as kb:
        items = kb.claims(source_kind=type_, source=source, stance=stance, doc=doc, limit=limit)
    print_list(
        items, as_json, "claims", ["document", "id", "source", "kind", "stance", "cue", "content", "grade"],
        lambda c: [c.doc_name or c.doc_id, c.id, c.source, c.source_kind, c.stance, c.cue, c.content, c.grade],
        "no claims found",
    )


@main.command()
@click.option("--predicate", metavar="NAME", help="Only this predicate, e.g. member_of.")
@LIMIT
@db_option
@json_option
@list_format_option
def relations(predicate: str | None, limit: int | None, db: str, as_json: bool) -> None:
    """List relations between entities (member_of, leader_of, ...).

    \b
    Example:
      newsfusion relations --predicate spokesperson_of
    """
    with open_kb(db) as kb:
        items = kb.relations(predicate=predicate, limit=limit)
    print_list(items, as_json, "relations", ["subject", "predicate", "object", "evidence"], lambda r: [r.subject, r.predicate, r.object, r.evidence], "no relations found")


@main.command()
@LIMIT
@db_option
@json_option
@list_format_option
def contradictions(limit: int | None, db: str, as_json: bool) -> None:
    """List contradictions: two statements that cannot both be true.

    \b
    Example:
      newsfusion contradictions --json
    """
    with open_kb(db) as kb:
        items = kb.contradictions(limit)
    print_list(
        items, as_json, "contradictions", ["about", "kind", "one side", "the other side"],
        lambda x: [x.about, x.kind, f"{x.a.get('source') or ''}: {x.a.get('evidence') or ''}", f"{x.b.get('source') or ''}: {x.b.get('evidence') or ''}"],
        "no contradictions found",
    )
