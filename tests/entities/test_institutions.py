"""National institutions named by a common noun become entities named from the country.

(text, expected) tables of sentences written for these tests: each expected item is
(canonical name, forms that must be among its aliases). ``ABSENT`` lists names that
must not be built.
"""

import pytest

from newsfusion.model import Article
from newsfusion.pipeline import Pipeline

CASES = [
    # the country from an adjective in the phrase, then a later plain form
    ("Gunmen killed eight Malian soldiers near Gao on Friday. The army said it pursued the attackers.",
     [("Malian army", ["Malian soldiers", "army"])]),
    # a possessive country, and "troops" are the army
    ("Niger's armed forces said troops repelled an assault near Tillaberi.",
     [("Nigerien armed forces", ["Niger's armed forces", "troops"])]),
    # "government of <country>", later "the government"
    ("The government of Burundi denied the report. The government said the toll was lower.",
     [("Burundian government", ["government of Burundi", "government"])]),
    # no country in the phrase: the article's country
    ("Police in Kaduna arrested twelve suspects in Nigeria on Monday, and the interior ministry promised an inquiry.",
     [("Nigerian police", ["Police"]), ("Nigerian interior ministry", ["interior ministry"])]),
    # two countries' armies stay two
    ("Clashes between Sudanese troops and Ethiopian soldiers left four dead on the border.",
     [("Sudanese army", ["Sudanese troops"]), ("Ethiopian army", ["Ethiopian soldiers"])]),
    # coordinated adjectives: one army each
    ("The Rwandan and Burundian armies held a joint exercise.",
     [("Rwandan army", []), ("Burundian army", ["Burundian army"])]),
    # security forces stay apart from the army
    ("Security forces and the army were deployed in Mozambique after the raid.",
     [("Mozambican security forces", ["Security forces"]), ("Mozambican army", ["army"])]),
    # a country's forces; its "security forces" take them when no army is named
    ("Malian forces detained two men. Malian security forces said the men planned an attack.",
     [("Malian security forces", ["Malian forces"])]),
    # the same institution named with its country in the sentence before
    ("Kenyan police raided a house in Mombasa. Police said three men were held. Somalia was not told.",
     [("Kenyan police", ["Kenyan police", "Police"])]),
    # a city's police is its country's police
    ("Two Goma police officers were wounded in Congo.",
     [("Congolese police", ["Goma police"])]),
    # "the ministry" is the ministry last named
    ("Syria's health ministry said 12 people died. The ministry gave no names.",
     [("Syrian health ministry", ["health ministry", "ministry"])]),
    # a descriptive adjective stays in the form and the bare noun is kept too
    ("Mali's weary police force asked for help.",
     [("Malian police", ["police force"])]),
    # the subject that sends the troops owns them
    ("Chad sent troops into Cameroon last year.",
     [("Chadian army", ["troops"])]),
    # state media
    ("Ugandan state media reported the attack.",
     [("Ugandan state media", ["Ugandan state media"])]),
]

ABSENT = [
    # a group's forces, rebel troops, a region's or a town's government, a force led by a country
    ("Shabaab forces fired mortars at Somali troops.", ["Somali forces"]),
    ("Rebel troops and opposition forces entered Goma in Congo.", ["Congolese army"]),
    ("The Kano state government closed schools in Nigeria.", ["Nigerian government"]),
    ("A Rwandan-led force arrived in Mozambique.", ["Rwandan army", "Mozambican army"]),
    ("Kurdish forces took the town in Syria.", ["Syrian army"]),
    ("The UN sent soldiers to the area in Mali.", ["Malian army"]),
    ("The military operation in Somalia was paused.", ["Somali army"]),
    ("The youth army attacked a post in Ituri, Congo.", ["Congolese army"]),
    ("The group's fighters and its armed forces in Syria regrouped.", ["Syrian army", "Syrian armed forces"]),
    # a government only ever named as a modifier, its country never stated
    ("Gunmen stormed a government compound in Pakistan.", ["Pakistani government"]),
    ("Forces loyal to the former president shelled the city in Libya.", ["Libyan army"]),
]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(["nlp", "entities"])


def _entity(doc, name):
    return next((e for e in doc.entities if e.name == name), None)


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_institutions(pipe, text, expected):
    doc = pipe(Article(text=text))
    got = [(e.name, e.aliases) for e in doc.entities]
    for name, forms in expected:
        ent = _entity(doc, name)
        assert ent is not None, got
        assert ent.type == "ORG"
        assert ent.country is not None and ent.kind is not None
        for f in forms:
            assert f.lower() in {a.lower() for a in ent.forms()}, (ent.name, ent.aliases)


@pytest.mark.parametrize("text,absent", ABSENT, ids=[c[0][:40] for c in ABSENT])
def test_not_institutions(pipe, text, absent):
    doc = pipe(Article(text=text))
    names = {e.name for e in doc.entities}
    assert not names & set(absent), [(e.name, e.aliases) for e in doc.entities]


def test_plain_name_after_the_country_named(pipe):
    doc = pipe(Article(text="Venezuela's National Guard seized the drugs. Later the National Guard said three officers were held."))
    guards = [e for e in doc.entities if "National Guard" in e.forms()]
    assert len(guards) == 1 and guards[0].country == "VE", [(e.name, e.aliases) for e in doc.entities]


def test_authorities_alone_stay_anonymous(pipe):
    doc = pipe(Article(text="Chadian authorities said 12 died. The authorities added that 5 were wounded."))
    gov = next(e for e in doc.entities if e.kind == "government")
    assert "authorities" not in gov.aliases


def test_two_countries_two_entities(pipe):
    doc = pipe(Article(text="Nigerian troops and Chadian troops attacked the camp. The Nigerian army said 12 died."))
    armies = [e for e in doc.entities if e.kind == "state_force"]
    assert sorted(e.country for e in armies) == ["NG", "TD"], [(e.name, e.aliases) for e in armies]


def test_gazetteer_force_joins_its_country(pipe):
    """A force the gazetteer names (FARDC) and 'the army' in a Congolese story are one entity,
    with the gazetteer's id; the army of another country stays apart."""
    doc = pipe(Article(text="The FARDC retook Rutshuru in Congo. The army said Ugandan troops helped."))
    fardc = next(e for e in doc.entities if "FARDC" in e.forms())
    assert "army" in fardc.aliases and fardc.country == "CD"
    uganda = next(e for e in doc.entities if "Ugandan troops" in e.forms())
    assert uganda is not fardc and uganda.country == "UG"


def test_mentions_are_spans(pipe):
    doc = pipe(Article(text="Cameroon's army said soldiers killed five separatists in Bamenda."))
    army = _entity(doc, "Cameroonian army")
    assert army is not None
    for m in army.mentions:
        mention = doc.mentions[m]
        assert doc.text[mention.span.start : mention.span.end] == mention.text


def test_head_index_finds_what_trying_every_length_finds():
    """_match_head looks only at the head lengths the first word starts (_head_lengths):
    the same answer as trying all six lengths at every token."""
    from newsfusion.entities.institutions import _heads, _match_head, _match_ministry

    def brute(lows, i):
        heads = _heads()
        best = None
        for n in (6, 5, 4, 3, 2, 1):
            if i + n <= len(lows) and tuple(lows[i : i + n]) in heads:
                best = (i + n, heads[tuple(lows[i : i + n])])
                break
        ministry = _match_ministry(lows, i)
        if ministry is not None and (best is None or ministry[0] > best[0]):
            return ministry
        return best

    words = sorted({w for k in _heads() for w in k})
    lows = []
    for k in list(_heads())[:200]:
        lows += ["the", *k, "of", "interior", "ministry", "ministry", "of", "the", "defence", "said"]
    lows += words[:300] + ["  ", "\n"]
    assert sum(brute(lows, i) is not None for i in range(len(lows))) > 100
    assert [_match_head(lows, i) for i in range(len(lows))] == [brute(lows, i) for i in range(len(lows))]
