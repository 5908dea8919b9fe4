"""Output helpers for the knowledge-base commands: safe text, tables, JSON, --db lookup.

Article text is hostile input: it is never parsed as rich markup (every cell is
a ``rich.text.Text``) and terminal control characters are replaced, one
character for one so highlight offsets still hold.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .common import LIST_FORMAT, emit_json

if TYPE_CHECKING:  # the store is imported when a command runs, not for --help
    from ..kb import KnowledgeBase

# C0 controls except tab and newline, DEL, C1 controls, bidi overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(value: Any) -> str:
    """A value as text fit for a terminal (same length for strings)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(safe(v) for v in value)
    return _UNSAFE.sub("\ufffd", str(value))


def cell(value: Any, style: str = "") -> Text:
    return Text(safe(value), style=style)


# Columns never wrapped (ids, dates, counts); the others fold.
NO_WRAP = {"id", "document", "date", "published", "KB entity", "grade", "rows", "table", "local id", "#", "documents", "claims", "events", "entities", "reports", "rating"}
# Width used when stdout is not a terminal (pipes, files), so ids are not cut.
PIPE_WIDTH = 160


def console(stderr: bool = False) -> Console:
    out = Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=False)
    if not out.is_terminal and "COLUMNS" not in os.environ:
        out.width = PIPE_WIDTH
    return out


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    tb = Table(title=cell(title) if title else None, show_lines=False, header_style="bold", title_justify="left")
    for col in columns:
        tb.add_column(cell(col), overflow="fold", no_wrap=col in NO_WRAP)
    for r in rows:
        tb.add_row(*(v if isinstance(v, Text) else cell(v) for v in r))
    return tb


def print_list(items: list[Any], as_json: bool, title: str, columns: Sequence[str], row: Callable[[Any], Sequence[Any]], empty: str) -> None:
    """A listing as a table, or as JSON with ``--json``/``--format json``, or CSV with ``--format csv``."""
    ctx = click.get_current_context(silent=True)
    fmt = ctx.meta.get(LIST_FORMAT) if ctx is not None else None
    if as_json or fmt == "json":
        emit_json([x.to_dict() for x in items])
        return
    if fmt == "csv":
        emit_csv([x.to_dict() for x in items])
        return
    out = console()
    if not items:
        out.print(cell(empty))
        return
    out.print(table(title, columns, (row(x) for x in items)))


def _csv_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        def one(v: Any) -> str:
            if isinstance(v, (list, tuple)) and all(isinstance(x, str) for x in v):
                return ":".join(v)  # a (document id, local id) pair
            return json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list, tuple)) else str(v)

        return "; ".join(one(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def emit_csv(rows: list[dict[str, Any]]) -> None:
    """Rows as CSV on stdout: the header from the first row; lists joined by '; ', objects as JSON."""
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: _csv_value(v) for k, v in r.items()})


def pick_db(ctx: click.Context, db: str) -> str:
    """The ``--db`` of a subcommand, or of its group when only the group got one."""
    if ctx.get_parameter_source("db") in (ParameterSource.DEFAULT, None) and ctx.parent is not None:
        if ctx.parent.get_parameter_source("db") not in (ParameterSource.DEFAULT, None):
            return ctx.parent.params["db"]
    return db


def open_kb(db: str, *, create: bool = False) -> KnowledgeBase:
    """The knowledge base at ``db``. Only ``ingest`` creates one (``create=True``): every
    other command refuses a SQLite path that does not exist (E309), so a mistyped ``--db``
    is not silently a new empty database."""
    from ..errors import StoreError
    from ..kb import KnowledgeBase
    from ..store.connect import resolve

    target = resolve(db)
    if not create and target.dialect == "sqlite" and target.path is not None and not target.path.exists():
        raise StoreError(
            "E309", "no such database", "check the --db path, or create it with: newsfusion ingest --db FILE PATHS", path=db
        )
    return KnowledgeBase(db)


def fatalities(lo: int | None, hi: int | None) -> str:
    if lo is None and hi is None:
        return ""
    if lo == hi or hi is None:
        return str(lo)
    if lo is None:
        return f"<= {hi}"
    return f"{lo}-{hi}"


def echo_err(line: str) -> None:
    click.echo(f"newsfusion: {safe(line)}", err=True)
