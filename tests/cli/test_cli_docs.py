"""docs/cli.md documents every command (datasette's test_docs style)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "cli.md"


def _gen():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


GEN = _gen()


def _commands():
    from newsfusion.cli import main

    return [(" ".join(path), cmd) for path, cmd, _ in GEN.commands(main, GEN._context(main, "newsfusion"))]


@pytest.fixture(scope="module")
def documented() -> set[str]:
    return set(re.findall(r"^## `(newsfusion[^`]*)`$", DOCS.read_text(encoding="utf-8"), flags=re.M))


@pytest.mark.parametrize("name", [n for n, _ in _commands()])
def test_command_is_documented(name, documented):
    assert name in documented, f"{name} is missing from docs/cli.md: run python scripts/gen_cli_docs.py"


def test_no_documented_command_is_gone(documented):
    assert documented <= {n for n, _ in _commands()}, "docs/cli.md lists a command that no longer exists"


def test_exit_codes_are_documented():
    text = DOCS.read_text(encoding="utf-8")
    for code in ("0", "1", "2", "3", "4", "5", "130"):
        assert re.search(rf"^\| {code} \| \w", text, flags=re.M), code


# The knowledge-base commands (this area) each carry an Example: block in their help.
KB_MODULES = ("ingest", "query", "entities", "sources", "export")


@pytest.mark.parametrize("name, cmd", [(n, c) for n, c in _commands() if c.callback and c.callback.__module__.rsplit(".", 1)[-1] in KB_MODULES])
def test_help_has_an_example(name, cmd):
    assert "Example:" in (cmd.help or ""), name
