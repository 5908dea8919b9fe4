"""Geocode an article's places in context.

A place name with several candidates (Rafah in Egypt and in Gaza) is read
with the countries the article mentions around it: first those of the other
places in the same sentence, then in the same paragraph, then in the whole
article by how often they occur. Places with one candidate are resolved
first, so they can serve as context.
"""

from __future__ import annotations

from collections import Counter

from ..gazetteer import country_by_name, geocode, place_candidates
from ..model import Doc, Geo


def _countries_near(doc: Doc, located: dict[int, Geo], ent_idx: int) -> tuple[str, ...]:
    ent = doc.entities[ent_idx]
    spans = [doc.mentions[m].span for m in ent.mentions]
    sents = {doc.sentence_of(s) for s in spans}
    near: list[str] = []
    wide: Counter[str] = Counter()
    for other, geo in located.items():
        if other == ent_idx or not geo.country:
            continue
        for m in doc.entities[other].mentions:
            span = doc.mentions[m].span
            wide[geo.country] += 1
            if doc.sentence_of(span) in sents and geo.country not in near:
                near.append(geo.country)
    for m in doc.mentions:  # demonyms and organisations' countries count as context too
        if m.entity is None or m.entity in located:
            continue
        c = doc.entities[m.entity].country
        if c:
            wide[c] += 1
    rest = [c for c, _ in wide.most_common() if c not in near]
    return tuple(near + rest)


def geocode_entities(doc: Doc) -> None:
    """Fill ``Entity.geo`` (and ``country``) for every LOCATION entity."""
    located: dict[int, Geo] = {}
    ambiguous = []
    for i, ent in enumerate(doc.entities):
        if ent.type != "LOCATION":
            continue
        cands = place_candidates(ent.name)
        country = country_by_name(ent.name)
        if country is not None:  # "Mexico" is the country, never a town of that name elsewhere
            cands = [c for c in cands if c.kind == "country" and c.country == country.iso2] or cands
            geo = geocode(ent.name, countries=(country.iso2,))
            if geo is not None and geo.country == country.iso2:
                located[i] = geo
                continue
        countries = {c.country for c in cands}
        if len(countries) <= 1:
            geo = geocode(ent.name) or next((geocode(a) for a in ent.aliases if geocode(a)), None)
            if geo is not None:
                located[i] = geo
        else:
            ambiguous.append(i)
    for i in ambiguous:
        ent = doc.entities[i]
        geo = geocode(ent.name, countries=_countries_near(doc, located, i))
        if geo is not None:
            located[i] = geo
    for i, geo in located.items():
        doc.entities[i].geo = geo
        doc.entities[i].country = doc.entities[i].country or geo.country
