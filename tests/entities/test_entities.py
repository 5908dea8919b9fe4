"""Entities from sentences of other conflicts: (text, expected) tables.

Expected: (name or alias, type, other forms that must be aliases of the same
entity). Texts are written for these tests, none from the seed articles.
"""

import pytest

from newsfusion.gazetteer.normalize import name_key
from newsfusion.model import Article
from newsfusion.pipeline import Pipeline

CASES = [
    ("The Palestinian Authority [PA] condemned the raid. PA officials met in Ramallah.",
     [("Palestinian Authority", "ORG", ["PA"]), ("Ramallah", "LOCATION", [])]),
    ("Colonel Ahmed Hassan of the Sudanese army said his men held Omdurman. Hassan added that the siege would end.",
     [("Ahmed Hassan", "PERSON", ["Hassan"]), ("Omdurman", "LOCATION", [])]),
    ("Fighters of the Allied Democratic Forces (ADF) attacked the village near Beni.",
     [("Allied Democratic Forces", "ORG", ["ADF"]), ("Beni", "LOCATION", [])]),
    ("Gunmen attacked a convoy between Mopti and Gao, officials in Bamako said.",
     [("Mopti", "LOCATION", []), ("Gao", "LOCATION", []), ("Bamako", "LOCATION", [])]),
    ("Residents of the Gaza Strip fled south. Later, Gaza City was shelled again.",
     [("Gaza Strip", "LOCATION", []), ("Gaza City", "LOCATION", [])]),
    ("The Egyptian army deployed tanks in North Sinai. The army said the operation would last weeks.",
     [("Egyptian army", "ORG", ["army"]), ("North Sinai", "LOCATION", [])]),
    ("Gunmen attacked a village in Mali on Sunday. The Sahel state has been ruled by a junta since 2020.",
     [("Mali", "LOCATION", ["Sahel state"])]),
    ("Al-Shabaab fighters stormed the base. The al Qaeda-linked group has fought the government for years.",
     [("Al-Shabaab", "ORG", ["al Qaeda-linked group"])]),
    ("Aid reached Goma, said the U.N. humanitarian agency OCHA.",
     [("OCHA", "ORG", ["U.N. humanitarian agency"])]),
    ("Kenyan police arrested three Somalis and two Kenyans in Mombasa.",
     [("Mombasa", "LOCATION", [])]),
]

ABSENT = [
    ("Salafists and Islamists rallied after Friday prayers.", ["Salafists", "Islamists", "Friday"]),
    ("The Ukrainians and the Russians traded fire overnight.", ["Ukrainians", "Russians"]),
    ("Major General Tshimanga inspected the troops.", ["Major General"]),
]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(["nlp", "entities"])


def _find(doc, name):
    for e in doc.entities:
        if name_key(name) in {name_key(f) for f in e.forms()}:
            return e
    return None


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_entities(pipe, text, expected):
    doc = pipe(Article(text=text))
    for name, typ, forms in expected:
        ent = _find(doc, name)
        assert ent is not None, [(e.name, e.type, e.aliases) for e in doc.entities]
        assert ent.type == typ, (ent.name, ent.type)
        for f in forms:
            assert name_key(f) in {name_key(x) for x in ent.forms()}, (ent.name, ent.aliases)


@pytest.mark.parametrize("text,absent", ABSENT, ids=[c[0][:40] for c in ABSENT])
def test_not_entities(pipe, text, absent):
    doc = pipe(Article(text=text))
    names = {f for e in doc.entities for f in e.forms()}
    assert not names & set(absent), names


def test_mentions_point_into_text(pipe):
    doc = pipe(Article(text="The Palestinian Authority [PA] said PA police would deploy in Jenin."))
    for m in doc.mentions:
        assert doc.text[m.span.start : m.span.end] == m.text
    pa = _find(doc, "PA")
    assert len(pa.mentions) >= 3  # the name, the bracketed acronym, the later "PA"


def test_place_in_context():
    """Rafah in an Egyptian context is the Egyptian town."""
    pipe = Pipeline(["nlp", "entities"])
    doc = pipe(Article(text="Militants in North Sinai attacked checkpoints near Rafah and Sheikh Zuweid, the Egyptian army said."))
    rafah = _find(doc, "Rafah")
    assert rafah is not None and rafah.type == "LOCATION"
    assert rafah.geo is not None and rafah.geo.country == "EG"
