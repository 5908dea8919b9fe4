"""The README stays true: its two commands come first, every command and doc it names exists."""

import re
from pathlib import Path

from newsfusion.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make demo", "make test"]


def test_every_command_is_in_the_readme_reference():
    for name in main.commands:
        assert f"newsfusion {name}" in README or f"/ `{name}" in README or f"`{name} " in README, name


def test_every_doc_the_readme_names_exists():
    for path in set(re.findall(r"docs/[\w-]+\.md", README)):
        assert (ROOT / path).exists(), path


def test_results_block_is_marked():
    assert "<!-- results:start -->" in README and "<!-- results:end -->" in README
