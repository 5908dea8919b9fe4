"""HTML pages: trafilatura keeps the main text and reads the page's metadata.

Navigation, footers, comments and tables are dropped. Title, author, date,
site name (the outlet) and canonical URL come from the page's meta tags and
markup. ``Article.text`` is trafilatura's extracted text (paragraphs separated
by newlines), so character offsets point into that text, not into the HTML.
The date is taken from the page's markup only (no guessing from the URL or
copyright line, and no cut-off at today's date). The outlet is the site name
the page declares (``og:site_name`` and the like), never the bare domain,
which stays in ``url``. A page with less than ``MIN_WORDS`` words of main
text is E209.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..model import Article
from .dates import normalise_date
from .source import Source

MIN_WORDS = 5  # less than this is page furniture ("Home"), not an article
DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2199-12-31"}


def read_html(text: str, src: Source) -> Iterator[Article | InputError]:
    """Yield the Article of an HTML page, or E209 when it has no main text."""
    try:
        import lxml_html_clean  # noqa: F401  (trafilatura needs it; fail clearly if missing)
        import trafilatura
    except ImportError as e:
        yield src.error("E209", f"cannot read HTML: {e}", "reinstall newsfusion (pip install -e .)")
        return
    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception as e:  # trafilatura/lxml raise many kinds of parse errors
        doc = None
        reason = f"the page could not be parsed ({type(e).__name__})"
    else:
        reason = "no main text found in the page"
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < MIN_WORDS:
        if body:
            reason = f"only {body[:40]!r} found, not an article"
        yield src.error("E209", f"no extractable text: {reason}", "check it is an article page, or save its text as .txt")
        return
    yield src.article(
        body,
        "html",
        title=_clean(getattr(doc, "title", None)),
        author=_clean(getattr(doc, "author", None)),
        outlet=_outlet(doc),
        published=normalise_date(getattr(doc, "date", None)),
        url=_clean(getattr(doc, "url", None)),
    )


def _outlet(doc: object) -> str | None:
    """The site name the page declares; trafilatura's fallback to the bare host name is dropped."""
    name = _clean(getattr(doc, "sitename", None))
    host = (_clean(getattr(doc, "hostname", None)) or "").removeprefix("www.")
    if name and host and name.lower().removeprefix("www.") == host.lower():
        return None
    return name


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
