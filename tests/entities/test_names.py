"""Whole names: administrative and facility words belong to the place, ranks do not
belong to a person, junk is not an entity. Sentences written for these tests.

Each expected item: (canonical name, type, forms that must be among its names).
"""

import pytest

from newsfusion.model import Article
from newsfusion.pipeline import Pipeline

CASES = [
    ("Fighting spread to the Tembo district of Kalindi province on Friday.",
     [("Tembo district", "LOCATION", ["Tembo"]), ("Kalindi province", "LOCATION", ["Kalindi"])]),
    ("Residents of Dabbo village fled to the bush. Dabbo was burned.",
     [("Dabbo village", "LOCATION", ["Dabbo"])]),
    ("A bomb hit the al-Rahma mosque and the al-Nasr market in the town.",
     [("al-Rahma mosque", "LOCATION", []), ("al-Nasr market", "LOCATION", [])]),
    ("Gunmen stormed St Joseph's Church in Kafanchan on Sunday.",
     [("St Joseph's Church", "LOCATION", [])]),
    ("Boats capsized on Lake Kivu. Aid reached the Lake Kivu region later.",
     [("Lake Kivu", "LOCATION", []), ("Lake Kivu region", "LOCATION", [])]),
    ("Brig. Gen. Moussa Traore said the camp was retaken. Traore gave no toll.",
     [("Moussa Traore", "PERSON", ["Traore"])]),
    ("The dead were Staff Sgt. Ochieng and Cpl. Wanjiru, the army said in Kenya.",
     [("Ochieng", "PERSON", []), ("Wanjiru", "PERSON", [])]),
    ("Government spokesman Aime Koffi Dossou confirmed the toll. Dossou said 12 died.",
     [("Aime Koffi Dossou", "PERSON", ["Dossou"])]),
    ("Engineers of the Defence Research Agency (DeRA) left. The DeRA said so.",
     [("Defence Research Agency", "ORG", ["DeRA"])]),
]

CASES += [
    ("Havildar Ram Singh was killed in the ambush, the army said in India.", [("Ram Singh", "PERSON", [])]),
    ("The attack was first reported by the Kaduna Herald on Monday.", [("Kaduna Herald", "ORG", [])]),
    ("Families fled Dabbo village, Tembo district commissioner Ali Khan said.", [("Dabbo village", "LOCATION", [])]),
    # a capitalised adjective inside an organisation's name; the name ends on a proper noun
    ("The toll was given by the Central Committee for Yemeni Lawyers, which counts the dead.",
     [("Central Committee for Yemeni Lawyers", "ORG", [])]),
    ("A statement from the independent Central Committee for Ethiopian Doctors listed 14 names.",
     [("Central Committee for Ethiopian Doctors", "ORG", [])]),
]

ABSENT = [
    ("Kivu Attack: 12 Killed in Beni by Rebels\n\nTwelve people were killed in an attack in Beni.", ["Kivu Attack"]),
    ("The group posted the video on Telegram and Twitter.", ["Telegram", "Twitter"]),
    ("Defence Minister Aline Mukasa visited the front.", ["Defence"]),
    ("He met the Vice President in Juba.", ["Vice"]),
    ("Gunmen killed four people near Kadugli.", ["Gunmen"]),
    ("They dream of a Kurdish state and fight along the Iraqi-Syrian state border.", ["Kurdish state", "Iraqi-Syrian state"]),
    ("Gunmen fired Rocket Propelled Grenades at the convoy.", ["Rocket Propelled Grenades"]),
    ("A geographer at Ohio State University led the study.", ["at Ohio State University"]),
]


def test_generic_state_name_needs_its_country(pipe):
    """A state body's generic name ('Border Police') is that country's only in an article about it."""
    doc = pipe(Article(text="A unit of the Border Police clashed with smugglers near Jalalabad in Afghanistan."))
    assert not [e for e in doc.entities if e.country == "IL"], [(e.name, e.country) for e in doc.entities]


def test_country_name_is_the_country(pipe):
    doc = pipe(Article(text="Cocaine moved from Colombia through Mexico to the United States."))
    mexico = next(e for e in doc.entities if e.name == "Mexico")
    assert mexico.geo is not None and mexico.geo.country == "MX"


def test_description_after_known_as_is_no_name(pipe):
    doc = pipe(Article(text='Gangs of former police, known as "militias." control the area in Brazil.'))
    police = [e for e in doc.entities if e.kind == "police"]
    assert all("militias" not in " ".join(e.aliases) for e in police), [(e.name, e.aliases) for e in doc.entities]


def test_tembo_is_not_dabbo(pipe):
    doc = pipe(Article(text="Families fled Dabbo village, Tembo district commissioner Ali Khan said."))
    assert not [e for e in doc.entities if "Dabbo village" in e.aliases]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(["nlp", "entities"])


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_whole_names(pipe, text, expected):
    doc = pipe(Article(text=text))
    got = [(e.name, e.type, e.aliases) for e in doc.entities]
    for name, typ, forms in expected:
        ent = next((e for e in doc.entities if e.name == name), None)
        assert ent is not None, got
        assert ent.type == typ, got
        for f in forms:
            assert f in ent.forms(), got


def test_name_in_other_case_is_a_mention(pipe):
    doc = pipe(Article(text="The Kasai Police Brigade was attacked. Later the Kasai police brigade withdrew."))
    ent = next(e for e in doc.entities if e.name == "Kasai Police Brigade")
    assert len(ent.mentions) == 2
    assert not [e for e in doc.entities if e.name == "Kasai"]


@pytest.mark.parametrize("text,absent", ABSENT, ids=[c[0][:40] for c in ABSENT])
def test_not_names(pipe, text, absent):
    doc = pipe(Article(text=text))
    names = {f for e in doc.entities for f in e.forms()}
    assert not names & set(absent), [(e.name, e.type, e.aliases) for e in doc.entities]


def test_armed_group_acronym_needs_no_country(pipe):
    """A bare acronym drops its gazetteer reading only for a state body: an armed group's initials travel with it."""
    doc = pipe(Article(text="The M23 shelled positions in the hills on Monday."))
    assert [e for e in doc.entities if "M23" in e.forms() and e.type == "ORG"], [(e.name, e.type) for e in doc.entities]
