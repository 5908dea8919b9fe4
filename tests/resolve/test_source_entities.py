"""Sources are entities (resolve/sources.py) and the grading counts them once (hand-built records)."""

from newsfusion.resolve import CorpusState, run_steps
from newsfusion.resolve.grading import grade_claims
from newsfusion.resolve.sources import describe_key


def ent(i, name, typ, aliases=(), kind=None):
    return {"id": f"e{i}", "name": name, "type": typ, "aliases": list(aliases), "kb_id": None, "kind": kind, "country": None, "geo": None, "mentions": [[0, 1]]}


def claim(i, source, kind, content, source_entity=None):
    return {"id": f"c{i}", "source": source, "source_kind": kind, "stance": "assert", "content": content, "evidence": content,
            "content_span": [0, len(content)], "evidence_span": [0, len(content)], "source_entity": source_entity}


def doc(doc_id, entities=(), claims=(), outlet=None, author=None, relations=()):
    return {"doc_id": doc_id, "document": {"author": author, "outlet": outlet}, "entities": list(entities), "claims": list(claims),
            "relations": list(relations), "events": [], "contradictions": []}


def run(*docs, ratings=None):
    s = CorpusState(docs=list(docs), source_ratings=ratings or {})
    s, results = run_steps(s, ["entities", "sources", "grading"])
    assert all(r.ok for r in results), results
    return s


def source_of(s, doc_id, cid):
    eid = s.claim_sources[(doc_id, cid)]
    return next(e for e in s.entities if e.id == eid)


def test_spellings_of_an_anonymous_source_are_one_source_per_outlet():
    s = run(doc("d1", claims=[claim(0, "Residents", "anonymous", "the market burned overnight")], outlet="Kivu Dispatch"),
            doc("d2", claims=[claim(0, "residents", "anonymous", "gunfire went on until dawn")], outlet="Kivu Dispatch"),
            doc("d3", claims=[claim(0, "residents", "anonymous", "the bridge was blown up")], outlet="Radio Lake"))
    a, b, c = source_of(s, "d1", "c0"), source_of(s, "d2", "c0"), source_of(s, "d3", "c0")
    assert a is b and a is not c
    assert (a.type, a.name, a.scope, a.aliases) == ("SOURCE", "residents", "Kivu Dispatch", ["Residents"])
    assert sorted(a.claims) == [("d1", "c0"), ("d2", "c0")]


def test_an_anonymous_source_without_outlet_is_scoped_to_its_article():
    s = run(doc("d1", claims=[claim(0, "a witness", "anonymous", "x")]), doc("d2", claims=[claim(0, "a witness", "anonymous", "y")]))
    assert source_of(s, "d1", "c0") is not source_of(s, "d2", "c0")


def test_two_spellings_of_one_spokesman_are_one_source_and_one_independent_source():
    content = "the rebels withdrew from the town of Kalongo on Sunday"
    rel = lambda n: [{"subject": n, "predicate": "spokesperson_of", "object": "Uganda People's Defence Force"}]
    s = run(doc("d1", [ent(0, "Felix Kulayigye", "PERSON"), ent(1, "Uganda People's Defence Force", "ORG")],
                [claim(0, "Felix Kulayigye", "named_person", content, "e0")], outlet="Kivu Dispatch", relations=rel("Felix Kulayigye")),
            doc("d2", [ent(0, "Feliks Kulayigye", "PERSON"), ent(1, "Uganda People's Defence Force", "ORG")],
                [claim(0, "Feliks Kulayigye", "named_person", content)], outlet="Radio Lake", relations=rel("Feliks Kulayigye")))
    one = source_of(s, "d1", "c0")
    assert one is source_of(s, "d2", "c0") and one.type == "PERSON" and len(one.members) == 2
    grades = {g.id: g for g in s.grades if g.target == "claim"}
    assert grades["d1:c0"].independent_sources == 1 and grades["d1:c0"].credibility == 3


def test_a_source_named_like_an_entity_of_its_article_is_that_entity():
    s = run(doc("d1", [ent(0, "Allied Democratic Forces", "ORG", ["ADF"], kind="armed_group")], [claim(0, "the ADF", "named_org", "x")]))
    assert source_of(s, "d1", "c0").name == "Allied Democratic Forces"


def test_a_named_source_no_entity_holds_is_one_entity_across_articles():
    s = run(doc("d1", claims=[claim(0, "Kivu Security Tracker", "named_org", "x")]), doc("d2", claims=[claim(0, "Kivu Security Tracker", "named_org", "y")]))
    e = source_of(s, "d1", "c0")
    assert e is source_of(s, "d2", "c0") and e.type == "ORG" and not e.members


def test_the_authors_own_claims_go_to_the_author_or_outlet():
    s = run(doc("d1", [ent(0, "Amani Kato", "PERSON")], [claim(0, "Amani Kato", "author", "could not be verified")], author="Amani Kato", outlet="Kivu Dispatch"),
            doc("d2", claims=[claim(0, "Kivu Dispatch", "author", "could not be verified")], outlet="Kivu Dispatch"))
    assert source_of(s, "d1", "c0").name == "Amani Kato"
    assert source_of(s, "d2", "c0").name == "Kivu Dispatch"


def test_a_rating_given_to_one_spelling_rates_the_source():
    s = run(doc("d1", claims=[claim(0, "Residents", "anonymous", "x")], outlet="Kivu Dispatch"),
            doc("d2", claims=[claim(0, "residents", "anonymous", "y")], outlet="Kivu Dispatch"), ratings={"Residents": "D"})
    grades = {g.id: g for g in s.grades if g.target == "claim"}
    assert grades["d1:c0"].reliability == grades["d2:c0"].reliability == "D"


def test_describe_key():
    assert describe_key("a security source") == describe_key("Security source") == "security source"
    assert describe_key("the residents") == describe_key("Residents")
