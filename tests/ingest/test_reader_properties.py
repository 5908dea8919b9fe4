"""Property-based tests (hypothesis) for the readers."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfusion.errors import InputError
from newsfusion.ingest import normalise_date, read_bytes
from newsfusion.ingest.records import read_records
from newsfusion.ingest.source import Source
from newsfusion.ingest.text import read_text, unwrap
from newsfusion.model import Article

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that looks a little like articles: words, punctuation, newlines, markup
PIECES = st.sampled_from(
    ["the", "Army", "said", "By", "Ann", "Lee", ".", ",", ":", " ", " ", "\n", "\n", "\n\n", "\r\n", "\r", "- ", "|",
     "#", "Published:", "2025-03-03", "March 3, 2025", "last week", "<p>", "</p>", "<rss>", "{", "}", "[", "\"", "\t",
     "é", "’", "\u2028", "\x0c"]
)
ARTICLEISH = st.lists(PIECES, max_size=80).map("".join)
ANY_TEXT = st.one_of(ARTICLEISH, st.text(max_size=400))


@SETTINGS
@given(data=st.one_of(st.binary(max_size=1500), ANY_TEXT.map(lambda s: s.encode("utf-8"))),
       fmt=st.sampled_from([None, "text", "html", "records", "feed"]))
def test_read_bytes_never_raises_on_arbitrary_input(data, fmt):
    out = list(read_bytes(data, path="x", name="x", fmt=fmt))
    assert out, "every input yields an article or an error"
    for item in out:
        assert isinstance(item, (Article, InputError))
        if isinstance(item, Article):
            assert item.text.strip() and item.source_path == "x"
            assert item.published is None or date.fromisoformat(item.published)
        else:
            assert item.code.startswith("E2") and "\n" not in str(item)


@SETTINGS
@given(source=ANY_TEXT)
def test_unwrap_preserves_length_and_every_other_character(source):
    out = unwrap(source)
    assert len(out) == len(source)
    for a, b in zip(out, source):
        assert a == b or (b == "\n" and a == " ")


@SETTINGS
@given(source=ANY_TEXT)
def test_text_reader_keeps_offsets(source):
    [art] = read_text(source, Source(path="x.txt", name="x"))
    assert len(art.text) == len(source)
    for i, (a, b) in enumerate(zip(art.text, source)):
        if b not in "\r\n":
            assert a == b, i
        else:
            assert a in " \n"


META = st.one_of(st.none(), st.text(min_size=1, max_size=40).map(str.strip).filter(bool))
DATES = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
RECORD = st.fixed_dictionaries(
    {
        "text": st.text(min_size=1, max_size=300).filter(lambda s: s.strip() and "\r" not in s),
        "title": META,
        "author": META,
        "outlet": META,
        "url": META,
        "published": DATES,
    }
)


@SETTINGS
@given(records=st.lists(RECORD, min_size=1, max_size=6))
def test_jsonl_round_trip(records):
    lines = [json.dumps({k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items()}) for r in records]
    out = list(read_records("\n".join(lines), Source(path="r.jsonl", name="r")))
    assert len(out) == len(records)
    for n, (rec, art) in enumerate(zip(records, out), 1):
        assert isinstance(art, Article)
        assert art.text == rec["text"]
        assert (art.title, art.author, art.outlet, art.url) == (rec["title"], rec["author"], rec["outlet"], rec["url"])
        assert art.published == (rec["published"].isoformat() if rec["published"] else None)
        assert art.name == (f"r#{n}" if len(records) > 1 else "r")


@SETTINGS
@given(d=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_written_any_common_way_normalise_to_the_same_day(d):
    iso = d.isoformat()
    for written in (iso, f"{d:%B} {d.day}, {d.year}", f"{d.day} {d:%B} {d.year}", f"{d:%a, %d %b %Y} 12:00:00 +0000"):
        assert normalise_date(written) == iso, written


@SETTINGS
@given(value=st.one_of(st.text(max_size=80), st.integers(), st.floats(allow_nan=True)))
def test_normalise_date_never_raises(value):
    out = normalise_date(value)
    assert out is None or date.fromisoformat(out)
