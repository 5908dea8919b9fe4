"""RSS and Atom feeds (feedparser): one Article per entry.

The entry's full content is used when the feed carries it, else its summary;
HTML markup is stripped (block elements become paragraph breaks). Title,
author, link and publication date come from the entry (the date as written,
in the feed's own time zone), the outlet is the feed's title. Entries are
named ``stem#N`` (N counts from 1 in feed order). An entry without text is an
E203 error for that entry only; a file that is not a feed is E206.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ..errors import InputError
from ..model import Article
from .dates import normalise_date
from .source import Source

BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer figure figcaption".split()
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})


def read_feed(text: str, src: Source) -> Iterator[Article | InputError]:
    """Yield one Article (or InputError) per entry of an RSS/Atom feed."""
    import feedparser

    try:
        parsed = feedparser.parse(text)
    except Exception as e:  # feedparser is lenient, but its XML backends are not
        yield src.error("E206", f"malformed feed ({type(e).__name__})", "check it is a valid RSS or Atom file")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") or not parsed.get("version"):
            why = _bozo_reason(parsed)
            yield src.error("E206", f"not a readable RSS or Atom feed{why}", "check it is a valid RSS or Atom file")
        else:
            yield src.error("E209", "no extractable text: the feed has no entries", "check the feed export")
        return
    outlet = _clean(parsed.get("feed", {}).get("title"))
    broken = _bozo_reason(parsed)
    for n, entry in enumerate(entries, 1):
        yield _entry(entry, n, outlet, src, broken)


def _bozo_reason(parsed: Any) -> str:
    """": why" the feed is malformed, or "" when it is well-formed."""
    if not parsed.get("bozo"):
        return ""
    reason = parsed.get("bozo_exception")
    return f": {(str(reason).splitlines() or [''])[0][:120]}" if reason else ": malformed"


def _entry(entry: Any, n: int, outlet: str | None, src: Source, broken: str = "") -> Article | InputError:
    body = _entry_text(entry)
    if not body and broken:
        return src.error("E206", f"entry {n}: no text, the feed is malformed{broken}", "check it is a valid RSS or Atom file")
    if not body:
        return src.error(
            "E203", f"entry {n}: no text (neither content nor summary)", "check the feed carries the article text"
        )
    return src.article(
        body,
        "rss",
        name=f"{src.name}#{n}",
        title=_clean(entry.get("title")),
        author=_clean(entry.get("author")),
        outlet=outlet,
        published=normalise_date(entry.get("published") or entry.get("updated")),
        url=_clean(entry.get("link")),
    )


def _entry_text(entry: Any) -> str:
    for part in entry.get("content") or []:
        value = part.get("value") or ""
        if value.strip():
            return html_to_text(value) if "html" in (part.get("type") or "html") else value.strip()
    return html_to_text(entry.get("summary") or "")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by a blank line."""
    parser = _TextParser()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # html.parser is lenient; be safe on pathological input
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    paragraphs = ("".join(parser.parts)).split("\x00")
    cleaned = (re.sub(r"\s+", " ", p).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\x00")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\x00")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data.replace("\x00", " "))


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
