"""``newsfusion export``: the knowledge base as JSONL (FORMAT.md) or an ACLED-style CSV."""

from __future__ import annotations

import click

from .common import db_option, main
from .output import echo_err, open_kb


@main.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "acled-csv", "plover"]), default="jsonl", show_default=True, help="jsonl: one FORMAT.md object per document; acled-csv: one row per event; plover: one PLOVER-style JSON object per event.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-", show_default=True, help="File to write (- is stdout).")
@db_option
def export(fmt: str, output: str, db: str) -> None:
    """Export the knowledge base.

    jsonl writes one object per stored document in the format of
    ../shared/eval/FORMAT.md (doc_id = the document's name, e.g. the file
    stem, when known; document_id = the stored id), so score.py can read it.
    acled-csv writes one row per knowledge-base event with ACLED's column
    names (event_date, event_type, actor1, location, fatalities, ...) plus
    fatalities_min, fatalities_max, sources (independent sources) and
    credibility (Admiralty grade). plover writes one JSON object per event
    with PLOVER's event type and mode, actors and recipients, place, dates,
    fatalities as a range and every report with its sources. A file is
    written whole or not at all.

    \b
    Example:
      newsfusion export --format jsonl -o kb.jsonl
      python3 ../shared/eval/score.py ../shared/seeds/gold kb.jsonl
      newsfusion export --format acled-csv -o events.csv
      newsfusion export --format plover -o events.plover.jsonl
    """
    with open_kb(db) as kb, click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as fp:
        n = {"jsonl": kb.export_jsonl, "acled-csv": kb.export_acled_csv, "plover": kb.export_plover}[fmt](fp)
    if output != "-":
        echo_err(f"wrote {n} {'documents' if fmt == 'jsonl' else 'events'} to {output}")
