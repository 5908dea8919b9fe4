"""``newsfusion extract``: stateless extraction, one FORMAT.md object per line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import InputError
from ..ingest import read_paths
from ..pipeline import Pipeline
from ..export.record import doc_record
from .common import main


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True, help="Output format (JSONL).")
def extract(paths: tuple[str, ...], fmt: str) -> None:
    """Extract entities, events, claims and relations without a database.

    Prints one JSON object per input article (JSONL) in the format of
    ../shared/eval/FORMAT.md, with doc_id = the file stem.

    \b
    Example:
      newsfusion extract ../shared/seeds/*.txt --format json > out.jsonl
    """
    articles, ids, failed = [], [], 0
    for item in read_paths(paths):
        if isinstance(item, InputError):
            click.echo(f"newsfusion: {item}", err=True)
            failed += 1
            continue
        articles.append(item)
        ids.append(item.name or Path(item.source_path or "stdin").stem)
    if articles:  # the inputs are checked before the model loads
        for doc in Pipeline().pipe(articles, doc_ids=ids):
            sys.stdout.write(json.dumps(doc_record(doc), ensure_ascii=False) + "\n")
    if not articles and failed:
        sys.exit(1)
