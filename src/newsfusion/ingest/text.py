"""Plain-text articles: first line is the title; a ``By NAME`` line is the byline.

Hard-wrapped lines are joined back into paragraphs by turning the single
newline into a space, so every character keeps its offset in the original.
"""

from __future__ import annotations

import re

from ..model import Article

BYLINE = re.compile(r"^\s*By\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*$")
# A newline that ends a line inside a paragraph: not followed by a blank line.
_WRAP = re.compile(r"(?<=\S)\n(?=[^\n\s|])")


def unwrap(text: str) -> str:
    """Join hard-wrapped lines; the result has the same length as the input."""
    return _WRAP.sub(" ", text)


def read_text(text: str, **meta) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [ln for ln in text.split("\n") if ln.strip()]
    author = None
    title = None
    for ln in lines[:3]:
        m = BYLINE.match(ln)
        if m:
            author = m.group("name").strip()
            break
    for ln in lines:
        if not BYLINE.match(ln):
            title = ln.strip()[:300]
            break
    art = Article(text=unwrap(text), title=title, author=author, source_format="text")
    for k, v in meta.items():
        if v is not None:
            setattr(art, k, v)
    return art
