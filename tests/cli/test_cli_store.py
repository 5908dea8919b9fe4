"""The knowledge-base commands as a user meets them: messages, exit codes, nothing lost."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from click.testing import CliRunner

from newsfusion.cli import main
from newsfusion.errors import InputError
from newsfusion.kb import KnowledgeBase
from newsfusion.model import Article
from store_helpers import FakePipeline, article, write_articles


@pytest.fixture(autouse=True)
def fast_pipeline(monkeypatch):
    monkeypatch.setattr("newsfusion.pipeline.Pipeline", lambda: FakePipeline())


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _doc_count(url: str) -> int:
    with KnowledgeBase(url) as kb:
        return kb.status().counts["documents"]


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# ------------------------------------------------------------------ bad databases


@pytest.mark.parametrize("command", [["ingest", "x.txt"], ["status"], ["events"], ["export"]])
def test_text_file_as_database(tmp_path, command):
    db = tmp_path / "notes.txt"
    db.write_text("shopping list: eggs, milk\n")
    before = _sha(db)
    r = run(*command, "--db", str(db))
    line = _one_line(r.stderr)
    assert r.exit_code == 5
    assert line == f"newsfusion: {db}: not a newsfusion database (not an SQLite file) (give --db a new file name or an existing newsfusion database) [E301]"
    assert _sha(db) == before and sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_foreign_sqlite_database(tmp_path):
    db = tmp_path / "crm.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE customers (name TEXT)")
    con.commit()
    con.close()
    before = _sha(db)
    folder = tmp_path / "in"
    write_articles(folder, 1)
    r = run("ingest", str(folder), "--db", str(db))
    assert r.exit_code == 5
    assert _one_line(r.stderr).startswith(f"newsfusion: {db}: an SQLite database, but not a newsfusion one")
    assert "[E301]" in r.stderr and _sha(db) == before


def test_locked_database(store_url, tmp_path, hold_write_lock, monkeypatch):
    folder = tmp_path / "in"
    write_articles(folder, 2)
    assert run("ingest", str(folder / "report_000.txt"), "--db", store_url).exit_code == 0
    monkeypatch.setenv("NEWSFUSION_BUSY_TIMEOUT", "0.2")
    with hold_write_lock(store_url):
        r = run("ingest", str(folder), "--db", store_url)
    assert r.exit_code == 5
    line = _one_line(r.stderr)
    assert "the database is locked" in line and "wait for it to finish" in line and line.endswith("[E302]")
    assert _doc_count(store_url) == 1
    assert run("ingest", str(folder), "--db", store_url).exit_code == 0  # once released, it goes through
    assert _doc_count(store_url) == 2


# ------------------------------------------------------------------ ingest


def test_reingest_same_file_is_a_no_op(store_url, tmp_path):
    (path,) = write_articles(tmp_path, 1)
    first = run("ingest", str(path), "--db", store_url)
    assert first.exit_code == 0 and first.stdout.startswith("added 1, already stored 0, skipped 0, failed 0")
    with KnowledgeBase(store_url) as kb:
        before = kb.status().counts
    again = run("ingest", str(path), "--db", store_url)
    assert again.exit_code == 0
    assert again.stdout.startswith("added 0, already stored 1, skipped 0, failed 0")
    assert _one_line(again.stderr).startswith(f"newsfusion: {path}: already stored as ")
    with KnowledgeBase(store_url) as kb:
        after = kb.status().counts
    assert after["documents"] == before["documents"] == 1 and after["entities"] == before["entities"]


def test_jsonl_with_one_bad_line(store_url, monkeypatch):
    """The readers report the bad line; the others are stored and the exit code is 0."""

    def read_paths(paths):
        for p in paths:
            yield Article(text="First report. Fighters attacked Kidal, officials said.", source_path=f"{p}:1", name="feed_1", source_format="json")
            yield InputError("E205", "line 2: not valid JSON (Expecting ',' delimiter)", "fix or remove that line", path=f"{p}:2")
            yield Article(text="Third report. Troops retook Gao.", source_path=f"{p}:3", name="feed_3", source_format="json")

    monkeypatch.setattr("newsfusion.ingest.read_paths", read_paths)
    r = run("ingest", "feed.jsonl", "--db", store_url)
    assert r.exit_code == 0
    assert _one_line(r.stderr) == "newsfusion: feed.jsonl:2: line 2: not valid JSON (Expecting ',' delimiter) (fix or remove that line) [E205]"
    assert r.stdout.startswith("added 2, already stored 0, skipped 0, failed 1")
    assert _doc_count(store_url) == 2


def test_nothing_ingested_exits_1(store_url, tmp_path):
    missing = tmp_path / "nope.txt"
    r = run("ingest", str(missing), "--db", store_url)
    assert r.exit_code == 1
    assert str(missing) in r.stderr and "[E2" in r.stderr and "Traceback" not in r.stderr
    assert r.stdout.startswith("added 0")


def test_bad_published_is_a_usage_error(store_url, tmp_path):
    (path,) = write_articles(tmp_path, 1)
    r = run("ingest", str(path), "--published", "15/03/2024", "--db", store_url)
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.stderr


def test_outlet_and_published_overrides(store_url, tmp_path):
    (path,) = write_articles(tmp_path, 1)
    assert run("ingest", str(path), "--published", "2024-03-15", "--outlet", "Desert Wire", "--db", store_url).exit_code == 0
    docs = json.loads(run("documents", "--json", "--db", store_url).stdout)
    assert [(d["published"], d["outlet"]) for d in docs] == [("2024-03-15", "Desert Wire")]


# ------------------------------------------------------------------ reading


@pytest.fixture
def filled(store_url, tmp_path):
    write_articles(tmp_path / "in", 3)
    assert run("ingest", str(tmp_path / "in"), "--outlet", "Sahel Post", "--db", store_url).exit_code == 0
    return store_url


def test_status_json(filled):
    r = run("status", "--json", "--db", filled)
    st = json.loads(r.stdout)
    assert r.exit_code == 0 and st["counts"]["documents"] == 3 and st["kb_stale"] is False
    assert st["last_run"]["added"] == 3 and st["engine"] in ("sqlite", "postgresql")


def test_show_prints_hostile_text_literally(store_url):
    hostile = "Rebels [bold]shouted[/bold] at :warning: Kidal [link=http://x]here[/link] \x1b[31mred\x1b[0m."
    with KnowledgeBase(store_url) as kb:
        kb._pipeline = FakePipeline()
        kb.ingest([Article(text=hostile, title="[red]Title[/red]", name="hostile")])
    r = run("show", "hostile", "--db", store_url)
    assert r.exit_code == 0
    assert "[bold]shouted[/bold]" in r.stdout and ":warning:" in r.stdout and "[link=http://x]here[/link]" in r.stdout
    assert "[red]Title[/red]" in r.stdout
    assert "\x1b" not in r.stdout and "\ufffd[31mred" in r.stdout


def test_show_json_and_unknown_id(filled):
    r = run("show", "report_001", "--json", "--db", filled)
    view = json.loads(r.stdout)
    assert view["info"]["name"] == "report_001" and view["record"]["doc_id"] == view["info"]["id"]
    bad = run("show", "nosuchdoc", "--db", filled)
    assert bad.exit_code == 2
    assert _one_line(bad.stderr) == "newsfusion: no document 'nosuchdoc' (list them with 'newsfusion documents') [E305]"


def test_events_and_claims_tables(filled):
    evs = json.loads(run("events", "--json", "--db", filled).stdout)
    assert len(evs) == 3 and {e["acled_type"] for e in evs} == {"Battles"}
    assert len(json.loads(run("events", "--limit", "2", "--json", "--db", filled).stdout)) == 2
    assert json.loads(run("events", "--type", "Protests", "--json", "--db", filled).stdout) == []
    table = run("events", "--db", filled).stdout
    assert "Battles / Armed clash" in table and "Kidal" not in table.splitlines()[0]
    denies = json.loads(run("claims", "--stance", "deny", "--json", "--db", filled).stdout)
    assert denies and {c["stance"] for c in denies} == {"deny"}
    assert json.loads(run("claims", "--type", "named_person", "--json", "--db", filled).stdout) == []
    assert "officials" in run("claims", "--db", filled).stdout


def test_entities_commands(filled):
    ents = json.loads(run("entities", "--json", "--db", filled).stdout)
    kidal = next(e for e in ents if e["name"] == "Kidal")
    shown = run("entities", "show", "kidal", "--db", filled)
    assert shown.exit_code == 0 and kidal["id"] in shown.stdout and "report_000" in shown.stdout
    merged = run("entities", "--db", filled, "merge", "Kidal", "Monday")  # --db given to the group
    assert merged.exit_code == 0 and merged.stdout.startswith("recorded decision #1: merge ")
    split = run("entities", "split", kidal["id"][:10], "--db", filled)
    assert split.exit_code == 0 and f"split {kidal['id']}" in split.stdout
    detail = json.loads(run("entities", "show", kidal["id"], "--json", "--db", filled).stdout)
    assert [o["action"] for o in detail["overrides"]] == ["merge", "split"]
    bad = run("entities", "merge", "Kidal", "Atlantis", "--db", filled)
    assert bad.exit_code == 2 and _one_line(bad.stderr).endswith("[E305]")


def test_sources_commands(filled):
    listed = json.loads(run("sources", "--json", "--db", filled).stdout)
    by_name = {s["name"]: s for s in listed}
    assert by_name["Sahel Post"]["kinds"] == ["outlet"] and by_name["Sahel Post"]["documents"] == 3
    assert by_name["officials"]["claims"] == 6
    ok = run("sources", "rate", "Sahel Post", "b", "--db", filled)
    assert ok.exit_code == 0 and ok.stdout.strip() == "rated Sahel Post: B"
    assert {s["name"]: s["rating"] for s in json.loads(run("sources", "--json", "--db", filled).stdout)}["Sahel Post"] == "B"
    bad = run("sources", "rate", "Sahel Post", "Z", "--db", filled)
    assert bad.exit_code == 2 and _one_line(bad.stderr).endswith("[E307]")


def test_export_formats(filled, tmp_path):
    out = tmp_path / "kb.jsonl"
    r = run("export", "--format", "jsonl", "-o", str(out), "--db", filled)
    assert r.exit_code == 0 and "wrote 3 documents" in r.stderr
    assert sorted(json.loads(x)["doc_id"] for x in out.read_text().splitlines()) == ["report_000", "report_001", "report_002"]
    csv_out = run("export", "--format", "acled-csv", "--db", filled).stdout.splitlines()
    assert csv_out[0].startswith("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1")
    assert len(csv_out) == 4


def test_rebuild_command(filled):
    r = run("rebuild", "--db", filled)
    assert r.exit_code == 0 and r.stdout.startswith("rebuilt: ") and "from 3 documents" in r.stdout


def test_ingest_from_stdin(store_url):
    r = CliRunner().invoke(main, ["ingest", "-", "--db", store_url], input="Rebels attack Kidal\n\nFighters attacked Kidal on Monday, officials said.\n")
    assert r.exit_code == 0 and r.stdout.startswith("added 1")


def test_long_run_without_terminal_prints_plain_progress_on_stderr_only(store_url, tmp_path):
    folder = tmp_path / "many"
    write_articles(folder, 120)
    r = run("ingest", str(folder), "--db", store_url)
    assert r.exit_code == 0
    assert r.stdout.splitlines() == [r.stdout.strip()] and r.stdout.startswith("added 120,")  # stdout stays clean for pipes
    progress = [x for x in r.stderr.splitlines() if "articles (" in x]
    assert progress[-1].startswith("newsfusion: 120/120 articles (") and 5 <= len(progress) <= 12
    assert "\x1b" not in r.stderr  # no terminal codes when stderr is not a terminal


def test_postgres_server_down_is_one_line(tmp_path):
    r = run("status", "--db", "postgresql://nobody@127.0.0.1:9/none")
    assert r.exit_code == 5
    line = _one_line(r.stderr)
    assert line.startswith("newsfusion: postgresql://nobody@127.0.0.1:9/none: cannot connect") and line.endswith("[E304]")
