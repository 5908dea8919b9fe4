"""``newsfusion export``: the knowledge base in the formats analysts' tools read (docs/exports.md)."""

from __future__ import annotations

import click

from .common import db_option, main
from .output import echo_err, open_kb

FORMATS = ["jsonl", "acled-csv", "ucdp-csv", "plover", "graphml", "gexf", "stix", "geojson", "csv", "parquet", "datasette-metadata"]
TABLES = ["entities", "claims", "events", "relations", "contradictions"]
# What the count a writer returns is of.
UNITS = {"jsonl": "documents", "graphml": "nodes", "gexf": "nodes", "stix": "STIX objects", "datasette-metadata": "tables and views"}
# Formats whose output carries GeoNames coordinates without room for the attribution inside.
CREDIT_ON_STDERR = {"acled-csv", "ucdp-csv", "jsonl"}


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True, help="Output format (see below).")
@click.option("--table", type=click.Choice(TABLES), help="For csv and parquet: which table.")
@click.option("--with-events", is_flag=True, help="For graphml and gexf: events as nodes too, linked to their actors and place.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-", show_default=True, help="File to write (- is stdout).")
@db_option
def export(fmt: str, table: str | None, with_events: bool, output: str, db: str) -> None:
    """Export the knowledge base for other tools.

    \b
    jsonl       one FORMAT.md object per document (doc_id = the document's
                name when known), what ../shared/eval/score.py reads
    acled-csv   one row per event in ACLED's 31 columns and conventions
                (fatalities counted once, 0 when none stated; tags mark
                alleged and denied events; source = the outlets)
    ucdp-csv    one UCDP GED-style row per political-violence event, deaths
                as low/best/high from the sources' figures
    plover      one PLOVER/POLECAT JSON object per event (type, mode,
                context, actors with sector, location, story, every report)
    graphml     entities and relations as a graph (--with-events adds events)
    gexf        the same graph as GEXF 1.3, for Gephi
    stix        a STIX 2.1 bundle (needs: pip install 'newsfusion[exports]')
    geojson     events as a GeoJSON FeatureCollection, properties as acled-csv
    csv         one table (--table) as CSV
    parquet     one table (--table) as Parquet (needs the exports extra)
    datasette-metadata  a metadata.json for Datasette beside the database

    Coordinates come from GeoNames (CC BY 4.0): the attribution is inside
    every format that has room for it and printed for the CSVs and JSONL.
    A file is written whole or not at all.

    \b
    Example:
      newsfusion export --format jsonl -o kb.jsonl
      python3 ../shared/eval/score.py ../shared/seeds/gold kb.jsonl
      newsfusion export --format acled-csv -o events.csv
      newsfusion export --format gexf --with-events -o kb.gexf
      newsfusion export --format stix -o kb.stix.json
      newsfusion export --format parquet --table claims -o claims.parquet
      newsfusion export --format datasette-metadata -o metadata.json
      datasette newsfusion.db -m metadata.json
    """
    if fmt in ("csv", "parquet") and table is None:
        raise click.UsageError(f"--format {fmt} needs --table ({', '.join(TABLES)})")
    if fmt == "parquet" and output == "-":
        raise click.UsageError("--format parquet writes a binary file: give it with -o FILE")
    binary = fmt == "parquet"
    with open_kb(db) as kb, click.open_file(output, "wb" if binary else "w", encoding=None if binary else "utf-8", atomic=output != "-") as fp:
        writers = {
            "jsonl": kb.export_jsonl,
            "acled-csv": kb.export_acled_csv,
            "ucdp-csv": kb.export_ucdp_csv,
            "plover": kb.export_plover,
            "graphml": lambda f: kb.export_graphml(f, events=with_events),
            "gexf": lambda f: kb.export_gexf(f, events=with_events),
            "stix": kb.export_stix,
            "geojson": kb.export_geojson,
            "csv": lambda f: kb.export_table_csv(table, f),
            "parquet": lambda f: kb.export_table_parquet(table, f),
            "datasette-metadata": kb.export_datasette_metadata,
        }
        n = writers[fmt](fp)
    if output != "-":
        unit = UNITS.get(fmt) or (f"{table} rows" if table else "events")
        echo_err(f"wrote {n} {unit} to {output}")
    if fmt in CREDIT_ON_STDERR or (fmt == "csv" and table in ("events", "entities")):
        from ..export.common import GEONAMES_ATTRIBUTION

        echo_err(GEONAMES_ATTRIBUTION)
