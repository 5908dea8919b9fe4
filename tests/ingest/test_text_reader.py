"""Plain-text reader: header (title, byline, date, metadata) and unwrapping."""

from __future__ import annotations

import pytest

from newsfusion.ingest.source import Source, normalise_newlines
from newsfusion.ingest.text import read_text, unwrap


def read(text: str):
    [art] = list(read_text(text, Source(path="t.txt", name="t")))
    return art


HEADERS = [
    # (source, (title, author, outlet, published, url))
    ("Rebels retake hill town\n\nBody text here.", ("Rebels retake hill town", None, None, None, None)),
    ("Title\nBy Aline Furaha\n\nBody.", ("Title", "Aline Furaha", None, None, None)),
    ("By Aline Furaha\n\nBody starts here.", (None, "Aline Furaha", None, None, None)),
    ("# Markdown title\n\nBody.", ("Markdown title", None, None, None, None)),
    ("Title\nBy Jean Mukendi and Grace Masika\n\nBody.", ("Title", "Jean Mukendi and Grace Masika", None, None, None)),
    ("Title\nBy Jean Mukendi | Kivu Dispatch\n\nBody.", ("Title", "Jean Mukendi", "Kivu Dispatch", None, None)),
    ("Title\nMarch 3, 2025\n\nBody.", ("Title", None, None, "2025-03-03", None)),
    ("Title\nTuesday, 14 October 2025\n\nBody.", ("Title", None, None, "2025-10-14", None)),
    ("Title\nPublished: 2025-03-03\n\nBody.", ("Title", None, None, "2025-03-03", None)),
    ("Title\nDate: 3 March 2025\nSource: Valley Herald\nURL: https://x.example/a\n\nBody.",
     ("Title", None, "Valley Herald", "2025-03-03", "https://x.example/a")),
    ("Published: 2025-03-03\nTitle after the date\n\nBody.", ("Title after the date", None, None, "2025-03-03", None)),
    # not dates: relative or partial
    ("Title\nlast week\n\nBody.", ("Title", None, None, None, None)),
    ("Title\nTuesday\n\nBody.", ("Title", None, None, None, None)),
    ("Title\nMarch 2025\n\nBody.", ("Title", None, None, None, None)),
    ("Title\nPublished: last week\n\nBody.", ("Title", None, None, None, None)),
    # a news dateline opening the first paragraph
    ("Title\n\nGOMA, Oct. 14, 2025 — Fighting resumed.", ("Title", None, None, "2025-10-14", None)),
    ("Title\n\nBENI, North Kivu, 9 October 2025 (Kivu Dispatch) - A bomb exploded.", ("Title", None, None, "2025-10-09", None)),
    # a first line that is a whole paragraph is not a title
    ("x" * 250 + "\n\nMore.", (None, None, None, None, None)),
    # a sentence starting with "By" is not a byline
    ("Title\nBy Tuesday, the rebels had left the town.\n", ("Title", None, None, None, None)),
]


@pytest.mark.parametrize("source,expected", HEADERS)
def test_header(source, expected):
    art = read(source)
    assert (art.title, art.author, art.outlet, art.published, art.url) == expected
    assert art.text == source  # nothing here is hard-wrapped
    assert art.source_format == "text"


UNWRAP = [
    # (source, expected): joined wraps, kept paragraph breaks
    (
        "The army said its soldiers\nhad pushed the rebels back\nfrom the ridge on Monday.\n\nResidents fled.",
        "The army said its soldiers had pushed the rebels back from the ridge on Monday.\n\nResidents fled.",
    ),
    (  # a short line ending a sentence is a paragraph end; a full one is a wrap
        "Officials said the road had been closed\nfor two days after the attack near the\nmarket. Traders protested against it\non Monday.\nShops stayed shut.\nThe mayor called for calm in the town\nand asked traders to reopen their shops.",
        "Officials said the road had been closed for two days after the attack near the market. Traders protested against it on Monday.\nShops stayed shut.\nThe mayor called for calm in the town and asked traders to reopen their shops.",
    ),
    (  # one paragraph per line, no wrapping: untouched
        "First paragraph ends here.\nSecond paragraph ends here.\nA heading\nThird paragraph.",
        "First paragraph ends here.\nSecond paragraph ends here.\nA heading\nThird paragraph.",
    ),
    (  # bullets and letterless lines keep their newlines
        "The list has\nthree items that\nare wrapped here:\n- one\n- two\n|\nAfter the rule comes\nmore text that\nwraps.",
        "The list has three items that are wrapped here:\n- one\n- two\n|\nAfter the rule comes more text that wraps.",
    ),
]


@pytest.mark.parametrize("source,expected", UNWRAP)
def test_unwrap(source, expected):
    assert unwrap(source) == expected
    assert len(unwrap(source)) == len(source)


def test_header_lines_are_not_joined_to_the_body():
    source = "A title without a full stop\nBy Aline Furaha\nsoldiers were seen\nmoving north of the\ntown on Monday and\nthe road was closed.\n"
    art = read(source)
    assert art.text.startswith("A title without a full stop\nBy Aline Furaha\nsoldiers were seen moving north")


@pytest.mark.parametrize(
    "source,expected",
    [("a\r\nb", "a \nb"), ("a\rb", "a\nb"), ("a\r\n\r\nb", "a \n \nb"), ("no newline", "no newline")],
)
def test_crlf_is_normalised_without_changing_length(source, expected):
    assert normalise_newlines(source) == expected


def test_crlf_article_reads_header_and_keeps_offsets():
    source = "Curfew lifted\r\nBy Neema Bahati\r\nOctober 14, 2025\r\n\r\nThe curfew was\r\nlifted on Tuesday by the\r\ncouncil of the town.\r\n"
    art = read(source)
    assert (art.title, art.author, art.published) == ("Curfew lifted", "Neema Bahati", "2025-10-14")
    assert len(art.text) == len(source)
    assert art.text.index("lifted on Tuesday") == source.index("lifted on Tuesday")


SEEDS = [
    # (file, title, author, a word and the text it is in)
    ("000_dafafc5501a5ff2f.txt", None, "Aaron Klein"),
    ("002_64b1a3114212f740.txt", "Hamas seems to be losing control of the dozens of terror cells in the Gaza Strip.", None),
    ("003_f0b755e1911a462f.txt", None, "Aron Klein"),
]


@pytest.mark.parametrize("name,title,author", SEEDS)
def test_seed_articles(seeds_dir, name, title, author):
    from newsfusion.ingest import read_path

    path = seeds_dir / name
    if not path.exists():
        pytest.skip(f"seed {name} not found in {seeds_dir}")
    source = path.read_text(encoding="utf-8")
    [art] = read_path(str(path))
    assert (art.title, art.author, art.name, art.language) == (title, author, path.stem, "en")
    assert len(art.text) == len(source)
    # every word of the file is at the same offset in the article text
    import re

    for m in re.finditer(r"\S+", source):
        assert art.text[m.start() : m.end()] == m.group(), (name, m.start())


def test_seed_002_is_unwrapped(seeds_dir):
    from newsfusion.ingest import read_path

    path = seeds_dir / "002_64b1a3114212f740.txt"
    if not path.exists():
        pytest.skip(f"seed not found in {seeds_dir}")
    [art] = read_path(str(path))
    # hard-wrapped lines are joined: sentences read on one line
    assert "He described the reports as" in art.text
    assert "the Gaza Strip last month as part of its effort" in art.text
    # the title line and the short line ending a paragraph keep their newline
    assert art.text.startswith(art.title + "\n")
    assert "with one finger.\nThe Gaza Strip is no longer" in art.text
    # far fewer lines than the file
    assert art.text.count("\n") < path.read_text(encoding="utf-8").count("\n") / 2
