"""Corpus steps on hand-built per-document records (no model needed)."""

from newsfusion.corpus import Claim, from_format
from newsfusion.resolve import CorpusState, run_steps
from newsfusion.resolve.base import KBEvent
from newsfusion.resolve.contradictions import cross_numeric
from newsfusion.resolve.grading import grade_claims, source_key


def ent(i, name, typ, aliases=(), kb_id=None, geo=None, mentions=()):
    return {"id": f"e{i}", "name": name, "type": typ, "aliases": list(aliases), "kb_id": kb_id, "geo": geo, "mentions": [list(m) for m in mentions]}


def doc(doc_id, entities=(), claims=(), relations=(), author=None, outlet=None, events=(), contradictions=()):
    return {"doc_id": doc_id, "document": {"author": author, "outlet": outlet}, "entities": list(entities), "claims": list(claims),
            "relations": list(relations), "events": list(events), "contradictions": list(contradictions)}


def claim(i, source, kind, content, span, stance="assert"):
    return {"id": f"c{i}", "source": source, "source_kind": kind, "stance": stance, "content": content, "content_span": list(span), "evidence": content, "evidence_span": list(span)}


def resolved(state):
    state, results = run_steps(state, ["entities"])
    assert all(r.ok for r in results), results
    return {frozenset(m for m in e.members): e for e in state.entities}


def names(state):
    return sorted(sorted({e.name, *e.aliases}) for e in state.entities)


def test_bylines_with_a_spelling_variant_merge():
    s = CorpusState(docs=[
        doc("d1", [ent(0, "Aaron Klein", "PERSON")], author="Aaron Klein"),
        doc("d2", [ent(0, "Aron Klein", "PERSON")], author="Aron Klein"),
    ])
    run_steps(s, ["entities"])
    assert len(s.entities) == 1
    assert s.entities[0].merges[0]["rule"] == "fuzzy_name"


def test_a_three_part_name_spelled_two_ways_merges_without_a_shared_role():
    s = CorpusState(docs=[doc("d1", [ent(0, "José Mbusa Kasongo", "PERSON")]), doc("d2", [ent(0, "Jose Mbussa Kasongo", "PERSON")]),
                          doc("d3", [ent(0, "Yusuf Ali Warsame", "PERSON")]), doc("d4", [ent(0, "Yusuf Ahmed Warsame", "PERSON")])])
    run_steps(s, ["entities"])
    assert sorted(len(e.members) for e in s.entities) == [1, 1, 2]


def test_two_men_called_abu_stay_apart():
    s = CorpusState(docs=[
        doc("d1", [ent(0, "Abu Mousub", "PERSON")]),
        doc("d2", [ent(0, "Abu Qatadah", "PERSON")]),
        doc("d3", [ent(0, "Abu Mohammed", "PERSON", ["Abu"])]),
    ])
    run_steps(s, ["entities"])
    assert len(s.entities) == 3


def test_gaza_and_gaza_strip_merge_through_aliases():
    s = CorpusState(docs=[
        doc("d1", [ent(0, "Gaza Strip", "LOCATION", ["Gaza"])]),
        doc("d2", [ent(0, "Gaza", "LOCATION")]),
    ])
    run_steps(s, ["entities"])
    assert len(s.entities) == 1 and s.entities[0].merges[0]["rule"] == "alias"


def test_ids_are_stable_and_overrides_are_remembered():
    docs = [doc("d1", [ent(0, "Abu Salim", "PERSON")]), doc("d2", [ent(0, "Abu Saleem", "PERSON")])]
    s = CorpusState(docs=docs)
    run_steps(s, ["entities"])
    assert len(s.entities) == 2
    a, b = (e.id for e in s.entities)
    merged = CorpusState(docs=docs, overrides=[{"action": "merge", "a": a, "b": b}])
    run_steps(merged, ["entities"])
    assert len(merged.entities) == 1 and merged.entities[0].id == a
    assert merged.entities[0].merges[-1]["rule"] == "analyst"
    # a split of the merged entity, remembered after the merge
    split = CorpusState(docs=docs, overrides=[{"action": "merge", "a": a, "b": b}, {"action": "split", "entity": a}])
    run_steps(split, ["entities"])
    assert sorted(e.id for e in split.entities) == sorted([a, b])


def test_split_of_a_rule_merge_survives_reingest():
    docs = [doc("d1", [ent(0, "Aaron Klein", "PERSON")], author="Aaron Klein"), doc("d2", [ent(0, "Aron Klein", "PERSON")], author="Aron Klein")]
    first = CorpusState(docs=docs)
    run_steps(first, ["entities"])
    eid = first.entities[0].id
    again = CorpusState(docs=docs + [doc("d3", [ent(0, "Aron Klein", "PERSON")], author="Aron Klein")], overrides=[{"action": "split", "entity": eid}])
    run_steps(again, ["entities"])
    assert sorted(len(e.members) for e in again.entities) == [1, 2]


def test_cross_article_presence_contradiction():
    d1 = doc("d1", [ent(0, "ISIS", "ORG", kb_id="isis", mentions=[(20, 24)]), ent(1, "Gaza Strip", "LOCATION", mentions=[(32, 42)])],
             [claim(0, "Eyad al-Bazam", "named_person", "There is no presence of ISIS in the Gaza Strip.", (0, 47), "deny")])
    d2 = doc("d2", [ent(0, "ISIS", "ORG", kb_id="isis", mentions=[(41, 45)]), ent(1, "Gaza Strip", "LOCATION", aliases=["Gaza"], mentions=[(49, 53)])],
             [claim(0, "Abu Mousub", "named_person", "the group will announce it is representing ISIS in Gaza", (0, 56)),
              claim(1, "Abu Mousub", "named_person", "ISIS rejects Gaza truce plans", (60, 89))])
    s = CorpusState(docs=[d1, d2])
    run_steps(s, ["entities", "contradictions"])
    corpus = [c for c in s.contradictions if c.scope == "corpus"]
    assert len(corpus) == 1
    assert corpus[0].b["claim"] == "c0" and corpus[0].b["doc_id"] == "d2"


def test_cross_article_numeric_dispute_from_one_fused_event():
    d1 = doc("d1", events=[{"id": "v0", "fatalities": {"min": 12, "max": 12}, "sources": ["army"], "evidence": "12 soldiers were killed"}])
    d2 = doc("d2", events=[{"id": "v0", "fatalities": {"min": 30, "max": None}, "sources": ["a local source"], "evidence": "at least 30 soldiers"}])
    d3 = doc("d3", events=[{"id": "v0", "fatalities": {"min": 15, "max": None}, "sources": ["residents"], "evidence": "at least 15 soldiers"}])
    s = CorpusState(docs=[d1, d2, d3], events=[KBEvent("evt_x", "Battles", "Armed clash", reports=[("d1", "v0"), ("d2", "v0"), ("d3", "v0")])])
    found = cross_numeric(s)
    # 12 vs at least 30, 12 vs at least 15 dispute; at least 30 and at least 15 agree
    assert sorted(sorted((x.a["value"], x.b["value"])) for x in found) == [[12, 15], [12, 30]]


def test_independent_sources_and_grades():
    content = "gunmen killed nine villagers in Oicha overnight"
    d1 = doc("d1", claims=[claim(0, "a local security source", "anonymous", content, (0, 48))], outlet="Kivu Dispatch")
    d2 = doc("d2", claims=[claim(0, "a local security source", "anonymous", content, (0, 48))], outlet="Kivu Dispatch")
    d3 = doc("d3", claims=[claim(0, "Red Cross", "named_org", content, (0, 48))], outlet="Radio Kivu")
    one_outlet = CorpusState(docs=[d1, d2])
    grades = {g.id: g for g in grade_claims(one_outlet)}
    assert grades["d1:c0"].independent_sources == 1 and grades["d1:c0"].credibility == 3
    assert grades["d1:c0"].reliability == "F"
    both = CorpusState(docs=[d1, d2, d3], source_ratings={"Red Cross": "A"})
    grades = {g.id: g for g in grade_claims(both)}
    assert grades["d3:c0"].independent_sources == 2 and grades["d3:c0"].credibility == 1
    assert grades["d3:c0"].reliability == "A" and any("analyst" in r for r in grades["d3:c0"].reasons)


def test_source_key_counts_an_anonymous_source_once_per_outlet():
    c = Claim(**claim(0, "a security source", "anonymous", "x", (0, 1)))
    assert source_key(from_format(doc("d1", outlet="WND")), c) == source_key(from_format(doc("d2", outlet="WND")), c)
    assert source_key(from_format(doc("d1", outlet="WND")), c) != source_key(from_format(doc("d3", outlet="AP")), c)
