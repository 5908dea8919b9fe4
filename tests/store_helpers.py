"""Hand-built Docs and a fast stand-in pipeline for the store, KB and CLI tests.

The stand-in marks capitalised words as entities, sentences with "said" as
claims and sentences with "attack" as events, so the tests can check what the
store keeps without loading spaCy and without depending on what the real
extraction stages find (they are being written at the same time).
"""

from __future__ import annotations

import re
import sqlite3
import time

from newsfusion.model import Article, Claim, Doc, Entity, Event, Fatalities, Mention, Span, TimeExpr

_CAP = re.compile(r"\b[A-Z][a-z]+\b")
_SENT = re.compile(r"[^.!?\n]+[.!?]?")
_NUM = re.compile(r"\b(\d+)\b")


def build_doc(art: Article, doc_id: str = "") -> Doc:
    """A Doc with entities, claims and events found by trivial patterns."""
    doc = Doc(art, doc_id=doc_id)
    text = art.text
    by_name: dict[str, int] = {}
    for m in _CAP.finditer(text):
        idx = by_name.setdefault(m.group(), len(doc.entities))
        if idx == len(doc.entities):
            doc.entities.append(Entity(m.group(), "ORG"))
        doc.mentions.append(Mention(Span(m.start(), m.end()), m.group(), "ORG", idx))
        doc.entities[idx].mentions.append(len(doc.mentions) - 1)
    for s in _SENT.finditer(text):
        sent = Span(s.start(), s.end())
        doc.sentences.append(sent)
        if " said" in s.group():
            cue = s.start() + s.group().index(" said") + 1
            stance = "deny" if " denied" in s.group() or " not " in s.group() else "assert"
            doc.claims.append(Claim("officials", "anonymous", stance, Span(cue, cue + 4), sent, sent))
        if "attack" in s.group():
            n = _NUM.search(s.group())
            fat = Fatalities(int(n.group()), int(n.group()), n.group()) if n else Fatalities()
            t = TimeExpr(sent, s.group(), art.published, art.published, bool(art.published)) if art.published else None
            doc.events.append(Event("Battles", "Armed clash", sent, sent, time=t, fatalities=fat, sources=[art.outlet or "author"]))
    return doc


class FakePipeline:
    """Same interface as ``newsfusion.pipeline.Pipeline`` (pipe, __call__, version, batch_size)."""

    version = "test+fake.1"

    def __init__(self, batch_size: int = 4, delay: float = 0.0, fail_on: str | None = None):
        self.batch_size = batch_size
        self.delay = delay
        self.fail_on = fail_on

    def _one(self, art: Article, doc_id: str = "") -> Doc:
        if self.delay:
            time.sleep(self.delay)
        if self.fail_on and self.fail_on in art.text:
            raise ValueError("stage blew up")
        return build_doc(art, doc_id)

    def __call__(self, art: Article, doc_id: str | None = None) -> Doc:
        return self._one(art, doc_id or "")

    def pipe(self, articles, doc_ids=None):
        ids = iter(doc_ids) if doc_ids is not None else None
        for art in articles:
            yield self._one(art, next(ids) if ids else "")


def article(i: int, *, published: str | None = "2024-03-01", outlet: str | None = "Sahel Post", extra: str = "") -> Article:
    text = (
        f"Report number {i}\n\n"
        f"Fighters attacked Kidal on Monday and {i + 2} soldiers died, officials said. "
        f"The army said it had not lost ground. {extra}"
    )
    return Article(text=text, title=f"Report number {i}", published=published, outlet=outlet, name=f"report_{i}", source_path=f"report_{i}.txt")


def write_articles(folder, n: int, start: int = 0) -> list:
    """Write ``n`` plain-text articles into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"report_{i:03d}.txt"
        p.write_text(article(i).text, encoding="utf-8")
        paths.append(p)
    return paths


def stored_records(db) -> list[tuple[str, str]]:
    """(id, FORMAT.md record) of every document stored in the SQLite file ``db``, sorted."""
    con = sqlite3.connect(db)
    try:
        return sorted(con.execute("SELECT id, record FROM documents"))
    finally:
        con.close()
