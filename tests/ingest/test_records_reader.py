"""JSON / JSONL reader: field aliases, shapes, per-line errors."""

from __future__ import annotations

import json

import pytest

from newsfusion.errors import InputError
from newsfusion.ingest.records import read_records
from newsfusion.ingest.source import Source

SRC = Source(path="in.jsonl", name="in")


def read(text: str):
    return list(read_records(text, SRC))


FIELDS = [
    # (record, expected (text, title, author, outlet, published, url, name))
    ({"text": "T"}, ("T", None, None, None, None, None, "in")),
    ({"body": "B", "headline": "H", "byline": "Ann Lee"}, ("B", "H", "Ann Lee", None, None, None, "in")),
    ({"content": "C", "authors": ["Ann Lee", "Bo Chen"]}, ("C", None, "Ann Lee, Bo Chen", None, None, None, "in")),
    ({"Text": "T", "Author": {"name": "Ann Lee"}, "Source": {"name": "Herald"}}, ("T", None, "Ann Lee", "Herald", None, None, "in")),
    ({"text": "T", "site": "Herald", "pubDate": "Tue, 14 Oct 2025 23:05:00 -0500"}, ("T", None, None, "Herald", "2025-10-14", None, "in")),
    ({"text": "T", "date": "March 3, 2025", "link": "https://h.example/a"}, ("T", None, None, None, "2025-03-03", "https://h.example/a", "in")),
    ({"text": "T", "published_at": 1741000000}, ("T", None, None, None, "2025-03-03", None, "in")),
    ({"text": "T", "published": "last week"}, ("T", None, None, None, None, None, "in")),
    ({"text": "T", "id": 42}, ("T", None, None, None, None, None, "42")),
    ({"text": "T", "doc_id": "abc"}, ("T", None, None, None, None, None, "abc")),
    ({"text": "", "body": "fallback"}, ("fallback", None, None, None, None, None, "in")),
    ({"text": "line one\r\nline two"}, ("line one \nline two", None, None, None, None, None, "in")),
]


@pytest.mark.parametrize("record,expected", FIELDS)
def test_fields(record, expected):
    [art] = read(json.dumps(record))
    assert (art.text, art.title, art.author, art.outlet, art.published, art.url, art.name) == expected
    assert art.source_format == "json"


def test_array_names_records_by_position_or_id():
    arts = read(json.dumps([{"text": "a"}, {"text": "b", "id": "x7"}, {"text": "c"}]))
    assert [a.name for a in arts] == ["in#1", "x7", "in#3"]


def test_pretty_printed_object():
    [art] = read(json.dumps({"text": "T", "title": "Pretty"}, indent=2))
    assert art.title == "Pretty"


def test_jsonl_bad_line_is_reported_by_number_and_others_are_read():
    lines = ['{"text": "one"}', '{"text": "two",', "", '{"title": "no text"}', '{"text": "five"}', "42"]
    out = read("\n".join(lines))
    kinds = [(type(x).__name__, getattr(x, "code", None), getattr(x, "name", None)) for x in out]
    assert kinds == [
        ("Article", None, "in#1"),
        ("InputError", "E206", None),
        ("InputError", "E203", None),
        ("Article", None, "in#5"),
        ("InputError", "E206", None),
    ]
    assert str(out[1]).startswith("in.jsonl: line 2: malformed JSON")
    assert "line 4: record has no text" in str(out[2])
    assert "line 6: not a JSON object" in str(out[4])


ERRORS = [
    # (content, code, part of message)
    ('[{"text": "a"}, {"text": "b"', "E206", "malformed JSON"),
    ('{\n  "text": "a",\n  oops\n}', "E206", "at line 3"),
    ('"just a string"', "E206", "holds a str"),
    ('[{"text": 5}]', "E203", "record 1: record has a int as text"),
    ('[{"title": "t"}, "x"]', "E203", "record 1: record has no text"),
]


@pytest.mark.parametrize("content,code,part", ERRORS)
def test_errors(content, code, part):
    out = read(content)
    err = out[0]
    assert isinstance(err, InputError) and err.code == code
    assert part in str(err)
    assert "\n" not in str(err)
