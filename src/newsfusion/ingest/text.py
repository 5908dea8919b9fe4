"""Plain-text articles: a header (title, byline, date, metadata) and the body.

The header is read from the first non-empty lines, in any order:

* the title: the first line that is none of the below, when it comes before
  any byline (a Markdown ``# `` is dropped; a line longer than ``MAX_TITLE``
  characters is a paragraph, so the article then has no title);
* a byline ``By NAME`` (``By NAME and NAME``, ``By NAME, NAME``; ``By NAME |
  OUTLET`` or ``By NAME — OUTLET`` also gives the outlet);
* a line that is only a full date ("March 3, 2025", "2025-03-03",
  "Tuesday, 14 October 2025"); "last week" or "Tuesday" are not dates;
* ``Key: value`` lines for known keys: Title/Headline, Author/Byline,
  Source/Outlet/Publication/Publisher, Date/Published/Updated/Posted, URL/Link.

When no date is found there, a news dateline opening the first paragraph
("GOMA, Oct. 14, 2025 — ...") gives it.

``Article.text`` is the whole decoded file, header included, with exactly its
length: :func:`unwrap` joins hard-wrapped lines by replacing the single newline
with a space, and CRLF is read as " \\n" (see ``source.normalise_newlines``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Article
from .dates import normalise_date
from .source import Source, normalise_newlines

MAX_TITLE = 200
HEADER_LINES = 8  # non-empty lines examined for the header

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:(?:de|da|del|der|van|von|al|el|bin|ibn|le|la|du|wa)\s+)?[A-Z][\w.'’-]*){0,4}"
BYLINE = re.compile(
    rf"^\s*By:?\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s*(?:[|—–]\s*(?P<outlet>.{{2,60}}?))?\s*$"
)
META = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z ]{0,18}?)\s*:\s*(?P<value>\S.*?)\s*$")
META_KEYS = {
    "title": "title",
    "headline": "title",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "source": "outlet",
    "outlet": "outlet",
    "publication": "outlet",
    "publisher": "outlet",
    "date": "published",
    "published": "published",
    "updated": "published",
    "posted": "published",
    "publication date": "published",
    "url": "url",
    "link": "url",
}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z'’. -]{{1,40}}(?:,\s*[A-Z][\w .'’-]{{1,40}}?)?,\s*"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\s*(?:\([^)]{{1,40}}\))?\s*[—–:-]"
)
_TERMINAL = re.compile(r"[.!?:;][\"'”’»)\]]*$")
_BULLET = re.compile(r"^\s*(?:[-*•–·]|\d{1,3}[.)])\s")
_ALNUM = re.compile(r"\w")


@dataclass
class Header:
    """Metadata found in the first lines, and the line indices it occupies."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    lines: set[int] = field(default_factory=set)


def read_text(text: str, src: Source) -> Iterator[Article | InputError]:
    """Yield the one Article of a plain-text file (``text`` is the decoded file)."""
    text = normalise_newlines(text)
    lines = text.split("\n")
    head = parse_header(lines)
    yield src.article(
        unwrap(text, keep=head.lines),
        "text",
        title=head.title,
        author=head.author,
        outlet=head.outlet,
        published=head.published,
        url=head.url,
    )


def parse_header(lines: list[str]) -> Header:
    """Read title, byline, date and ``Key: value`` metadata from the first lines."""
    head = Header()
    seen = 0
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > HEADER_LINES or not _header_line(line, head):
            break
        head.lines.add(i)
    if head.published is None:
        body = next((ln for i, ln in enumerate(lines) if ln.strip() and i not in head.lines), "")
        m = DATELINE.match(body)
        if m:
            head.published = normalise_date(m["date"])
    return head


def _header_line(line: str, head: Header) -> bool:
    """Record ``line`` into ``head`` if it is a header line; False when the body starts."""
    m = BYLINE.match(line)
    if m and head.author is None:
        head.author = m["name"].strip()
        head.outlet = head.outlet or (m["outlet"] or "").strip() or None
        return True
    m = META.match(line)
    key = META_KEYS.get(m["key"].strip().lower()) if m else None
    if m and key:
        value = m["value"]
        if key == "published":
            value = normalise_date(value)
        if getattr(head, key) is None and value:
            setattr(head, key, value)
        return True
    if len(line) <= 64 and head.published is None:
        iso = normalise_date(line)
        if iso:
            head.published = iso
            return True
    if not _ALNUM.search(line):  # a rule such as "----": part of the header
        return True
    if head.title is None and head.author is None and len(line) <= MAX_TITLE:
        head.title = line.lstrip("#").strip() or None
        return True
    return False


def unwrap(text: str, keep: Collection[int] = ()) -> str:
    """Join hard-wrapped lines back into paragraphs; the result has ``len(text)``.

    Only single newlines inside a paragraph become spaces; every other
    character stays at its offset. Nothing is joined unless the text looks
    hard-wrapped (several lines end mid-sentence). Then a newline is kept when
    the line after it is blank, a bullet or has no letters, after a bullet
    item (unless the next line is indented), when the line before is in
    ``keep`` (header lines), or when the line before ends a
    sentence and is short enough that the next word would have fitted on it:
    the writer broke the line on purpose.
    """
    lines = text.split("\n")
    candidates = [i for i in range(len(lines) - 1) if i not in keep and _joinable(lines[i], lines[i + 1])]
    mid = [i for i in candidates if not _TERMINAL.search(lines[i].rstrip())]
    if len(mid) < 2 or len(mid) < 0.3 * len(candidates):
        return text
    widths = sorted(len(lines[i].rstrip()) for i in mid)
    width = widths[int(0.9 * (len(widths) - 1))]
    out = list(text)
    starts = _line_starts(lines)
    for i in candidates:
        before, after = lines[i].rstrip(), lines[i + 1]
        if _TERMINAL.search(before) and len(before) + 1 + len(after.split()[0]) <= width:
            continue
        out[starts[i + 1] - 1] = " "
    return "".join(out)


def _joinable(line: str, after: str) -> bool:
    """Could the newline between ``line`` and ``after`` be a wrap? Not around
    blank or letterless lines, before a bullet, or after a bullet item unless
    the next line is indented (the item continues)."""
    if not (_ALNUM.search(line) and _ALNUM.search(after)) or _BULLET.match(after):
        return False
    return not _BULLET.match(line) or after[:1].isspace()


def _line_starts(lines: list[str]) -> list[int]:
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    return starts
