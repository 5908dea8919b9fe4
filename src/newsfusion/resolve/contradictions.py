"""Contradictions across the knowledge base.

Kept: every in-article contradiction (scope ``article``). Added (scope
``corpus``):

- polarity across articles: a statement that a group is *not* present
  somewhere ("There is no presence of ISIS in the Gaza Strip") against a
  claim in another article that it operates there ("... is representing ISIS
  in Gaza"), the group and the place matched through the resolved entities;
- denials across articles: a denial and another article's assertion about
  the same entities in much the same words;
- numeric across articles: reports of one fused event giving different
  fatality figures from different sources.
"""

from __future__ import annotations

import re
from typing import Any

from ..contradictions.find import words
from ..corpus import Claim, DocRecord, EventReport
from .base import CorpusState, KBContradiction, corpus_step, stable_id

_NEG = re.compile(r"\b(no|not|never|nothing|none|denied|deny|denies)\b|n't\b", re.I)


def _side(doc: DocRecord, claim: Claim | None = None, event: EventReport | None = None, *, value: Any = None, use: str = "content") -> dict:
    src = claim if claim is not None else event
    span = (getattr(src, f"{use}_span") or src.evidence_span) if src is not None else None
    text = (getattr(src, use) or src.evidence or "") if src is not None else ""
    source = claim.source if claim is not None else ", ".join(event.sources) if event is not None else ""
    return {"doc_id": doc.doc_id, "evidence": text, "evidence_span": span, "source": source,
            "claim": claim.id if claim is not None else None, "event": event.id if event is not None else None, "value": value}


def _kb_entities_in(state: CorpusState, doc: DocRecord, span: list[int] | None, index: dict) -> set[str]:
    if not span:
        return set()
    out = set()
    for e in doc.entities:
        for m in e.mentions or []:
            if m and span[0] <= m[0] and m[1] <= span[1]:
                kb = index.get((doc.doc_id, e.id))
                if kb:
                    out.add(kb)
    return out


def _index(state: CorpusState) -> dict[tuple[str, str], str]:
    if state.member_ids is not None:
        return state.member_ids
    return {m: e.id for e in state.entities for m in e.members}


# what says a group is somewhere: "operating in", "representing ISIS in Gaza", "cells in"
LOCATED = {"presence", "present", "operating", "operate", "operates", "active", "representing", "represent", "based", "cells", "branch", "branches", "foothold", "followers"}
_LOCATED_IN = re.compile(r"\b(" + "|".join(sorted(LOCATED)) + r")\b(?:\W+\w+){0,6}?\W+(?:in|inside|within|across)\b", re.I)


def _negated_presence(text: str) -> bool:
    return bool(_NEG.search(text)) and bool(_LOCATED_IN.search(text))


def _presence(text: str) -> bool:
    return not _NEG.search(text) and bool(_LOCATED_IN.search(text))


def cross_polarity(state: CorpusState, index: dict, keep=None) -> list[KBContradiction]:
    """``keep(doc_a, doc_b)``: only the pairs of these documents (the incremental steps:
    pairs with a new side); None: all."""
    out = []
    claims = [(d, c, _kb_entities_in(state, d, c.content_span, index)) for d in state.records for c in d.claims]
    by_entity: dict[str, list[int]] = {}
    for k, (_, _, ents) in enumerate(claims):
        for e in ents:
            by_entity.setdefault(e, []).append(k)
    for d, c, ents in claims:
        if len(ents) < 2:
            continue
        denial = c.stance == "deny"
        # "denied that ISIS had any followers in Gaza" denies presence as much as "there is no presence"
        negated = _negated_presence(c.content) or (denial and bool(_LOCATED_IN.search(c.content)))
        if not negated and not denial:
            continue
        best: dict[str, tuple[float, DocRecord, Claim]] = {}
        rarest = min(ents, key=lambda e: len(by_entity[e]))
        for d2, c2, ents2 in (claims[k] for k in by_entity[rarest]):
            if d2.doc_id == d.doc_id or c2.stance == "deny" or not ents <= ents2:
                continue
            if keep is not None and not keep(d.doc_id, d2.doc_id):
                continue
            text2 = c2.content
            if negated and _presence(text2):
                score = 1.0 + len(words(text2) & LOCATED) * 0.1
            elif denial and not negated and jaccard(c.content, text2) >= 0.4:
                score = jaccard(c.content, text2)
            else:
                continue
            if d2.doc_id not in best or score > best[d2.doc_id][0]:
                best[d2.doc_id] = (score, d2, c2)
        for _, d2, c2 in best.values():
            a, b = _side(d, c), _side(d2, c2)
            out.append(KBContradiction(
                stable_id("con", d.doc_id, c.id, d2.doc_id, c2.id),
                f"whether {' '.join(c.content.split())[:120]}", "polarity", a, b, scope="corpus"))
    return out


def cross_numeric(state: CorpusState) -> list[KBContradiction]:
    docs = {d.doc_id: d for d in state.records}
    out = []
    for ev in state.events:
        reports = []
        for doc_id, local in ev.reports:
            d = docs.get(doc_id)
            r = d.event(local) if d is not None else None
            fat = (r.fatalities if r is not None else None) or {}
            if r is not None and fat.get("min") is not None:
                reports.append((d, r, (fat.get("min"), fat.get("max"))))
        for i, (d1, r1, f1) in enumerate(reports):
            for d2, r2, f2 in reports[i + 1 :]:
                if d1.doc_id == d2.doc_id or f1 == f2 or _compatible(f1, f2):
                    continue
                if set(r1.sources) == set(r2.sources):
                    continue
                out.append(KBContradiction(
                    stable_id("con", ev.id, d1.doc_id, r1.id, d2.doc_id, r2.id),
                    f"number killed in {ev.acled_sub_type.lower()} ({ev.id})", "numeric",
                    _side(d1, event=r1, value=f1[0], use="evidence"), _side(d2, event=r2, value=f2[0], use="evidence"), scope="corpus"))
    return out


def jaccard(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _compatible(f1: tuple, f2: tuple) -> bool:
    """Ranges that overlap ('at least 12' and '30') do not contradict."""
    lo1, hi1 = f1[0], f1[1] if f1[1] is not None else float("inf")
    lo2, hi2 = f2[0], f2[1] if f2[1] is not None else float("inf")
    return lo1 <= hi2 and lo2 <= hi1


def in_article(state: CorpusState) -> list[KBContradiction]:
    out = []
    for d in state.records:
        for x in d.contradictions:
            a, b = dict(x.a, doc_id=d.doc_id), dict(x.b, doc_id=d.doc_id)
            out.append(KBContradiction(stable_id("con", d.doc_id, a.get("evidence", ""), b.get("evidence", "")), x.about, x.kind, a, b))
    return out


@corpus_step("contradictions")
def find_contradictions(state: CorpusState) -> CorpusState:
    index = _index(state)
    found = in_article(state) + cross_polarity(state, index) + cross_numeric(state)
    seen, out = set(), []
    for c in found:
        if c.id not in seen:
            seen.add(c.id)
            out.append(c)
    state.contradictions = out
    return state
