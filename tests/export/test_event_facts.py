"""The mechanisms under the event exports, on hand-built knowledge bases of invented reports."""

from __future__ import annotations

import pytest

from newsfusion.errors import ConfigError
from newsfusion.export.acled import acled_row, disorder_type, interaction
from newsfusion.export.common import country_info, english_admin, require
from newsfusion.export.data import ExportData, event_facts, make_party
from newsfusion.export.stix import confidence
from newsfusion.store.views import ClaimInfo, DocumentInfo, EntityInfo, EventInfo


@pytest.mark.parametrize("i1, i2, expected", [(1, 2, 12), (2, 1, 12), (2, 7, 27), (3, 0, 30), (1, None, 10), (None, None, None), (6, 1, 16)])
def test_interaction(i1, i2, expected):
    assert interaction(i1, i2) == expected


@pytest.mark.parametrize("etype, sub, expected", [
    ("Battles", "Armed clash", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
    ("Riots", "Mob violence", "Political violence"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Strategic developments", "Arrests", "Strategic developments"),
    (None, None, None),
])
def test_disorder_type(etype, sub, expected):
    assert disorder_type(etype, sub) == expected


@pytest.mark.parametrize("grade, expected", [("A1", 90), ("B2", 70), ("C3", 50), ("D4", 30), ("E5", 10), ("F6", None), (None, None), ("B", None)])
def test_admiralty_to_stix_confidence(grade, expected):
    assert confidence(grade) == expected


@pytest.mark.parametrize("iso2, numeric, region", [
    ("CD", 180, "Middle Africa"), ("SY", 760, "Middle East"), ("AM", 51, "Caucasus and Central Asia"), ("IR", 364, "Middle East"),
    ("MX", 484, "Central America"), ("UA", 804, "Europe"), ("NG", 566, "Western Africa"), ("AF", 4, "South Asia"),
])
def test_country_info_in_acled_terms(iso2, numeric, region):
    c = country_info(iso2)
    assert c is not None and (c.numeric, c.region) == (numeric, region) and c.name


@pytest.mark.parametrize("name, iso2, expected", [
    ("Ḩalab", "SY", "Aleppo"),  # an English alias of the region
    ("Shamāl Sīnā'", "EG", "North Sinai"),
    ("Baghdād", "IQ", "Baghdad"),  # the name without diacritics when that is its English name
    ("Jammu and Kashmīr", "IN", "Jammu and Kashmir"),
    ("Nord-Kivu", "CD", "Nord-Kivu"),  # plain Latin letters stay as they are
    ("Ḩalab", None, "Halab"),  # no country to find the region in: diacritics dropped
    (None, "SY", None),
])
def test_english_admin_names(name, iso2, expected):
    assert english_admin(name, iso2) == expected


def test_unknown_country_is_none():
    assert country_info("ZZ") is None and country_info(None) is None


@pytest.mark.parametrize("text, inter, name", [
    ("villagers", 7, "Civilians (Nigeria)"),
    ("several demonstrators", 6, "Protesters (Nigeria)"),
    ("unidentified gunmen", 3, "unidentified gunmen"),
    ("the rebels", 2, "the rebels"),
    ("government troops", 1, "government troops"),
    ("a warehouse", None, "a warehouse"),
])
def test_actor_typing_by_general_words(text, inter, name):
    p = make_party(text, None, "NG")
    assert (p.inter, p.name, p.named) == (inter, name, False)


def test_actor_typing_by_entity_kind():
    ent = EntityInfo("ent_x", "Northern Liberation Front", "ORG", None, "armed_group", "NG", [], 1, 1)
    p = make_party("the Front", ent, "NG")
    assert (p.inter, p.sector, p.name, p.entity_id, p.named) == (2, "REB", "Northern Liberation Front", "ent_x", True)


def test_missing_extra_is_a_coded_error():
    with pytest.raises(ConfigError) as e:
        require("no_such_module_for_newsfusion_tests")
    assert e.value.code == "E050" and "newsfusion[exports]" in str(e.value)


# --------------------------------------------------- one invented article, two events

TEXT = "Gunmen raided a market in Sabongari on Monday, killing six traders and kidnapping four others, police said. A militia spokesman denied the raid."


def _data() -> ExportData:
    doc = DocumentInfo("d1", "raid", "Raid on a market", None, "Daily Invented", "2030-05-07", None, None, "text", "en", "2030-05-08", None)
    span = [0, 104]
    ents = [
        {"id": "e0", "name": "Sabongari", "type": "LOCATION", "aliases": [], "geo": {"lat": 10.0, "lon": 8.0, "country": "NG", "geonames_id": 1}},
        {"id": "e1", "name": "Musa Invented", "type": "PERSON", "aliases": ["militia spokesman"]},
    ]
    def report(local, sub, toll, actors, claims=()):
        return {"id": local, "acled_type": "Violence against civilians", "acled_sub_type": sub, "actors": actors, "targets": ["traders"],
                "location": "Sabongari", "fatalities": {"min": toll, "max": toll}, "sources": ["police"], "status": "occurred",
                "evidence": TEXT[:104], "evidence_span": span, "claims": list(claims), "plover": {"type": "ASSAULT", "mode": "firearms"}}
    record = {"entities": ents, "events": [
        report("v0", "Abduction/forced disappearance", 6, ["Gunmen"]),  # the toll wrongly copied onto the kidnapping
        report("v1", "Attack", 6, ["Musa Invented", "Gunmen"], claims=["c1"]),
    ], "claims": [], "relations": []}
    def event(eid, sub, local):
        return EventInfo(eid, "Violence against civilians", sub, "2030-05-06", 1, "Sabongari", "NG", None, 10.0, 8.0, 1, None, "traders",
                         6, 6, ["police"], [("d1", local)], "C3", None, {"statuses": ["occurred"], "actors": record["events"][int(local[1])]["actors"], "targets": ["traders"]})
    events = [event("evt_kidnap", "Abduction/forced disappearance", "v0"), event("evt_attack", "Attack", "v1")]
    events[1].actor1 = "Musa Invented"
    claims = [ClaimInfo("d1", "raid", "c1", "Musa Invented", "named_person", "deny", "denied", "the raid", TEXT[105:], [105, 141])]
    ent_info = EntityInfo("ent_musa", "Musa Invented", "PERSON", None, None, None, ["militia spokesman"], 1, 1)
    place = EntityInfo("ent_place", "Sabongari", "LOCATION", None, None, "NG", [], 1, 1)
    return ExportData({"d1": doc}, {"d1": record}, {"ent_musa": ent_info, "ent_place": place}, {("d1", "e1"): "ent_musa", ("d1", "e0"): "ent_place"},
                      events, claims, [], [], built_at="2030-05-08T10:00:00Z")


def test_a_toll_from_one_sentence_is_counted_on_one_event():
    data = _data()
    facts = {f.event.id: f for f in event_facts(data)}
    assert facts["evt_attack"].fatalities == 6  # the attack keeps it
    assert facts["evt_kidnap"].fatalities == 0 and facts["evt_kidnap"].toll_counted_with == "evt_attack"
    rows = {f.event.id: acled_row(f, data) for f in facts.values()}
    assert sum(r["fatalities"] for r in rows.values()) == 6
    assert "evt_attack" in rows["evt_kidnap"]["notes"] and "toll counted with evt_attack" in rows["evt_kidnap"]["tags"]


def test_the_denier_is_not_actor1_and_the_event_is_tagged_denied():
    data = _data()
    f = next(f for f in event_facts(data) if f.event.id == "evt_attack")
    assert f.deniers == ["Musa Invented"]
    assert f.actor1 is not None and f.actor1.name == "Gunmen"
    row = acled_row(f, data)
    assert row["actor1"] == "Gunmen" and "denied" in row["tags"] and "denied by Musa Invented" in row["notes"]
    assert row["actor2"] == "Civilians (Nigeria)" and row["inter2"] == 7 and row["civilian_targeting"] == "Civilian targeting"
    assert row["interaction"] == 37 and row["source"] == "Daily Invented" and row["timestamp"] == 1904464800


def test_a_denied_reports_own_source_is_not_its_actor():
    """'The brigade denied shelling the village': the brigade is the source of a denied report, not its actor."""
    data = _data()
    rec = data.records["d1"]["events"][0]
    rec.update(status="denied", actors=["Eastern Brigade", "Gunmen"], sources=["Eastern Brigade"])
    data.events[0].summary.update(actors=["Eastern Brigade", "Gunmen"], statuses=["denied"])
    data.events[0].actor1 = "Eastern Brigade"
    f = next(f for f in event_facts(data) if f.event.id == "evt_kidnap")
    assert f.actor1 is not None and f.actor1.name == "Gunmen" and "denied" in f.tags and f.deniers == ["Eastern Brigade"]


def test_notes_prefer_a_whole_sentence():
    data = _data()
    data.records["d1"]["events"][1]["evidence"] = "on Monday, after a day of fighting"
    data.events[1].reports = [("d1", "v1"), ("d1", "v0")]
    f = next(f for f in event_facts(data) if f.event.id == "evt_attack")
    assert acled_row(f, data)["notes"].startswith("Gunmen raided a market")
