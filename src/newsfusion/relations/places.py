"""Places: located_in from appositions, 'in' phrases and national modifiers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..gazetteer import country_by_iso, country_by_name, demonym_country
from ..model import Relation, Span
from .common import SETTLEMENT_NOUNS, Ctx

def located(ctx: Ctx) -> Iterator[Relation]:
    doc = ctx.doc
    locs = {i for i, e in enumerate(doc.entities) if e.type == "LOCATION"}
    for m in doc.mentions:
        if m.entity not in locs:
            continue
        after = doc.text[m.span.end : m.span.end + 80]
        # "Aleppo, Syria" / "Aleppo, the second largest city of Syria"
        mm = re.match(r",\s+(?:the\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(SETTLEMENT_NOUNS) + r")\s+(?:of|in)\s+)?", after)
        if not mm or mm.end() == 0:
            continue
        pos = m.span.end + mm.end()
        outer = doc.entity_at(Span(pos, pos + 3))
        if outer is None or outer not in locs or outer == m.entity:
            continue
        if not mm.group(0).strip(", ") and not _is_country(doc.entities[outer].name, doc.entities[outer]):
            continue
        om = next(x for x in doc.mentions if x.entity == outer and x.span.start >= pos)
        yield Relation(ctx.name(m.entity), "located_in", ctx.name(outer), Span(m.span.start, om.span.end), m.entity, outer, rule="located")
    # "the Egyptian newspaper Al-Masry Al-Youm": an organisation of that country
    for m in re.finditer(r"\bthe ([A-Z][a-z]+) (newspaper|daily|broadcaster|channel|agency|news agency|outlet|television|radio|weekly|group|militia|movement|party)\s+", doc.text):
        iso = demonym_country(m.group(1))
        org = doc.entity_at(Span(m.end(), m.end() + 3))
        if iso is None or org is None or doc.entities[org].type != "ORG":
            continue
        country = country_by_iso(iso)
        if country is None:
            continue
        om = next(x for x in doc.mentions if x.entity == org and x.span.start >= m.end())
        name = next((e.name for e in doc.entities if e.type == "LOCATION" and e.geo and e.geo.country == iso and e.geo.precision == 3 and country_by_name(e.name)), country.name)
        yield Relation(ctx.name(org), "located_in", name, Span(m.start(), om.span.end), org, None, rule="located")


def _is_country(name: str, ent) -> bool:
    return country_by_name(name) is not None or (ent.geo is not None and ent.geo.precision == 3)
