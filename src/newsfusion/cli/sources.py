"""``newsfusion sources``: who says things, how often, and how reliable they are rated."""

from __future__ import annotations

import click

from .common import db_option, json_option, list_format_option, main
from .output import echo_err, open_kb, pick_db, print_list


@main.group(invoke_without_command=True)
@db_option
@json_option
@list_format_option
@click.pass_context
def sources(ctx: click.Context, db: str, as_json: bool) -> None:
    """List sources (claim sources, outlets, authors) with counts and ratings.

    Each source is listed once under all its spellings: the person or
    organisation behind a claim is a knowledge-base entity, and an anonymous
    source ("residents", "a security source") is one per outlet quoting it.

    \b
    Example:
      newsfusion sources
      newsfusion sources rate "Reuters" B
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_kb(db) as kb:
        items = kb.sources()
    print_list(
        items, as_json, "sources", ["source", "also written", "kinds", "documents", "claims", "rating", "id"],
        lambda s: [s.name + (f" ({s.scope})" if s.scope else ""), s.aliases, s.kinds, s.documents, s.claims, s.rating, s.id],
        "no sources yet",
    )


@sources.command()
@click.argument("name")
@click.argument("grade")
@db_option
@click.pass_context
def rate(ctx: click.Context, name: str, grade: str, db: str) -> None:
    """Rate the reliability of source NAME: GRADE is A (reliable) to E (unreliable), F (cannot judge).

    NAME is any spelling of the source, or its entity id: the rating applies to
    every spelling.

    The rating is kept and used by the grades of every claim and event the
    source reports, now and after later ingests.

    \b
    Example:
      newsfusion sources rate "Sahel Post" C
    """
    with open_kb(pick_db(ctx, db)) as kb:
        change = kb.rate_source(name, grade)
    for w in change.warnings:
        echo_err(f"warning: {w}")
    o = change.override
    if not o["known"]:
        echo_err(f"note: no source named {o['source']!r} is stored yet; the rating applies once it appears")
    click.echo(f"rated {o['source']}: {o['reliability']}")
