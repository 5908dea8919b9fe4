"""Geocode an article's places in context.

A place name with several candidates (Rafah in Egypt and in Gaza) is read
with the countries the article is about: first those of the other places in
the same sentence, then the article's countries by weight. A place mention
counts 1 (2 in the headline and the lede), the dateline ("TEHRAN (Tasnim) -",
where the report was filed, not what it is about) a quarter, a nationality
word ("Chadian soldiers") and a state body's or an armed group's country half
(an outlet's, a company's or an NGO's country says where they sit, not where
the story is: AFP does not put "US" in France). Places whose candidates lie in
one country, and large ones, are resolved first so they can serve as context.

A name followed by a region word ("the Tillaberi region", "Garissa county",
"Tillaberi and Tahoua regions") is read as the region when one has the name.

A name no table knows ("the village of Tula") is put in the country of the
places in its sentence, else in the country the article is about when one
dominates: precision 2, no coordinates and no ``place_id`` (it is a spot
somewhere in that country, not the country itself). Each
:class:`~newsfusion.model.Geo` says why in ``method``.
"""

from __future__ import annotations

import re
from collections import Counter

from ..gazetteer import country_by_iso, country_by_name, demonym_country, geocode, place_candidates
from ..model import Doc, Geo

# ORG kinds whose country says where the story is.
CONTEXT_KINDS = frozenset({"government", "state_force", "police", "ministry", "intelligence", "armed_group", "militia", "political_party"})
# "JENIN, West Bank (Reuters) -", "SRINAGAR:", "TEHRAN (Tasnim) -" opening a paragraph
_DATELINE = re.compile(r"[A-Z][\w'’.-]*(?:[ ,]+[\w'’.-]+){0,6}?\s*(?:\([^)\n]{1,40}\)\s*)?(?::|\s[-–—]+|[-–—])\s")


def _dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Datelines opening one of the first paragraphs."""
    text = doc.text
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)][:4]
    out = []
    for start in starts:
        m = _DATELINE.match(text, start)
        if m and "\n" not in m.group(0) and (m.group(0)[:m.group(0).find(" ") if " " in m.group(0) else None].isupper() or "(" in m.group(0)):
            out.append((start, m.end()))
    return out


class _Context:
    """The countries an article is about, and those near each place."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.datelines = _dateline_spans(doc)
        lede = doc.sentences[:2]
        self.lede_end = lede[-1].end if lede else 0
        self.demonyms = _demonym_weights(doc.text)

    def weight(self, mention: int) -> float:
        """A place mention's say in what the article is about: the dateline a quarter, the
        headline and the lede double."""
        if self.in_dateline(mention):
            return 0.25
        return 2.0 if self.doc.mentions[mention].span.start < self.lede_end else 1.0

    def in_dateline(self, mention: int) -> bool:
        span = self.doc.mentions[mention].span
        return any(s <= span.start < e for s, e in self.datelines)

    def countries(self, located: dict[int, Geo], ent_idx: int) -> tuple[list[str], Counter[str]]:
        """(the countries of the places named in the entity's sentences; the article's countries by weight)."""
        doc = self.doc
        sents = {doc.sentence_of(doc.mentions[m].span) for m in doc.entities[ent_idx].mentions if not self.in_dateline(m)}
        near: list[str] = []
        wide: Counter[str] = Counter()
        for other, geo in located.items():
            if other == ent_idx or not geo.country or geo.place_id is None:
                continue
            for m in doc.entities[other].mentions:
                wide[geo.country] += self.weight(m)
                if not self.in_dateline(m) and doc.sentence_of(doc.mentions[m].span) in sents and geo.country not in near:
                    near.append(geo.country)
        for m in doc.mentions:
            if m.entity is None or m.entity in located or m.entity == ent_idx:
                continue
            e = doc.entities[m.entity]
            if e.country and e.type != "LOCATION" and e.kind in CONTEXT_KINDS:
                wide[e.country] += 0.5
        wide.update(self.demonyms)
        near.sort(key=lambda c: -wide[c])  # of several, the one the article is most about
        return near, wide


_WORD = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")


def _demonym_weights(text: str) -> Counter[str]:
    """Half a point per nationality word ("Chadian soldiers", "a Nigerian official")."""
    out: Counter[str] = Counter()
    for m in _WORD.finditer(text):
        iso = demonym_country(m.group())
        if iso and country_by_name(m.group()) is None:
            out[iso] += 0.5
    return out


def _dominant(weights: Counter[str]) -> str | None:
    top = weights.most_common(2)
    if not top:
        return None
    if len(top) == 1 or top[0][1] >= 1.5 * top[1][1]:
        return top[0][0]
    return None


def _in_country(iso: str, why: str) -> Geo | None:
    """A place the tables lack, put in a country: a spot there whose point is not known
    (precision 2, no coordinates, no ``place_id``), not the country itself."""
    c = country_by_iso(iso)
    if c is None:
        return None
    return Geo(country=iso, precision=2, method=f"not in the gazetteer: in {c.name}, {why}")


# "the Tillaberi region", "Garissa county", "Tillaberi and Tahoua regions": the word after the name says it is a region
_REGION_AFTER = re.compile(r"\s+(?:and\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+)?(?:region|province|state|county|district|governorate|"
                           r"department|prefecture|oblast|territory|municipality)s?\b", re.IGNORECASE)


def _said_region(doc: Doc, ent_idx: int) -> bool:
    """True when a mention of the entity is followed by a region word ("the Tillaberi region")."""
    return any(_REGION_AFTER.match(doc.text, doc.mentions[m].span.end) for m in doc.entities[ent_idx].mentions)


def _easy(name: str) -> bool:
    """Resolved without context: candidates in one country only, none of them a small town."""
    cands = place_candidates(name)
    return bool(cands) and len({c.country for c in cands}) <= 1 and all(c.tier >= 2.5 or c.source in ("places", "country") for c in cands)


def _geocode(name: str, countries: tuple[str, ...], kind: str | None) -> Geo | None:
    """The region reading when the text says region, else (or when no region has the name) any."""
    if kind:
        geo = geocode(name, countries=countries, kind=kind)
        if geo is not None:
            return geo
    return geocode(name, countries=countries)


def geocode_entities(doc: Doc) -> None:
    """Fill ``Entity.geo`` (and ``country``) for every LOCATION entity."""
    ctx = _Context(doc)
    located: dict[int, Geo] = {}
    hard = []
    kinds: dict[int, str | None] = {}
    for i, ent in enumerate(doc.entities):
        if ent.type != "LOCATION":
            continue
        country = country_by_name(ent.name)
        if country is not None:  # "Mexico" is the country, never a town of that name elsewhere
            geo = geocode(ent.name, countries=(country.iso2,))
            if geo is not None and geo.country == country.iso2:
                located[i] = geo
                continue
        forms = [ent.name, *ent.aliases]
        kinds[i] = "region" if _said_region(doc, i) else None
        easy = next((f for f in forms if _easy(f)), None)
        if easy is not None and (geo := _geocode(easy, (), kinds[i])) is not None:
            located[i] = geo
        else:
            hard.append(i)
    unknown = []
    for i in hard:
        ent = doc.entities[i]
        near, wide = ctx.countries(located, i)
        countries = tuple(near + [c for c, _ in wide.most_common() if c not in near])
        geo = next((g for f in [ent.name, *ent.aliases] if (g := _geocode(f, countries, kinds[i])) is not None), None)
        if geo is not None:
            located[i] = geo
        else:
            unknown.append(i)
    for i in unknown:
        near, wide = ctx.countries(located, i)
        if near:
            geo = _in_country(near[0], "the country of the places named with it")
        elif (dom := _dominant(wide)) is not None:
            geo = _in_country(dom, "the country the article is about")
        else:
            geo = None
        if geo is not None:
            located[i] = geo
    for i, geo in located.items():
        doc.entities[i].geo = geo
        doc.entities[i].country = doc.entities[i].country or geo.country
