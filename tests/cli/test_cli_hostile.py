"""`newsfusion extract` and `ingest` on hostile files: a result or one coded line, never a traceback."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsfusion.cli import main

LEDE = "Gunmen attacked a market in the town of Ostrava on Monday, killing four people, a local official said."


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in text, text
    return lines[0]


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_two_megabyte_single_line(tmp_path, command):
    p = tmp_path / "line.txt"
    p.write_text((LEDE + " ") * (2_000_000 // len(LEDE)))
    extra = ["--db", str(tmp_path / "kb.db")] if command == "ingest" else []
    r = run(command, str(p), *extra)
    assert r.exit_code == 1
    assert one_line(r.stderr).endswith("[E212]") and r.stdout.count("\n") <= 1


def test_extract_three_megabytes_of_spaces(tmp_path):
    p = tmp_path / "spaces.txt"
    p.write_text(" " * 3_000_000)
    r = run("extract", str(p))
    assert r.exit_code == 1 and one_line(r.stderr).endswith("[E203]") and r.stdout == ""


def test_extract_jsonl_with_lone_surrogate(tmp_path):
    p = tmp_path / "wire.jsonl"
    p.write_text('{"title": "Market \\ud800 attack", "text": "%s \\ud800"}\n' % LEDE)
    r = run("extract", str(p))
    assert r.exit_code == 0 and "Traceback" not in r.stderr
    record = json.loads(r.stdout)
    assert record["document"]["title"] == "Market \ufffd attack" and record["events"]


def test_extract_five_thousand_digit_number(tmp_path):
    p = tmp_path / "digits.txt"
    n = "7" * 5000
    p.write_text(f"At least {n} civilians were killed when the army shelled the town, the ministry said. "
                 f"Rebels said {n} fighters died.\n")
    r = run("extract", str(p))  # strict mode (conftest): a stage that raises fails the command
    assert r.exit_code == 0, r.output
    record = json.loads(r.stdout)
    assert record["events"]
