"""docs/store.md describes every table and every column of the schema."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsfusion.store import metadata

DOC = (Path(__file__).resolve().parents[2] / "docs" / "store.md").read_text(encoding="utf-8")


def _section(table: str) -> str:
    m = re.search(rf"^### `{table}`.*?$(.*?)(?=^### |^## |\Z)", DOC, flags=re.M | re.S)
    assert m, f"docs/store.md has no section for table {table}"
    return m.group(1)


@pytest.mark.parametrize("table", sorted(metadata.tables))
def test_every_column_is_documented(table):
    text = _section(table)
    # a_/b_ columns of contradictions are documented once as a_…/b_… plus the suffix
    names = [c.name for c in metadata.tables[table].c]
    if table == "contradictions":
        names = [n[2:] if n[:2] in ("a_", "b_") else n for n in names]
    missing = [n for n in names if f"`{n}`" not in text]
    assert not missing, f"{table}: {missing} not in docs/store.md"
