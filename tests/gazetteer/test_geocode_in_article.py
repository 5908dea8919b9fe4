"""Places geocoded with the article's context (entities/places.py), on invented reports."""

from __future__ import annotations

import pytest

from newsfusion.model import Article

pytestmark = pytest.mark.slow


def _geo(doc, name):
    ent = next(e for e in doc.entities if e.name == name or name in e.aliases)
    return ent.geo


@pytest.mark.parametrize(
    "text, name, country, place_prefix",
    [
        # the outlet's country is no context: AFP does not make "US" a French hamlet
        ("Officials in Kenya said the US would send aid after the attack, AFP reported.", "US", "US", "country:"),
        # a country named with a US outlet stays the country
        ("Gunmen killed five traders in Sudan on Monday, Vice News reported from New York.", "Sudan", "SD", "country:"),
        # a village no table knows goes in the country of the places named with it
        ("Gunmen killed nine people in the village of Zorobiri in Niger's Tillaberi region on Friday.", "Zorobiri", "NE", None),
    ],
)
def test_places_read_in_context(pipeline, text, name, country, place_prefix):
    doc = pipeline(Article(text=text))
    geo = _geo(doc, name)
    assert geo is not None and geo.country == country and geo.method
    if place_prefix is None:
        assert geo.place_id is None and geo.lat is None and geo.precision == 2 and "not in the gazetteer" in geo.method
    else:
        assert geo.place_id.startswith(place_prefix)


def test_the_dateline_does_not_decide_where_the_story_is(pipeline):
    text = ("Attack in the north\n\nTEHRAN (Tasnim) - Gunmen attacked a bus near the town of Garissa in Kenya on Tuesday, "
            "Kenyan police said. Police said the attackers fled towards the border of Somalia.")
    doc = pipeline(Article(text=text))
    assert _geo(doc, "Garissa").country == "KE"
