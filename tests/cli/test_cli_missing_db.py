"""A command other than ingest refuses a --db that does not exist instead of creating an empty database."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsfusion.cli import main

READ = [["status"], ["documents"], ["events"], ["claims"], ["relations"], ["contradictions"], ["show", "x"],
        ["entities"], ["sources"], ["export"], ["rebuild"]]


@pytest.mark.parametrize("command", READ, ids=lambda c: c[0])
def test_missing_database_is_e309_and_not_created(tmp_path, command):
    db = tmp_path / "typo.db"
    r = CliRunner().invoke(main, [*command, "--db", str(db)], catch_exceptions=False)
    lines = r.stderr.strip().splitlines()
    assert r.exit_code == 5 and len(lines) == 1 and lines[0].endswith("[E309]"), r.output
    assert str(db) in lines[0] and "Traceback" not in r.output
    assert not db.exists() and list(tmp_path.iterdir()) == []


def test_ingest_still_creates_the_database(tmp_path, monkeypatch):
    from store_helpers import FakePipeline

    monkeypatch.setattr("newsfusion.pipeline.Pipeline", lambda: FakePipeline())
    art = tmp_path / "a.txt"
    art.write_text("Rebels attacked Kidal on Monday, officials said.\n")
    db = tmp_path / "new.db"
    r = CliRunner().invoke(main, ["ingest", str(art), "--db", str(db)], catch_exceptions=False)
    assert r.exit_code == 0, r.output and db.exists()
    r = CliRunner().invoke(main, ["status", "--db", str(db)], catch_exceptions=False)
    assert r.exit_code == 0
