"""``newsfusion export`` and the list commands' ``--format``, run as a user would."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from newsfusion.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("args, message", [
    (["--format", "csv"], "--table"),
    (["--format", "parquet", "--table", "events"], "-o FILE"),
    (["--format", "csv", "--table", "people"], "people"),
])
def test_export_usage_errors(demo_db, args, message):
    res = run("export", *args, "--db", str(demo_db))
    assert res.exit_code == 2 and message in res.output


def test_export_acled_csv_to_a_file_credits_geonames(demo_db, tmp_path):
    out = tmp_path / "events.csv"
    res = run("export", "--format", "acled-csv", "-o", str(out), "--db", str(demo_db))
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows[0]) == 31 and f"wrote {len(rows)} events" in res.output and "GeoNames" in res.output


@pytest.mark.parametrize("fmt, table", [("geojson", None), ("graphml", None), ("gexf", None), ("plover", None), ("ucdp-csv", None), ("csv", "claims"), ("datasette-metadata", None)])
def test_every_format_writes_from_the_cli(demo_db, tmp_path, fmt, table):
    out = tmp_path / "out"
    res = run("export", "--format", fmt, *(["--table", table] if table else []), "-o", str(out), "--db", str(demo_db))
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 100 and "wrote " in res.output


def test_list_commands_take_format_csv_and_json(demo_db, demo_kb):
    res = run("events", "--format", "csv", "--db", str(demo_db))
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert res.exit_code == 0 and len(rows) == len(demo_kb.events()) and {"id", "acled_type", "fatalities_min"} <= set(rows[0])
    assert all(":" in r["reports"] for r in rows)  # (document, local id) pairs written readably
    res = run("claims", "--format", "json", "--limit", "2", "--db", str(demo_db))
    assert [c["id"] for c in json.loads(res.output)] == [c.id for c in demo_kb.claims(limit=2)]
    for cmd in ("documents", "entities", "relations", "contradictions", "sources"):
        res = run(cmd, "--format", "csv", "--db", str(demo_db))
        assert res.exit_code == 0 and len(list(csv.reader(io.StringIO(res.output)))) >= 2, cmd


def test_every_export_carrying_coordinates_credits_geonames(demo_db, tmp_path):
    """Inside the file where the format has room for it, else on stderr (issue #18, item 5)."""
    for fmt, table in [("jsonl", None), ("acled-csv", None), ("ucdp-csv", None), ("plover", None), ("graphml", None),
                       ("gexf", None), ("geojson", None), ("datasette-metadata", None), ("csv", "events"),
                       ("csv", "entities")]:
        out = tmp_path / f"out.{fmt}"
        res = run("export", "--format", fmt, *(["--table", table] if table else []), "-o", str(out), "--db", str(demo_db))
        assert res.exit_code == 0, res.output
        text = out.read_text(encoding="utf-8")
        if "latitude" in text or '"coordinates"' in text or "lat" in text.splitlines()[0]:
            assert "GeoNames" in text or "GeoNames" in res.output, (fmt, table)
