"""The knowledge-base tables: replaced as a whole, events flattened to ACLED-style columns."""

from __future__ import annotations

import pytest

from newsfusion.errors import StoreError
from newsfusion.resolve import CorpusState, Grade, KBContradiction, KBEntity, KBEvent
from newsfusion.store import Store
from newsfusion.store import queries as q
from newsfusion.store.kbrows import _precision, event_row
from store_helpers import article, build_doc


def _event(evid, *, start=None, end=None, loc=None, fat=(None, None), actors=(), targets=(), sources=()):
    return {
        "id": evid,
        "acled_type": "Battles",
        "acled_sub_type": "Armed clash",
        "actors": list(actors),
        "targets": list(targets),
        "location": loc,
        "time": {"start": start, "end": end},
        "fatalities": {"min": fat[0], "max": fat[1]},
        "sources": list(sources),
        "evidence": f"evidence of {evid}",
    }


@pytest.mark.parametrize(
    "start, end, expected",
    [("2024-03-04", "2024-03-04", 1), ("2024-03-04", None, 1), ("2024-03-01", "2024-03-07", 2), ("2024-03-01", "2024-03-31", 3), (None, None, None), ("2024", None, 3)],
)
def test_time_precision(start, end, expected):
    assert _precision(start, end) == expected


def test_event_row_combines_reports():
    geo = {"lat": 18.44, "lon": 1.41, "country": "ML", "admin1": "Kidal", "precision": 1}
    rec_a = {"doc_id": "a", "entities": [{"id": "e0", "name": "Kidal", "aliases": ["Kidal town"], "geo": geo}]}
    rec_b = {"doc_id": "b", "entities": []}
    reports = [
        (rec_a, _event("v0", start="2024-03-04", end="2024-03-04", loc="Kidal", fat=(10, 12), actors=["JNIM"], targets=["FAMa"], sources=["Reuters"])),
        (rec_b, _event("v1", start="2024-03-03", end="2024-03-05", loc="Kidal", fat=(17, 17), actors=["JNIM", "ISSP"], sources=["AFP", "Reuters"])),
    ]
    row = event_row(KBEvent("evt_1", "Battles", "Armed clash"), reports, 2)
    assert row["event_date"] == "2024-03-03" and row["time_precision"] == 2
    assert (row["fatalities_min"], row["fatalities_max"]) == (10, 17)
    assert (row["location"], row["country"], row["admin1"], row["latitude"], row["geo_precision"]) == ("Kidal", "ML", "Kidal", 18.44, 1)
    assert (row["actor1"], row["actor2"]) == ("JNIM", "FAMa")
    assert row["sources"] == '["Reuters","AFP"]' and row["n_reports"] == 2


def test_summary_values_win_over_derived_ones():
    ev = KBEvent("evt_2", "Battles", "Armed clash", summary={"event_date": "2024-01-02", "fatalities_min": 3, "country": "NE"})
    row = event_row(ev, [({"entities": []}, _event("v0", start="2024-02-02", fat=(9, 9)))], 1)
    assert (row["event_date"], row["fatalities_min"], row["fatalities_max"], row["country"]) == ("2024-01-02", 3, 9, "NE")


def _state_for(docs) -> CorpusState:
    d0, d1 = docs
    return CorpusState(
        docs=[],
        entities=[
            KBEntity("ent_kidal", "Kidal", "LOCATION", aliases=["Kidal town", "Kidal town"], members=[(d0, "e0"), (d1, "e0")], merges=[{"a": "x", "b": "y", "rule": "same name"}]),
            KBEntity("ent_army", "Army", "ORG", members=[(d1, "e1")]),
        ],
        events=[KBEvent("evt_a", "Battles", "Armed clash", reports=[(d0, "v0"), (d1, "v0")])],
        contradictions=[KBContradiction("con_1", "soldiers killed", "numeric", {"doc_id": d0, "evidence": "3 died", "evidence_span": [0, 6], "value": 3}, {"doc_id": d1, "evidence": "5 died", "value": 5}, scope="corpus")],
        grades=[Grade("event", "evt_a", "B", 2, 2, ["two outlets"]), Grade("claim", f"{d0}:c0", "C", 3, 1, [])],
    )


def test_replace_kb_writes_and_replaces(store_url):
    docs = [build_doc(article(i)) for i in (1, 2)]
    with Store(store_url) as s:
        for d in docs:
            s.add_document(d)
        assert s.kb_stale()
        state = _state_for([d.doc_id for d in docs])
        state.docs = s.load_state().docs
        s.replace_kb(state)
        assert not s.kb_stale()
        with s.read() as conn:
            ents = {e.id: e for e in q.entities(conn)}
            assert ents["ent_kidal"].aliases == ["Kidal town"] and ents["ent_kidal"].documents == 2
            detail = q.entity(conn, "kidal town")  # found by alias, any case
            assert [m.doc_id for m in detail.members] == [d.doc_id for d in docs]
            assert detail.merges == [{"a": "x", "b": "y", "rule": "same name"}]
            (ev,) = q.events(conn)
            assert ev.grade == "B2" and ev.reports == sorted((d.doc_id, "v0") for d in docs)
            assert ev.fatalities_min == 3 and ev.fatalities_max == 4  # 1+2 and 2+2 soldiers in the two articles
            (con,) = q.contradictions(conn)
            assert con.a["value"] == 3 and con.b["evidence"] == "5 died" and con.scope == "corpus"
            assert q.claims(conn, doc_id=docs[0].doc_id)[0].grade == "C3"
        # A second build replaces everything: no leftovers from the first.
        s.replace_kb(CorpusState(docs=[], entities=[KBEntity("ent_new", "New", "ORG", members=[(docs[0].doc_id, "e0")])]))
        c = s.counts()
        assert (c["entities"], c["entity_aliases"], c["events"], c["contradictions"], c["grades"], c["entity_members"]) == (1, 0, 0, 0, 0, 1)


def test_failed_kb_write_leaves_previous_kb_and_stale_flag(store_url):
    """A KB write that fails half way (a member of an unknown document) is rolled back whole."""
    doc = build_doc(article(1))
    with Store(store_url) as s:
        s.add_document(doc)
        s.replace_kb(CorpusState(docs=[], entities=[KBEntity("ent_ok", "Kidal", "LOCATION", members=[(doc.doc_id, "e0")])]))
        s.mark_stale()
        bad = CorpusState(docs=[], entities=[KBEntity("ent_bad", "X", "ORG", members=[("no-such-doc", "e0")])])
        with pytest.raises(StoreError) as e:
            s.replace_kb(bad)
        assert e.value.code == "E308" and "\n" not in str(e.value)
        with s.read() as conn:
            assert [e.id for e in q.entities(conn)] == ["ent_ok"]
        assert s.kb_stale()
