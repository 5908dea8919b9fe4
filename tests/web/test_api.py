"""The REST API over the hand-built KB (richkb.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

from newsfusion.store import migrate
from richkb import CON_TOLL, DOC_A, DOC_B, ENT_FARDC, ENT_KIRUMBA, ENT_M23, ENT_NGOMA, EVT_ATTACK, EVT_CLASH, TEXT_B


def get(client, url: str, status: int = 200):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def ids(page) -> list[str]:
    return [x["id"] for x in page["items"]]


# ------------------------------------------------------------ listings


def test_status_counts(rich):
    st = get(rich, "/api/status")
    assert st["counts"]["documents"] == 2 and st["counts"]["events"] == 2 and st["counts"]["contradictions"] == 1
    from newsfusion.store.migrate import head

    assert st["kb_stale"] is False and st["schema_revision"] == head()


def test_documents_listing_and_detail(rich):
    page = get(rich, "/api/documents")
    assert page["total"] == 2 and set(ids(page)) == {DOC_A, DOC_B}
    counts = {d["id"]: (d["entities"], d["events"], d["claims"]) for d in page["items"]}
    assert counts == {DOC_A: (4, 1, 2), DOC_B: (3, 2, 2)}
    d = get(rich, f"/api/documents/{DOC_B}")
    assert d["text"] == TEXT_B and d["document"]["outlet"] == "Great Lakes Monitor"
    assert {e["name"]: e["entity_id"] for e in d["entities"]} == {"March 23 Movement": ENT_M23, "FARDC": ENT_FARDC, "Kirumba": ENT_KIRUMBA}
    assert {v["local_id"]: v["event_id"] for v in d["events"]} == {"v0": EVT_CLASH, "v1": EVT_ATTACK}
    assert [c["id"] for c in d["claims"]] == [f"{DOC_B}:c0", f"{DOC_B}:c1"]
    assert [x["id"] for x in d["contradictions"]] == [CON_TOLL]
    for a in d["annotations"]:  # every highlight span is inside the text and says what it covers
        assert 0 <= a["start"] < a["end"] <= len(TEXT_B)
    ents = {TEXT_B[a["start"] : a["end"]] for a in d["annotations"] if a["kind"] == "entity"}
    assert ents == {"March 23 Movement", "army", "FARDC", "Kirumba"}
    assert {TEXT_B[a["start"] : a["end"]] for a in d["annotations"] if a["kind"] == "event"} == {"Fighting", "attacked"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", [DOC_A, DOC_B]),
        ("?outlet=kivu", [DOC_A]),
        ("?published_from=2025-10-16", [DOC_B]),
        ("?published_to=2025-10-15", [DOC_A]),
        ("?sort=-published", [DOC_B, DOC_A]),
    ],
)
def test_document_filters(rich, query, expected):
    assert ids(get(rich, "/api/documents" + query)) == expected


def test_entities_have_aliases_roles_and_relations(rich):
    page = get(rich, "/api/entities?limit=10")
    by = {e["id"]: e for e in page["items"]}
    assert page["total"] == 4 and set(by) == {ENT_M23, ENT_FARDC, ENT_KIRUMBA, ENT_NGOMA}
    assert by[ENT_M23]["aliases"] == ["March 23 Movement"]
    assert by[ENT_FARDC]["roles"] == {
        "mentions": 4, "claim_source": 1, "claim_subject": 3, "event_actor": 1, "event_target": 1, "event_location": 0, "relation_subject": 0, "relation_object": 0,
    }
    assert by[ENT_KIRUMBA]["roles"]["event_location"] == 2
    assert [(r["predicate"], r["direction"], r["other_id"]) for r in by[ENT_NGOMA]["relations"]] == [("spokesperson_of", "out", ENT_M23)]
    assert [(r["predicate"], r["direction"], r["other_id"]) for r in by[ENT_M23]["relations"]] == [("spokesperson_of", "in", ENT_NGOMA)]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?type=person", {ENT_NGOMA}),
        ("?type=ORG", {ENT_M23, ENT_FARDC}),
        ("?name=march", {ENT_M23}),  # an alias
        ("?kind=state_force", {ENT_FARDC}),
        ("?name=nobody", set()),
    ],
)
def test_entity_filters(rich, query, expected):
    assert set(ids(get(rich, "/api/entities" + query))) == expected


def test_entity_detail(rich):
    e = get(rich, f"/api/entities/{ENT_FARDC}")
    assert {n["name"]: n["documents"] for n in e["names"]} == {"FARDC": 2, "army": 1}
    assert [(v["event_id"], v["role"]) for v in e["events"]] == [(EVT_ATTACK, "actor"), (EVT_CLASH, "target")]
    assert [c["id"] for c in e["claims_by"]] == [f"{DOC_B}:c1"]
    assert {c["id"] for c in e["claims_about"]} == {f"{DOC_A}:c0", f"{DOC_A}:c1", f"{DOC_B}:c0"}
    assert get(rich, "/api/entities/March 23 Movement")["entity"]["id"] == ENT_M23  # by alias
    assert get(rich, "/api/entities/ent_fa")["entity"]["id"] == ENT_FARDC  # by prefix


def test_events_listing(rich):
    page = get(rich, "/api/events")
    assert page["total"] == 2
    ev = {e["id"]: e for e in page["items"]}[EVT_CLASH]
    assert (ev["fatalities_min"], ev["fatalities_max"], ev["grade"], ev["credibility"]) == (12, 30, "B2", 2)
    assert ev["reports"] == [[DOC_A, "v0"], [DOC_B, "v0"]] or sorted(map(tuple, ev["reports"])) == sorted([(DOC_A, "v0"), (DOC_B, "v0")])
    assert ev["sources"] == ["residents", "local security source"] and (ev["latitude"], ev["longitude"]) == (-0.5297, 29.1787)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?type=battles", {EVT_CLASH}),
        ("?sub_type=Attack", {EVT_ATTACK}),
        (f"?actor={ENT_M23}", {EVT_CLASH}),
        ("?actor=March 23 Movement", {EVT_CLASH}),  # any name of the entity
        ("?actor=fardc", {EVT_CLASH, EVT_ATTACK}),  # actor or target
        ("?actor=nobody at all", set()),
        ("?place=kirumba", {EVT_CLASH, EVT_ATTACK}),
        ("?place=CD", {EVT_CLASH, EVT_ATTACK}),
        ("?place=goma", set()),
        ("?date_from=2025-10-14&date_to=2025-10-14", {EVT_CLASH, EVT_ATTACK}),
        ("?date_from=2025-10-15", set()),
        ("?status=denied", {EVT_ATTACK}),
        ("?credibility=2", {EVT_CLASH}),
        ("?credibility=5", {EVT_CLASH, EVT_ATTACK}),
        ("?source=security", {EVT_CLASH}),
    ],
)
def test_event_filters(rich, query, expected):
    assert set(ids(get(rich, "/api/events" + query))) == expected


def test_event_detail_has_every_report_grade_and_contradiction(rich):
    e = get(rich, f"/api/events/{EVT_CLASH}")
    assert [(r["doc_id"], r["fatalities_min"], r["outlet"]) for r in e["reports"]] == [(DOC_A, 12, "Kivu Dispatch"), (DOC_B, 30, "Great Lakes Monitor")]
    assert e["grade"] == {"code": "B2", "reliability": "B", "credibility": 2, "independent_sources": 2, "reasons": ["two independent outlets report it", "death tolls differ (12 vs 30)"]}
    assert e["corroboration"]["documents"] == 2 and e["corroboration"]["outlets"] == ["Great Lakes Monitor", "Kivu Dispatch"]
    assert [(x["id"], x["a"]["value"], x["b"]["value"]) for x in e["contradictions"]] == [(CON_TOLL, 12, 30)]
    assert {(a["name"], a["role"], a["entity_id"]) for a in e["actors"]} >= {("M23", "actor", ENT_M23), ("FARDC", "target", ENT_FARDC), ("Kirumba", "location", ENT_KIRUMBA)}
    assert e["merges"][0]["reason"] == "same place, same day, same actors"
    assert get(rich, f"/api/events/{EVT_ATTACK}")["contradictions"] == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("?stance=deny", {f"{DOC_B}:c1"}),
        ("?source_kind=named_person", {f"{DOC_A}:c1"}),
        ("?source=ngoma", {f"{DOC_A}:c1"}),
        (f"?doc={DOC_A}", {f"{DOC_A}:c0", f"{DOC_A}:c1"}),
        (f"?entity={ENT_FARDC}&role=by", {f"{DOC_B}:c1"}),
        (f"?entity={ENT_FARDC}&role=about", {f"{DOC_A}:c0", f"{DOC_A}:c1", f"{DOC_B}:c0"}),
        (f"?entity={ENT_NGOMA}", {f"{DOC_A}:c1"}),
    ],
)
def test_claim_filters(rich, query, expected):
    assert set(ids(get(rich, "/api/claims" + query))) == expected


def test_claim_ids_are_stable_handles(rich):
    for c in get(rich, "/api/claims")["items"]:
        one = get(rich, f"/api/claims/{c['id']}")
        assert one == c
    assert get(rich, f"/api/claims/{DOC_A}:c1")["source_entity"] == ENT_NGOMA


def test_contradictions_and_sources(rich):
    page = get(rich, "/api/contradictions")
    assert ids(page) == [CON_TOLL] and page["items"][0]["a"]["doc_id"] == DOC_A
    assert ids(get(rich, f"/api/contradictions?doc={DOC_B}")) == [CON_TOLL]
    assert get(rich, "/api/contradictions?kind=polarity")["total"] == 0
    src = {s["name"]: s for s in get(rich, "/api/sources?limit=100")["items"]}
    assert src["Kivu Dispatch"]["kinds"] == ["outlet"] and src["FARDC"]["claims"] == 1
    assert get(rich, "/api/sources?kind=outlet")["total"] == 2


def test_relations(rich):
    page = get(rich, "/api/relations")
    assert [(r["id"], r["subject_id"], r["predicate"], r["object_id"]) for r in page["items"]] == [(f"{DOC_A}:r0", ENT_NGOMA, "spokesperson_of", ENT_M23)]


def test_graph_nodes_and_edges(rich):
    g = get(rich, "/api/graph")
    assert [n["id"] for n in g["nodes"]] == [ENT_FARDC, ENT_M23, ENT_NGOMA]  # most mentioned first
    edges = {(e["kind"], e["label"], e["source"], e["target"]): e["refs"] for e in g["edges"]}
    assert edges == {
        ("relation", "spokesperson_of", ENT_NGOMA, ENT_M23): [f"{DOC_A}:r0"],
        ("event", "Battles", ENT_M23, ENT_FARDC): [EVT_CLASH],
        ("claim", "claims about", ENT_NGOMA, ENT_FARDC): [f"{DOC_A}:c1"],
    }
    only = get(rich, "/api/graph?kinds=event&types=org")
    assert [n["id"] for n in only["nodes"]] == [ENT_FARDC, ENT_M23] and [e["kind"] for e in only["edges"]] == ["event"]
    assert [n["id"] for n in get(rich, "/api/graph?types=location")["nodes"]] == [ENT_KIRUMBA]
    assert get(rich, "/api/graph?limit=1")["truncated"] is True


@pytest.mark.parametrize(
    "q, kind, expected",
    [
        ("soldiers dead", "document", {DOC_B}),
        ("soldiers", "document", {DOC_A, DOC_B}),
        ("soldiers -residents", "document", {DOC_B}),
        ('"fled the town"', "claim", {f"{DOC_A}:c1"}),
        ("civilians", "event", {EVT_ATTACK}),
        ("killed", "event", {EVT_CLASH}),  # stemming: "killed" in report A
        ("march 23", "entity", {ENT_M23}),
        ("ngoma or thirty", "document", {DOC_A, DOC_B}),  # thirty: in the title of B
        ("zzzunknownzzz", "document", set()),
        ('"unclosed', "document", set()),
        ("NEAR(a b) OR col:x", "document", set()),  # FTS5 syntax is only words here
    ],
)
def test_search(rich, q, kind, expected):
    res = get(rich, f"/api/search?q={q}&kind={kind}")
    assert {h["id"] for h in res["items"]} == expected and res["total"] == len(expected)
    for h in res["items"]:
        for s, e in h["marks"]:
            assert 0 <= s < e <= len(h["snippet"])


def test_search_marks_the_matched_words(rich):
    res = get(rich, "/api/search?q=soldiers&kind=document")
    for h in res["items"]:
        assert {h["snippet"][s:e].lower() for s, e in h["marks"]} == {"soldiers"}
    everything = get(rich, "/api/search?q=kirumba")
    assert everything["totals"]["entity"] == 1 and everything["total"] == sum(everything["totals"].values())
    assert [h["kind"] for h in everything["items"]][0] == "entity"


# ---------------------------------------------------------- pagination


@pytest.mark.parametrize("endpoint", ["/api/documents", "/api/entities", "/api/events", "/api/claims", "/api/sources"])
def test_pages_cover_every_row_once(rich, endpoint):
    whole = get(rich, f"{endpoint}?limit=500")
    key = "name" if endpoint == "/api/sources" else "id"
    seen = []
    for offset in range(0, whole["total"] + 1, 1):
        page = get(rich, f"{endpoint}?limit=1&offset={offset}")
        assert page["total"] == whole["total"] and page["limit"] == 1 and page["offset"] == offset
        seen += [x[key] for x in page["items"]]
    assert seen == [x[key] for x in whole["items"]] and len(seen) == whole["total"]


def test_limit_zero_gives_the_total_only(rich):
    page = get(rich, "/api/claims?limit=0")
    assert page["items"] == [] and page["total"] == 4


def test_entity_detail_lists_are_capped_with_totals(rich_url, monkeypatch):
    import newsfusion.store.web_entities as we
    from conftest import client_for

    monkeypatch.setattr(we, "DETAIL_LIMIT", 1)
    with client_for(rich_url) as c:
        e = get(c, f"/api/entities/{ENT_FARDC}")
        assert (len(e["claims_about"]), e["totals"]["claims_about"]) == (1, 3)
        assert (len(e["events"]), e["totals"]["events"]) == (1, 2) and (len(e["members"]), e["totals"]["members"]) == (1, 2)
        page = c.get(f"/entities/{ENT_FARDC}").text
        assert "the first 1 of 3" in page and f'href="/claims?entity={ENT_FARDC}&amp;role=about"' in page


def test_openapi_describes_every_endpoint_with_resolvable_schemas(rich):
    import json as _json

    spec = get(rich, "/openapi.json")
    paths = set(spec["paths"])
    for p in ("/api/status", "/api/documents", "/api/documents/{doc_id}", "/api/entities", "/api/entities/{entity_id}", "/api/events", "/api/events/{event_id}",
              "/api/claims", "/api/claims/{claim_id}", "/api/contradictions", "/api/sources", "/api/relations", "/api/graph", "/api/search",
              "/api/entities/merge", "/api/entities/{entity_id}/split", "/api/entities/{entity_id}/rename", "/api/sources/rate"):
        assert p in paths, p
    assert not any(p.startswith(("/entities", "/documents", "/static")) for p in paths)  # pages are not API
    comps = spec["components"]["schemas"]
    refs = set(re.findall(r'"#/components/schemas/([^"]+)"', _json.dumps(spec)))
    assert refs <= set(comps) and {"EntityItem", "EventItem", "ClaimItem", "Error", "SearchHit"} <= set(comps)
    ok = spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok["properties"]["items"]["items"] == {"$ref": "#/components/schemas/EventItem"}
    assert spec["paths"]["/api/events"]["get"]["responses"]["400"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
