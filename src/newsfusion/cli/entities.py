"""``newsfusion entities``: list, show, merge and split knowledge-base entities."""

from __future__ import annotations

import click

from .common import db_option, emit_json, json_option, list_format_option, main
from .output import cell, console, echo_err, open_kb, pick_db, print_list, table


@main.group(invoke_without_command=True)
@click.option("--type", "type_", type=click.Choice(["PERSON", "ORG", "LOCATION", "SOURCE"], case_sensitive=False), help="Only this entity type (SOURCE: anonymous sources, one per outlet quoting them).")
@click.option("--name", metavar="TEXT", help="Only entities whose name or an alias contains TEXT.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many.")
@db_option
@json_option
@list_format_option
@click.pass_context
def entities(ctx: click.Context, type_: str | None, name: str | None, limit: int | None, db: str, as_json: bool) -> None:
    """List the knowledge base's entities, or show, merge, split or rename one.

    Entities are resolved across articles: one row per real-world person,
    organisation or place, with all its names. ID arguments take an entity
    id, a unique prefix of one, or a name or alias.

    \b
    Example:
      newsfusion entities --type ORG
      newsfusion entities show "Islamic State"
      newsfusion entities merge ent_1a2b ent_3c4d
      newsfusion entities split ent_1a2b
      newsfusion entities rename ent_1a2b "Allied Democratic Forces"
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_kb(db) as kb:
        items = kb.entities(type=type_, name=name, limit=limit)
    print_list(
        items, as_json, "entities", ["id", "name", "type", "aliases", "documents", "mentions in"],
        lambda e: [e.id, e.name, e.type, e.aliases, e.documents, e.members],
        "no entities found",
    )


@entities.command("show")
@click.argument("entity_id")
@db_option
@json_option
@click.pass_context
def show_entity(ctx: click.Context, entity_id: str, db: str, as_json: bool) -> None:
    """Show one entity: names, aliases, the documents it appears in, and why.

    \b
    Example:
      newsfusion entities show ent_1a2b
    """
    with open_kb(pick_db(ctx, db)) as kb:
        d = kb.entity(entity_id)
    if as_json:
        emit_json(d.to_dict())
        return
    out = console()
    e = d.entity
    out.print(cell(f"{e.name} ({e.type}) {e.id}", "bold"))
    facts = [("aliases", e.aliases), ("kind", e.kind), ("country", e.country), ("gazetteer id", e.kb_id), ("geo", d.geo)]
    if any(v for _, v in facts):
        out.print(table(None, ["", ""], [(k, v) for k, v in facts if v]))
    out.print(table("members", ["document", "local id", "name there"], [(m.doc_name or m.doc_id, m.local_id, m.name) for m in d.members]))
    if d.merges:
        out.print(table("merge evidence", ["a", "b", "rule", "score", "evidence"],
                        [(m.get("a"), m.get("b"), m.get("rule") or m.get("reason"), m.get("score"), m.get("evidence")) for m in d.merges]))
    if d.overrides:
        out.print(table("analyst decisions", ["#", "action", "a", "b", "entity", "name", "at"],
                        [(o["id"], o["action"], o.get("a"), o.get("b"), o.get("entity"), o.get("name"), o["created_at"]) for o in d.overrides]))


@entities.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.pass_context
def merge(ctx: click.Context, a: str, b: str, db: str) -> None:
    """Record that entities A and B are the same, and rebuild.

    The decision is stored and applied on every later ingest and rebuild.

    \b
    Example:
      newsfusion entities merge "ISIS" "Islamic State"
    """
    with open_kb(pick_db(ctx, db)) as kb:
        change = kb.merge_entities(a, b)
    _recorded(change, f"merge {change.override['a']} and {change.override['b']}")


@entities.command()
@click.argument("entity_id")
@db_option
@click.pass_context
def split(ctx: click.Context, entity_id: str, db: str) -> None:
    """Record that an entity wrongly joins different things, and rebuild.

    The decision is stored and applied on every later ingest and rebuild.

    \b
    Example:
      newsfusion entities split ent_1a2b
    """
    with open_kb(pick_db(ctx, db)) as kb:
        change = kb.split_entity(entity_id)
    _recorded(change, f"split {change.override['entity']}")


@entities.command()
@click.argument("entity_id")
@click.argument("name")
@db_option
@click.pass_context
def rename(ctx: click.Context, entity_id: str, name: str, db: str) -> None:
    """Give entity ENTITY_ID the name NAME, and rebuild.

    The decision is stored and applied on every later ingest and rebuild; the
    entity's other names stay its aliases.

    \b
    Example:
      newsfusion entities rename ent_1a2b "Allied Democratic Forces"
    """
    with open_kb(pick_db(ctx, db)) as kb:
        change = kb.rename_entity(entity_id, name)
    _recorded(change, f"rename {change.override['entity']} to {change.override['name']!r}")


def _recorded(change, what: str) -> None:
    """An analyst's decision stored: its warnings, then what was recorded."""
    for w in change.warnings:
        echo_err(f"warning: {w}")
    click.echo(f"recorded decision #{change.override['id']}: {what}; knowledge base rebuilt")
