"""Golden expectations for the small fixtures in ``fixtures/`` (our own texts).

Each fixture file maps to the list of what ``read_path`` yields for it: the
articles' metadata and full text, or the error code and message. Regenerate
after a deliberate change with ``NEWSFUSION_REGEN_GOLDEN=1`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsfusion.errors import InputError
from newsfusion.ingest import read_path, walk

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden" / "fixtures.json"
FIELDS = ("name", "source_format", "title", "author", "outlet", "published", "url", "language", "encoding", "text")


def describe(item) -> dict:
    if isinstance(item, InputError):
        return {"error": item.code, "kind": type(item).__name__, "message": item.message}
    return {k: getattr(item, k) for k in FIELDS}


def current() -> dict[str, list[dict]]:
    return {f.name: [describe(x) for x in read_path(str(f))] for f in walk(FIXTURES)}


def test_golden_fixtures():
    got = current()
    if os.environ.get("NEWSFUSION_REGEN_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(got) == sorted(expected), "fixture files and golden entries differ"
    for name in expected:
        assert got[name] == expected[name], name


@pytest.mark.parametrize("name", ["wrapped.txt", "crlf.txt", "cp1252.txt", "latin1.txt"])
def test_text_fixture_offsets_map_to_the_decoded_file(name):
    """Every non-newline character of a text fixture is at its offset in the file."""
    raw = (FIXTURES / name).read_bytes()
    [art] = read_path(str(FIXTURES / name))
    source = raw.decode(art.encoding)
    assert len(art.text) == len(source)
    for i, (a, b) in enumerate(zip(art.text, source)):
        if b not in "\r\n":
            assert a == b, (name, i)
