"""Hostile input never gives a traceback: it is read correctly or refused with one coded error.

Articles longer than NEWSFUSION_MAX_CHARS (default 1,000,000, spaCy's own limit)
are refused with E212 before any stage runs; a lone surrogate escape becomes
U+FFFD (same length, so spans stay true); a number of thousands of digits is no count.
"""

from __future__ import annotations

import json

import pytest

from newsfusion.errors import InputError
from newsfusion.ingest import read_path
from newsfusion.model import Article
from newsfusion.pipeline import Pipeline, too_long

SENTENCE = "Gunmen attacked a market in the town of Ostrava on Monday, a local official said. "


def only(path):
    out = read_path(str(path))
    assert len(out) == 1, out
    return out[0]


def test_two_megabyte_single_line_is_e212(tmp_path):
    p = tmp_path / "line.txt"
    p.write_text((SENTENCE.strip() + " ") * (2_000_000 // len(SENTENCE) + 1))
    err = only(p)
    assert isinstance(err, InputError) and err.code == "E212"
    assert "\n" not in str(err) and str(err).startswith(f"{p}: ") and "NEWSFUSION_MAX_CHARS" in err.fix


def test_three_megabytes_of_spaces(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" " * 3_000_000)
    assert only(blank).code == "E203"
    padded = tmp_path / "padded.txt"
    padded.write_text(SENTENCE + " " * 3_000_000)
    assert only(padded).code == "E212"


def test_article_beyond_byte_limit_is_e204_and_beyond_char_limit_e212(tmp_path, monkeypatch):
    p = tmp_path / "huge.txt"
    p.write_text(SENTENCE * (25_000_000 // len(SENTENCE) + 1))
    assert only(p).code == "E204"  # refused from its size, before reading
    monkeypatch.setenv("NEWSFUSION_MAX_BYTES", str(30_000_000))
    assert only(p).code == "E212"  # read, then refused before any stage


def test_raising_the_char_limit_admits_the_article(tmp_path, monkeypatch):
    p = tmp_path / "long.txt"
    p.write_text(SENTENCE * 20)
    monkeypatch.setenv("NEWSFUSION_MAX_CHARS", "100")
    assert only(p).code == "E212"
    monkeypatch.setenv("NEWSFUSION_MAX_CHARS", "100000")
    assert isinstance(only(p), Article)


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\udc00\\ud800"])
def test_lone_surrogate_escape_in_jsonl_becomes_replacement_char(tmp_path, escape):
    body = f"Officials said {escape} gunmen attacked a market in the town on Monday."
    p = tmp_path / "wire.jsonl"
    p.write_text('{"title": "Attack %s", "text": "%s"}\n' % (escape, body))
    art = only(p)
    assert isinstance(art, Article)
    assert len(art.text) == len(json.loads(f'"{body}"')) and "\ufffd" in art.text and "\ufffd" in art.title
    art.text.encode("utf-8")  # encodable: hashed, parsed, stored and printed without error
    assert len(art.content_hash) == 16


def test_surrogate_through_the_python_api():
    art = Article(text="The army said \ud800 it had shelled the town.", title="x\udfff", outlet="Wire")
    assert art.text == "The army said \ufffd it had shelled the town." and art.title == "x\ufffd"
    assert art.content_hash == Article(text=art.text, title=art.title, outlet="Wire").content_hash
    later = Article(text="ok")
    later.text = "set \ud800 later"  # set after construction: the hash still works
    assert len(later.content_hash) == 16


def test_pipeline_refuses_too_long_article_before_any_stage(monkeypatch):
    ran = []
    monkeypatch.setenv("NEWSFUSION_MAX_CHARS", "50")
    pipe = Pipeline(["nlp"])
    monkeypatch.setattr(pipe.stages[0].func, "batch", lambda docs: ran.append(docs) or docs, raising=False)
    assert too_long(Article(text="x" * 50)) is None
    with pytest.raises(InputError) as info:
        list(pipe.pipe([Article(text="short"), Article(text="y" * 51)]))
    assert info.value.code == "E212" and ran == []


def test_kb_ingest_reports_too_long_api_article(tmp_path, monkeypatch):
    from newsfusion.kb import KnowledgeBase
    from store_helpers import FakePipeline

    monkeypatch.setenv("NEWSFUSION_MAX_CHARS", "200")
    with KnowledgeBase(str(tmp_path / "kb.db")) as kb:
        kb._pipeline = FakePipeline()
        report = kb.ingest([Article(text=SENTENCE), Article(text=SENTENCE * 5)])
    assert len(report.added) == 1 and [e.code for e in report.failed] == ["E212"]
