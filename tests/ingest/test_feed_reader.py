"""RSS/Atom reader: one Article per entry."""

from __future__ import annotations

import pytest

from newsfusion.errors import InputError
from newsfusion.ingest.feeds import html_to_text, read_feed
from newsfusion.ingest.source import Source

SRC = Source(path="f.xml", name="f")

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Radio Example</title><link>https://r.example/</link><description>d</description>
{items}
</channel></rss>"""


def item(title="T", body="<p>Body text.</p>", extra=""):
    return f"<item><title>{title}</title><description><![CDATA[{body}]]></description>{extra}</item>"


def read(xml: str):
    return list(read_feed(xml, SRC))


def test_rss_items_become_articles_named_by_position():
    xml = RSS.format(items=item("One") + item("Two", extra="<link>https://r.example/2</link><author>a@r.example (Ann Lee)</author>"))
    a, b = read(xml)
    assert (a.name, a.title, a.outlet, a.text) == ("f#1", "One", "Radio Example", "Body text.")
    assert (b.name, b.title, b.url) == ("f#2", "Two", "https://r.example/2")
    assert b.author and "Ann Lee" in b.author
    assert a.source_format == "rss"


@pytest.mark.parametrize(
    "pubdate,expected",
    [
        ("Tue, 07 Oct 2025 23:30:00 -0500", "2025-10-07"),  # the feed's own date, not UTC's
        ("Wed, 08 Oct 2025 09:00:00 GMT", "2025-10-08"),
        ("yesterday", None),
    ],
)
def test_pubdate(pubdate, expected):
    [art] = read(RSS.format(items=item(extra=f"<pubDate>{pubdate}</pubDate>")))
    assert art.published == expected


def test_atom_entry():
    xml = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Bulletin</title><id>u:1</id><updated>2025-10-02T10:00:00Z</updated>
<entry><title>E</title><id>u:2</id><link href="https://b.example/e"/><author><name>Bo Chen</name></author>
<published>2025-10-01T06:00:00+02:00</published><updated>2025-10-02T10:00:00Z</updated>
<content type="html">&lt;p&gt;First.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</content></entry></feed>"""
    [art] = read(xml)
    assert (art.title, art.author, art.outlet, art.published, art.url) == ("E", "Bo Chen", "Bulletin", "2025-10-01", "https://b.example/e")
    assert art.text == "First.\n\nSecond."


@pytest.mark.parametrize(
    "xml,code",
    [
        (RSS.format(items=""), "E209"),
        ("<rss><channel><item><title>broken", "E206"),
        ("this is not xml at all", "E206"),
        (RSS.format(items="<item><title>no body</title></item>"), "E203"),
    ],
)
def test_errors(xml, code):
    out = read(xml)
    assert isinstance(out[0], InputError) and out[0].code == code, out


HTML_TO_TEXT = [
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("plain &amp; simple", "plain & simple"),
    ("<div>a<br>b</div>", "a\n\nb"),
    ("<p>keep <b>bold</b> words <i>inline</i></p>", "keep bold words inline"),
    ("<p>x</p><script>alert(1)</script><style>p{}</style>", "x"),
    ("<p>  spaced\n\n  out  </p>", "spaced out"),
]


@pytest.mark.parametrize("fragment,expected", HTML_TO_TEXT)
def test_html_to_text(fragment, expected):
    assert html_to_text(fragment) == expected
