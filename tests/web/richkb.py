"""A small hand-built knowledge base with every kind of row, for the web tests.

The demo corpus has no events, relations or contradictions yet (those stages
are being written), so the API and pages are also tested on this KB: two
invented reports of one clash (12 vs 30 killed), a denied attack on
civilians, a spokesman's claim, a relation, a geolocated place, a fused
event with a grade and reasons, and a contradiction between the two reports.
The knowledge-base tables are written directly (``Store.replace_kb``) so the
tests do not depend on what the corpus steps do today. Every span is computed
from the text, never typed in.
"""

from __future__ import annotations

from newsfusion.model import Article
from newsfusion.resolve import CorpusState, Grade, KBContradiction, KBEntity, KBEvent
from newsfusion.store import Store

TEXT_A = (
    "M23 rebels seized Kirumba on Tuesday after clashes with the FARDC that killed 12 soldiers, residents said. "
    "M23 spokesman Willy Ngoma said the FARDC had fled the town."
)
TEXT_B = (
    "Fighting between the March 23 Movement and the army in Kirumba on Tuesday left 30 soldiers dead, a local security source said. "
    "The FARDC denied that its troops had attacked civilians in Kirumba."
)
KIRUMBA_GEO = {"lat": -0.5297, "lon": 29.1787, "country": "CD", "admin1": "North Kivu", "precision": 1}

ART_A = Article(TEXT_A, title="M23 seizes Kirumba", author="Amani Kato", outlet="Kivu Dispatch", published="2025-10-15", name="rich_a")
ART_B = Article(TEXT_B, title="Thirty soldiers dead in Kirumba", author=None, outlet="Great Lakes Monitor", published="2025-10-16", name="rich_b")
DOC_A, DOC_B = ART_A.content_hash, ART_B.content_hash

ENT_M23, ENT_FARDC, ENT_KIRUMBA, ENT_NGOMA = "ent_m23", "ent_fardc", "ent_kirumba", "ent_ngoma"
EVT_CLASH, EVT_ATTACK = "evt_clash", "evt_attack"
CON_TOLL = "con_toll"


def span(text: str, part: str, nth: int = 0) -> list[int]:
    """[start, end) of the ``nth`` occurrence of ``part`` in ``text``."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(part, i + 1)
    return [i, i + len(part)]


def _ent(i: int, name: str, type_: str, text: str, forms: list[tuple[str, int]], aliases=(), geo=None) -> dict:
    return {"id": f"e{i}", "name": name, "type": type_, "aliases": list(aliases), "kb_id": None, "kind": None, "country": "CD", "geo": geo,
            "mentions": [span(text, f, n) for f, n in forms]}


def _event(i, type_, sub, actors, targets, location, text, evidence, trigger, fat, sources, status="occurred", start="2025-10-14") -> dict:
    return {"id": f"v{i}", "acled_type": type_, "acled_sub_type": sub, "actors": actors, "targets": targets, "location": location,
            "time_text": "on Tuesday", "time": {"start": start, "end": start, "resolved": True, "note": ""}, "fatalities": {"min": fat, "max": fat},
            "sources": sources, "status": status, "weapon": None, "evidence": evidence, "evidence_span": span(text, evidence), "trigger_span": span(text, trigger), "claims": []}


def _claim(i, text, source, kind, stance, cue, content, evidence, source_text, cue_nth=0) -> dict:
    return {"id": f"c{i}", "source": source, "source_kind": kind, "stance": stance, "cue": cue, "content": content, "evidence": evidence,
            "cue_span": span(text, cue, cue_nth), "content_span": span(text, content), "evidence_span": span(text, evidence), "source_span": span(text, source_text), "resolved_from": None}


def record_a() -> dict:
    t = TEXT_A
    ev = "M23 rebels seized Kirumba on Tuesday after clashes with the FARDC that killed 12 soldiers"
    return {
        "document": {"author": ART_A.author, "outlet": ART_A.outlet, "published": ART_A.published, "title": ART_A.title, "url": None},
        "entities": [
            _ent(0, "M23", "ORG", t, [("M23", 0), ("M23", 1)]),
            _ent(1, "Kirumba", "LOCATION", t, [("Kirumba", 0)], geo=KIRUMBA_GEO),
            _ent(2, "FARDC", "ORG", t, [("FARDC", 0), ("FARDC", 1)]),
            _ent(3, "Willy Ngoma", "PERSON", t, [("Willy Ngoma", 0)]),
        ],
        "events": [_event(0, "Battles", "Armed clash", ["M23"], ["FARDC"], "Kirumba", t, ev, "clashes", 12, ["residents"])],
        "claims": [
            _claim(0, t, "residents", "anonymous", "assert", "said", ev, ev + ", residents said", "residents"),
            _claim(1, t, "Willy Ngoma", "named_person", "assert", "said", "the FARDC had fled the town", "M23 spokesman Willy Ngoma said the FARDC had fled the town", "Willy Ngoma", cue_nth=1),
        ],
        "relations": [{"subject": "Willy Ngoma", "predicate": "spokesperson_of", "object": "M23", "evidence": "M23 spokesman Willy Ngoma", "evidence_span": span(t, "M23 spokesman Willy Ngoma"), "claim": None}],
        "contradictions": [],
    }


def record_b() -> dict:
    t = TEXT_B
    ev0 = "Fighting between the March 23 Movement and the army in Kirumba on Tuesday left 30 soldiers dead"
    ev1 = "The FARDC denied that its troops had attacked civilians in Kirumba"
    return {
        "document": {"author": None, "outlet": ART_B.outlet, "published": ART_B.published, "title": ART_B.title, "url": None},
        "entities": [
            _ent(0, "March 23 Movement", "ORG", t, [("March 23 Movement", 0)]),
            _ent(1, "FARDC", "ORG", t, [("army", 0), ("FARDC", 0)], aliases=["army"]),
            _ent(2, "Kirumba", "LOCATION", t, [("Kirumba", 0), ("Kirumba", 1)], geo=KIRUMBA_GEO),
        ],
        "events": [
            _event(0, "Battles", "Armed clash", ["March 23 Movement"], ["FARDC"], "Kirumba", t, ev0, "Fighting", 30, ["local security source"]),
            _event(1, "Violence against civilians", "Attack", ["FARDC"], [], "Kirumba", t, ev1, "attacked", None, ["FARDC"], status="denied"),
        ],
        "claims": [
            _claim(0, t, "local security source", "anonymous", "assert", "said", ev0, ev0 + ", a local security source said", "a local security source"),
            _claim(1, t, "FARDC", "named_org", "deny", "denied", "that its troops had attacked civilians in Kirumba", ev1, "The FARDC"),
        ],
        "relations": [],
        "contradictions": [],
    }


def kb_state(store: Store) -> CorpusState:
    """The knowledge base the corpus steps could have built from the two records."""
    state = store.load_state()
    state.entities = [
        KBEntity(ENT_M23, "M23", "ORG", ["March 23 Movement"], [(DOC_A, "e0"), (DOC_B, "e0")], kind="armed_group", merges=[{"a": "M23", "b": "March 23 Movement", "rule": "acronym", "score": 1.0}]),
        KBEntity(ENT_FARDC, "FARDC", "ORG", ["army"], [(DOC_A, "e2"), (DOC_B, "e1")], kind="state_force"),
        KBEntity(ENT_KIRUMBA, "Kirumba", "LOCATION", [], [(DOC_A, "e1"), (DOC_B, "e2")], geo=KIRUMBA_GEO),
        KBEntity(ENT_NGOMA, "Willy Ngoma", "PERSON", [], [(DOC_A, "e3")]),
    ]
    clash_summary = {"latitude": KIRUMBA_GEO["lat"], "longitude": KIRUMBA_GEO["lon"], "country": "CD", "admin1": "North Kivu", "geo_precision": 1}
    state.events = [
        KBEvent(EVT_CLASH, "Battles", "Armed clash", [(DOC_A, "v0"), (DOC_B, "v0")], merges=[{"a": f"{DOC_A}:v0", "b": f"{DOC_B}:v0", "score": 0.91, "reason": "same place, same day, same actors"}], summary=clash_summary),
        KBEvent(EVT_ATTACK, "Violence against civilians", "Attack", [(DOC_B, "v1")]),
    ]
    side_a = {"doc_id": DOC_A, "source": "residents", "evidence": record_a()["events"][0]["evidence"], "evidence_span": record_a()["events"][0]["evidence_span"], "claim": "c0", "event": "v0", "value": 12}
    side_b = {"doc_id": DOC_B, "source": "local security source", "evidence": record_b()["events"][0]["evidence"], "evidence_span": record_b()["events"][0]["evidence_span"], "claim": "c0", "event": "v0", "value": 30}
    state.contradictions = [KBContradiction(CON_TOLL, "soldiers killed in Kirumba", "numeric", side_a, side_b, scope="corpus")]
    state.grades = [
        Grade("event", EVT_CLASH, "B", 2, 2, ["two independent outlets report it", "death tolls differ (12 vs 30)"]),
        Grade("event", EVT_ATTACK, "C", 5, 1, ["one source, and the accused denies it"]),
        *[Grade("claim", f"{d}:c{i}", "F", 6, 0, ["not graded"]) for d in (DOC_A, DOC_B) for i in (0, 1)],
    ]
    return state


def build_rich_kb(url: str) -> None:
    """Store the two articles and write the hand-built knowledge base into ``url``."""
    with Store(url) as store:
        store.add_record(ART_A, record_a(), doc_id=DOC_A)
        store.add_record(ART_B, record_b(), doc_id=DOC_B)
        store.replace_kb(kb_state(store))
