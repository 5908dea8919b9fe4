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
        mm = re.match(r",\s+(?:(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:" + "|".join(SETTLEMENT_NOUNS) + r")\s+(?:of|in)\s+)?", after)
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


_IN_PLACE = re.compile(r"^(?:\s+(?:village|town|city|region|province|district|state|area|camp))?,?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?|central|occupied|northeastern|northwestern|southeastern|southwestern)?\s*", re.I)


def located_in_phrase(ctx: Ctx) -> Iterator[Relation]:
    """'the town of Nyanzale in eastern Democratic Republic of Congo', 'North Darfur in western
    Sudan', 'Nyaung Kone village in the northern Sagaing region': the smaller place in the larger."""
    doc = ctx.doc
    for m in doc.mentions:
        if m.entity is None or ctx.type(m.entity) != "LOCATION":
            continue
        mm = _IN_PLACE.match(doc.text[m.span.end : m.span.end + 60])
        if not mm:
            continue
        pos = m.span.end + mm.end()
        outer = next((x for x in doc.mentions if x.span.start == pos and x.entity is not None), None)
        if outer is None or outer.entity == m.entity or ctx.type(outer.entity) != "LOCATION":
            continue
        if re.match(r"['’]s?\b", doc.text[outer.span.end : outer.span.end + 2]):
            continue  # "Niger in Africa's Sahel region": a possessor, not what holds it
        inner_geo, outer_geo = doc.entities[m.entity].geo, doc.entities[outer.entity].geo
        if inner_geo and outer_geo and inner_geo.lat is not None and outer_geo.lat is not None and inner_geo.precision > outer_geo.precision:
            continue  # a region is not in a town (a place only put in a country has no point and no size)
        yield Relation(ctx.name(m.entity), "located_in", ctx.name(outer.entity), Span(m.span.start, outer.span.end), m.entity, outer.entity, rule="located")


_PEOPLE_AFTER = re.compile(r"\s+(?:rulers|leaders|fighters|militants|members|officials|supporters|commanders|troops|soldiers|gunmen)\b", re.I)


def national_possessive(ctx: Ctx) -> Iterator[Relation]:
    """'Haiti's National Police', 'El Fasher's Saudi Hospital', 'the Borno State capital Maiduguri'."""
    doc = ctx.doc
    ms = sorted((m for m in doc.mentions if m.entity is not None), key=lambda m: m.span.start)
    for a, b in zip(ms, ms[1:]):
        if a.entity == b.entity or ctx.type(a.entity) != "LOCATION" or ctx.type(b.entity) == "PERSON":
            continue
        gap = doc.text[a.span.end : b.span.start]
        if _PEOPLE_AFTER.match(doc.text[b.span.end : b.span.end + 20]) or doc.text[b.span.end : b.span.end + 1] == "-":
            continue  # "Gaza's Hamas rulers": the name qualifies people, not a body
        if re.fullmatch(r"['’]s?\s+(?:[a-z-]+\s+){0,2}", gap) or (ctx.type(b.entity) == "LOCATION" and re.fullmatch(r"\s+capital\s+", gap)):
            yield Relation(ctx.name(b.entity), "located_in", ctx.name(a.entity), Span(a.span.start, b.span.end), b.entity, a.entity, rule="located")
