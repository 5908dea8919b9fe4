"""Jinja2 set-up for the pages: autoescape everywhere, strict undefined, small filters.

Templates never mark article text safe. The only ``Markup`` they receive is
built by :mod:`.highlight`, :mod:`.basemap` and :func:`marked` from escaped
slices.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup, escape

from .. import __version__
from .highlight import css_token

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def path(ident: Any, prefix: str) -> str:
    """``{{ id | path('/entities/') }}``: the prefix and the id quoted as one path segment."""
    return prefix + quote(str(ident), safe="")


def qs(params: Mapping[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied; empty values dropped."""
    merged = {**params, **changes}
    pairs = [(k, v) for k, v in merged.items() if v not in (None, "", False)]
    return ("?" + urlencode(pairs)) if pairs else ""


def marked(snippet: str | None, marks: list[list[int]] | None) -> Markup:
    """A search snippet with its matched words in ``<mark>``, every slice escaped."""
    text = snippet or ""
    out, pos = [], 0
    for start, end in sorted(marks or []):
        if start < pos or end > len(text) or start >= end:
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>{}</mark>").format(text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def safe_url(url: str | None) -> str | None:
    """An article's address as a link target only when it is http(s) (never javascript:, data:...)."""
    u = (url or "").strip()
    return u if u.lower().startswith(("http://", "https://")) and not any(c in u for c in "\x00\n\r\t ") else None


def grade_class(code: str | None) -> str:
    return f"grade grade-{code[0]}" if code and code[0] in "ABCDEF" else "grade grade-none"


def fatalities(lo: int | None, hi: int | None) -> str:
    if lo is None and hi is None:
        return ""
    if lo is None or hi is None or lo == hi:
        return str(lo if lo is not None else hi)
    return f"{lo}–{hi}"


def short(text: str | None, n: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


ROLE_NAMES = {
    "mentions": "mentions",
    "claim_source": "claims made",
    "claim_subject": "claimed about",
    "event_actor": "events as actor",
    "event_target": "events as target",
    "event_location": "events here",
    "relation_subject": "relations (subject)",
    "relation_object": "relations (object)",
}


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(path=path, marked=marked, grade_class=grade_class, short=short, anchor=css_token, safe_url=safe_url)
    env.globals.update(qs=qs, fatalities=fatalities, version=__version__, ROLE_NAMES=ROLE_NAMES)
    return env
