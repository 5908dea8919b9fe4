"""Relations from sentences of other conflicts: (text, expected (subject, predicate, object))."""

import pytest

from newsfusion.model import Article
from newsfusion.pipeline import Pipeline

CASES = [
    ("Abu Obeida, a spokesman for Hamas, said the truce was over.",
     ("Abu Obeida", "spokesperson_of", "Hamas")),
    ("Ali Mohamed Rage, the spokesman of al-Shabaab, said the fighters had withdrawn.",
     ("Ali Mohamed Rage", "spokesperson_of", "al-Shabaab")),
    ("Hezbollah's military wing, the Islamic Resistance, fired rockets overnight.",
     ("Islamic Resistance", "part_of", "Hezbollah")),
    ("The Hamas-run Health Ministry said 40 people were killed.",
     ("Health Ministry", "part_of", "Hamas")),
    ("Jihadist groups allied with Al-Qaeda took the town.",
     ("Jihadist groups", "allied_with", "Al-Qaeda")),
    ("Militants pledged allegiance to the Islamic State.",
     ("Militants", "pledged_allegiance_to", "Islamic State")),
    ("Goma, capital of North Kivu, was surrounded.",
     ("Goma", "located_in", "North Kivu")),
    ("Ousmane Diallo, a JNIM commander, was arrested in Mopti.",
     ("Ousmane Diallo", "member_of", "JNIM")),
    ("Heavy clashes erupted again in the conflict between the Sudanese Armed Forces and the Rapid Support Forces.",
     ("Sudanese Armed Forces", "hostile_to", "Rapid Support Forces")),
    ("The M23 took the town of Nyanzale in eastern Democratic Republic of Congo, residents said.",
     ("Nyanzale", "located_in", "Democratic Republic of Congo")),
    ("The M23 took the town. Diplomats said the group is backed by Rwanda.",
     ("M23", "allied_with", "Rwanda")),
    ("Iraq's Popular Mobilisation Forces said fighters repelled the attack.",
     ("Popular Mobilisation Forces", "located_in", "Iraq")),
]

ABSENT_LOCATED = [
    # a country's own institution is not located in it: its country is an attribute
    "Mali's National Police said officers repelled the attack.",
    "Egypt's armed forces said the border was closed.",
]

ABSENT = [
    "Salafists in the region plan to pledge allegiance to the Islamic State.",
    "They preferred to say they were allied with Islamic State ideology.",
]


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(["nlp", "entities", "claims", "relations"])


def _has(doc, subject, predicate, obj):
    for r in doc.relations:
        forms_s = {r.subject} | (set(doc.entities[r.subject_entity].forms()) if r.subject_entity is not None else set())
        forms_o = {r.object} | (set(doc.entities[r.object_entity].forms()) if r.object_entity is not None else set())
        if r.predicate == predicate and subject in forms_s and obj in forms_o:
            return r
    return None


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_relation(pipe, text, expected):
    doc = pipe(Article(text=text))
    r = _has(doc, *expected)
    assert r is not None, [(x.subject, x.predicate, x.object) for x in doc.relations]
    assert doc.text[r.evidence.start : r.evidence.end].strip()


@pytest.mark.parametrize("text", ABSENT)
def test_no_relation(pipe, text):
    doc = pipe(Article(text=text))
    assert [r for r in doc.relations if r.predicate in ("pledged_allegiance_to", "allied_with")] == []


@pytest.mark.parametrize("text", ABSENT_LOCATED)
def test_no_located_in_for_own_institution(pipe, text):
    doc = pipe(Article(text=text))
    assert [r for r in doc.relations if r.predicate == "located_in"] == []
