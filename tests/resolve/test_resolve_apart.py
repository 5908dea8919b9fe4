"""Cross-article resolution keeps different things apart, explains every join, names entities well.

Hand-built per-document records with invented names; no model needed.
"""

import pytest

from newsfusion.resolve import CorpusState, run_steps
from newsfusion.resolve.entities import _names_conflict, _tokens, is_generic


def ent(i, name, typ, aliases=(), kb_id=None, country=None, geo=None, kind=None):
    return {"id": f"e{i}", "name": name, "type": typ, "aliases": list(aliases), "kb_id": kb_id, "kind": kind,
            "country": country, "geo": geo, "mentions": [[0, 1]]}


def doc(doc_id, entities=(), author=None, relations=()):
    return {"doc_id": doc_id, "document": {"author": author, "outlet": None}, "entities": list(entities), "claims": [],
            "relations": list(relations), "events": [], "contradictions": []}


def geo(country, place_id, name=None, precision=1):
    return {"lat": 1.0, "lon": 2.0, "country": country, "place_id": place_id, "name": name, "precision": precision, "method": "test"}


def resolve(*docs, overrides=()):
    s = CorpusState(docs=list(docs), overrides=list(overrides))
    s, results = run_steps(s, ["entities"])
    assert all(r.ok for r in results), results
    return s.entities


def groups(ents):
    return sorted(sorted(f"{d}:{l}" for d, l in e.members) for e in ents)


def test_armies_of_different_countries_stay_apart_whatever_they_share():
    ents = resolve(
        doc("d1", [ent(0, "Nigerian army", "ORG", ["army", "the military"], kb_id="ng_army", country="NG", kind="state_force")]),
        doc("d2", [ent(0, "Chadian army", "ORG", ["army", "Chadian troops"], country="TD", kind="state_force")]),
        doc("d3", [ent(0, "Malian Armed Forces", "ORG", ["army", "Nigerian army"], country="ML", kind="state_force")]),
    )
    assert len(ents) == 3


def test_common_nouns_join_nothing_across_articles():
    ents = resolve(doc("d1", [ent(0, "the army", "ORG")]), doc("d2", [ent(0, "the army", "ORG")]),
                   doc("d3", [ent(0, "Security Forces", "ORG")]), doc("d4", [ent(0, "security forces", "ORG")]))
    assert len(ents) == 4


def test_one_country_one_entity_and_countries_never_merge():
    us = geo("US", "country:US", "United States", 3)
    ents = resolve(
        doc("d1", [ent(0, "US", "LOCATION", geo=us)]),
        doc("d2", [ent(0, "America", "LOCATION", geo=us)]),
        doc("d3", [ent(0, "Colombia", "LOCATION", ["Latin America"], geo=geo("CO", "country:CO", "Colombia", 3))]),
        doc("d4", [ent(0, "Bolivia", "LOCATION", ["Latin America"], geo=geo("BO", "country:BO", "Bolivia", 3))]),
    )
    assert groups(ents) == [["d1:e0", "d2:e0"], ["d3:e0"], ["d4:e0"]]
    us_ent = next(e for e in ents if len(e.members) == 2)
    assert us_ent.name == "United States" and us_ent.merges[0]["rule"] == "same_place"
    assert "country:US" in us_ent.merges[0]["evidence"]


def test_places_with_different_gazetteer_entries_stay_apart():
    ents = resolve(
        doc("d1", [ent(0, "Rafah", "LOCATION", geo=geo("PS", "geonames:281129"))]),
        doc("d2", [ent(0, "Rafah", "LOCATION", geo=geo("EG", "geonames:350350"))]),
        doc("d3", [ent(0, "Rafah", "LOCATION", geo=geo("PS", "geonames:281129"))]),
    )
    assert groups(ents) == [["d1:e0", "d3:e0"], ["d2:e0"]]


def test_a_village_no_table_knows_joins_only_within_one_country():
    spot = lambda c: {"country": c, "precision": 2, "lat": None, "lon": None, "place_id": None, "method": "not in the gazetteer"}
    ents = resolve(doc("d1", [ent(0, "Kalongo", "LOCATION", geo=spot("UG"))]), doc("d2", [ent(0, "Kalongo", "LOCATION", geo=spot("UG"))]),
                   doc("d3", [ent(0, "Kalongo", "LOCATION", geo=spot("CD"))]))
    assert groups(ents) == [["d1:e0", "d2:e0"], ["d3:e0"]]


def test_a_name_shared_with_a_country_does_not_join_a_town_to_it():
    ents = resolve(doc("d1", [ent(0, "Niger", "LOCATION", geo=geo("NE", "country:NE", "Niger", 3))]),
                   doc("d2", [ent(0, "Niger", "LOCATION", ["Niger State"], geo=geo("NG", "geonames:2328925", "Niger", 3))]))
    assert len(ents) == 2


@pytest.mark.parametrize("a, b, conflict", [
    ("Yusuf Ali Warsame", "Yusuf Ahmed Warsame", True),
    ("Abu Mousub", "Abu Qatadah", True),
    ("Amina Diallo", "Fatoumata Diallo", True),
    ("Karimi", "Nasrullah Karimi", False),
    ("José Mbusa Kasongo", "Jose Mbussa Kasongo", False),
    ("Jean-Pierre Bemba", "Jean Pierre Bemba", False),
    ("Aaron Klein", "Aron Klein", False),
])
def test_person_names_that_conflict(a, b, conflict):
    assert _names_conflict(_tokens(a), _tokens(b)) is conflict


def test_people_whose_names_conflict_stay_apart_even_through_a_shared_alias():
    ents = resolve(doc("d1", [ent(0, "Yusuf Ali Warsame", "PERSON", ["Sheikh Warsame Yusuf"])]),
                   doc("d2", [ent(0, "Yusuf Ahmed Warsame", "PERSON", ["Sheikh Warsame Yusuf"])]))
    assert len(ents) == 2


def test_one_word_person_names_join_only_in_articles_about_one_country():
    place = lambda c: ent(9, "Somewhere", "LOCATION", geo=geo(c, f"country:{c}", None, 3))
    ents = resolve(doc("d1", [ent(0, "Tarno", "PERSON"), place("TD")]), doc("d2", [ent(0, "Tarno", "PERSON"), place("TD")]),
                   doc("d3", [ent(0, "Tarno", "PERSON"), place("NE")]))
    persons = [e for e in ents if e.type == "PERSON"]
    assert sorted(len(e.members) for e in persons) == [1, 2]


def test_every_join_has_evidence_an_analyst_can_read():
    ents = resolve(
        doc("d1", [ent(0, "ISIS", "ORG", kb_id="isis"), ent(1, "Kivu Dispatch", "ORG", ["the Dispatch"])]),
        doc("d2", [ent(0, "Daesh", "ORG", kb_id="isis"), ent(1, "Radio Kivu Dispatch", "ORG", ["Kivu Dispatch"])]),
        doc("d3", [ent(0, "Aaron Klein", "PERSON")], author="Aaron Klein"),
        doc("d4", [ent(0, "Aron Klein", "PERSON")], author="Aron Klein"),
    )
    merges = [m for e in ents for m in e.merges]
    assert {m["rule"] for m in merges} == {"gazetteer", "alias", "fuzzy_name"}
    assert all(m["evidence"] and m["a"] and m["b"] for m in merges)
    assert any("Kivu Dispatch" in m["evidence"] for m in merges if m["rule"] == "alias")


@pytest.mark.parametrize("form, generic", [
    ("the army", True), ("Army", True), ("security forces", True), ("Residents", True), ("the group", True),
    ("Nigerian army", False), ("M23", False), ("Allied Democratic Forces", False), ("Kivu Dispatch", False),
])
def test_generic_forms(form, generic):
    assert is_generic(form) is generic


def test_canonical_names():
    ents = resolve(
        doc("d1", [ent(0, "Jose Mbussa Kasongo", "PERSON"), ent(1, "ISIS", "ORG", kb_id="isis"),
                   ent(2, "YAOUNDE", "LOCATION", geo=geo("CM", "geonames:2220957", "Yaoundé"))]),
        doc("d2", [ent(0, "José Mbusa Kasongo", "PERSON"), ent(2, "Yaounde", "LOCATION", geo=geo("CM", "geonames:2220957", "Yaoundé"))]),
        doc("d3", [ent(0, "José Mbusa Kasongo", "PERSON"), ent(1, "Daesh", "ORG", kb_id="isis")]),
    )
    names = {e.type: e.name for e in ents}
    assert names == {"PERSON": "José Mbusa Kasongo", "ORG": "Islamic State", "LOCATION": "Yaoundé"}


def test_the_fullest_best_spelled_name_not_the_first_seen():
    ents = resolve(doc("d1", [ent(0, "Sultani Makenga", "PERSON")], relations=[{"subject": "Sultani Makenga", "object": "M23"}]),
                   doc("d2", [ent(0, "Sultani Emmanuel Makenga", "PERSON", ["Sultani Makenga"])]))
    assert len(ents) == 1 and ents[0].name == "Sultani Emmanuel Makenga" and "Sultani Makenga" in ents[0].aliases


def test_rename_is_remembered():
    docs = [doc("d1", [ent(0, "Mouvement du 23 mars", "ORG")]), doc("d2", [ent(0, "Mouvement du 23 mars", "ORG")])]
    eid = resolve(*docs)[0].id
    ents = resolve(*docs, overrides=[{"action": "rename", "entity": eid, "name": "M23"}])
    assert [(e.id, e.name) for e in ents] == [(eid, "M23")]
    assert "Mouvement du 23 mars" in ents[0].aliases


def test_an_analyst_merge_overrides_the_constraints():
    docs = [doc("d1", [ent(0, "Kivu Dispatch", "ORG", country="CD")]), doc("d2", [ent(0, "The Kivu Dispatch", "ORG", country="RW")])]
    a, b = (e.id for e in resolve(*docs))
    ents = resolve(*docs, overrides=[{"action": "merge", "a": a, "b": b}])
    assert len(ents) == 1 and ents[0].merges[-1]["rule"] == "analyst"


@pytest.mark.parametrize("form, descriptive", [
    ("Venezuelan state", True), ("Central American nation", True), ("Nigerian army", True), ("the Somali national army", True),
    ("Islamic State", False), ("Allied Democratic Forces", False), ("Kivu Dispatch", False),
])
def test_descriptive_forms(form, descriptive):
    from newsfusion.resolve.entities import is_descriptive

    assert is_descriptive(form) is descriptive


def test_a_description_joins_only_within_its_country():
    ents = resolve(
        doc("d1", [ent(0, "Nigerian army", "ORG", country="NG")]), doc("d2", [ent(0, "Nigerian army", "ORG", country="NG")]),
        doc("d3", [ent(0, "Nigerian army", "ORG")]),  # no country: joins nothing
        doc("d4", [ent(0, "Colombia", "LOCATION", ["South American nation"])]), doc("d5", [ent(0, "Peru", "LOCATION", ["South American nation"])]),
    )
    assert groups(ents) == [["d1:e0", "d2:e0"], ["d3:e0"], ["d4:e0"], ["d5:e0"]]
    assert "(of NG)" in next(e for e in ents if len(e.members) == 2).merges[0]["evidence"]


def test_a_rare_longer_spelling_does_not_name_the_entity():
    docs = [doc(f"d{i}", [ent(0, "Amina Diallo", "PERSON")]) for i in range(5)]
    docs.append(doc("d9", [ent(0, "Amina Diallo Sides", "PERSON", ["Amina Diallo"])]))
    ents = resolve(*docs)
    assert len(ents) == 1 and ents[0].name == "Amina Diallo" and "Amina Diallo Sides" in ents[0].aliases
