"""HTML reader: trafilatura keeps the article and drops the page furniture."""

from __future__ import annotations

import pytest

from newsfusion.errors import InputError
from newsfusion.ingest.html import read_html
from newsfusion.ingest.source import Source

SRC = Source(path="p.html", name="p")

PAGE = """<html><head><title>{title} | The Paper</title>{meta}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Log in to your account</a></nav>
<article><h1>{title}</h1>
<p>Soldiers and police officers patrolled the streets of the town on Monday after a night of unrest in which several shops were burned down by a crowd.</p>
<p>The governor said a curfew would remain in force until the end of the week and that anyone found outside after dark would be questioned.</p>
</article>
<footer>Copyright The Paper. Terms of service. Cookie preferences. Newsletter sign-up.</footer>
</body></html>"""


def page(title="Town under curfew", meta=""):
    return PAGE.format(title=title, meta=meta)


def read(html: str):
    return list(read_html(html, SRC))


META = [
    # (meta tags, expected (author, outlet, published, url))
    ("", (None, None, None, None)),
    ('<meta name="author" content="Ann Lee">', ("Ann Lee", None, None, None)),
    ('<meta property="og:site_name" content="The Paper">', (None, "The Paper", None, None)),
    ('<meta property="article:published_time" content="2025-10-14T23:30:00-05:00">', (None, None, "2025-10-14", None)),
    ('<meta name="date" content="2031-01-05">', (None, None, "2031-01-05", None)),  # no cut-off at today
    # the host name is not an outlet (it stays in the url)
    ('<link rel="canonical" href="https://paper.example/curfew">', (None, None, None, "https://paper.example/curfew")),
    ('<meta property="og:site_name" content="The Paper"><meta property="og:url" content="https://paper.example/c">', (None, "The Paper", None, "https://paper.example/c")),
]


@pytest.mark.parametrize("meta,expected", META)
def test_metadata(meta, expected):
    [art] = read(page(meta=meta))
    assert (art.author, art.outlet, art.published, art.url) == expected
    assert art.title == "Town under curfew"
    assert art.source_format == "html"


def test_boilerplate_is_dropped_and_paragraphs_kept():
    [art] = read(page())
    assert "Soldiers and police officers patrolled" in art.text
    assert "until the end of the week" in art.text
    for junk in ("Log in to your account", "Cookie preferences", "Newsletter"):
        assert junk not in art.text
    assert art.text.count("\n") >= 2  # title and two paragraphs on their own lines


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body><script>var x = 1;</script></body></html>",
    ],
)
def test_page_without_text_is_e209(html):
    [err] = read(html)
    assert isinstance(err, InputError) and err.code == "E209"
    assert str(err).startswith("p.html: no extractable text")


def test_lxml_html_clean_is_importable():
    import lxml_html_clean  # noqa: F401
    import trafilatura  # noqa: F401
