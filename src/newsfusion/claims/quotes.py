"""Direct quotations: pair the quote marks of an article into spans.

Newswire conventions handled:
- curly quotes “…” and straight quotes "…" (straight ones toggle);
- a quote that runs on into the next paragraph leaves its paragraph open (no
  closing mark) and the next paragraph opens again: the open quote ends at the
  end of its paragraph;
- the apostrophe and the possessive (Hamas’, Gaza’s) are never quote marks:
  only double quotes count (textacy's mistake, see FIELD.md).

Like textacy, an opening mark that never closes inside its paragraph is ended
at the paragraph break rather than guessed further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Span

OPEN = "“„‟"
CLOSE = "”"
STRAIGHT = '"'
_PARA = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Quote:
    span: Span  # including the quote marks
    inner: Span  # without the marks
    closed: bool  # False when the paragraph ended before a closing mark


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans: blocks separated by blank lines."""
    out, start = [], 0
    for m in _PARA.finditer(text):
        if text[start : m.start()].strip():
            out.append(Span(start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append(Span(start, len(text)))
    return out


def find_quotes(text: str, min_words: int = 1) -> list[Quote]:
    """All direct quotations of at least ``min_words`` words.

    Shorter quoted strings ("governor", "selling out") are scare quotes or
    titles, not speech; they stay part of the surrounding claim.
    """
    out: list[Quote] = []
    for para in paragraphs(text):
        out.extend(_quotes_in(text, para))
    return [q for q in out if len(text[q.inner.start : q.inner.end].split()) >= min_words]


def _quotes_in(text: str, para: Span) -> list[Quote]:
    out = []
    open_at: int | None = None
    open_kind = ""
    for i in range(para.start, para.end):
        ch = text[i]
        if open_at is None:
            if ch in OPEN or ch == STRAIGHT:
                open_at, open_kind = i, ch
        elif (open_kind in OPEN and ch in CLOSE) or (open_kind == STRAIGHT and ch == STRAIGHT):
            out.append(Quote(Span(open_at, i + 1), Span(open_at + 1, i), True))
            open_at = None
        elif open_kind in OPEN and ch in OPEN:
            # a new opening mark before a close: the previous quote was left open
            out.append(Quote(Span(open_at, i), Span(open_at + 1, i), False))
            open_at, open_kind = i, ch
    if open_at is not None:
        end = para.end
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        out.append(Quote(Span(open_at, end), Span(open_at + 1, end), False))
    return out


def quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    for q in quotes:
        if q.span.start <= pos < q.span.end:
            return q
    return None
