"""The root command group and the options every command shares."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .. import __version__
from ..config import settings
from ..errors import NewsfusionError


class NewsfusionGroup(click.Group):
    """Prints a newsfusion error on one line and exits with its code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsfusionError as e:
            click.echo(f"newsfusion: {e}", err=True)
            sys.exit(e.exit_code)


@click.group(cls=NewsfusionGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsfusion")
def main() -> None:
    """newsfusion: news reports about armed conflict in, a sourced knowledge base out.

    \b
    Examples:
      newsfusion ingest examples/articles/
      newsfusion status --json
      newsfusion events
      newsfusion extract article.txt --format json
    """


def db_option(f):
    """``--db URL``: a SQLite file path or a postgresql:// URL."""
    return click.option(
        "--db",
        "db",
        metavar="URL",
        default=lambda: settings().db,
        show_default="newsfusion.db or $NEWSFUSION_DB",
        help="Database: a SQLite file or a postgresql:// URL.",
    )(f)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(f)


LIST_FORMAT = "newsfusion.list_format"


def _remember_format(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value:
        ctx.meta[LIST_FORMAT] = value
    return value


def list_format_option(f):
    """``--format table|json|csv`` on the list commands (``--json`` stays the same as ``--format json``)."""
    return click.option(
        "--format", "list_format", type=click.Choice(["table", "json", "csv"]), default=None, expose_value=False,
        callback=_remember_format, help="table (default), json, or csv (one row per item; lists joined by '; ').",
    )(f)


def emit_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")
