"""Event fusion across articles on hand-built records, and on the demo corpus.

The hand-built records use the lexical similarity (embeddings off) so that they
run without the model; one test checks the embedding model when it is installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfusion.events.similarity import Similarity, _load_model
from newsfusion.resolve import CorpusState, run_steps

GOMA = {"lat": -1.6792, "lon": 29.2228, "country": "CD", "admin1": "Nord-Kivu", "precision": 1}
SAKE = {"lat": -1.5736, "lon": 29.0450, "country": "CD", "admin1": "Nord-Kivu", "precision": 1}   # ~23 km from Goma
BUNIA = {"lat": 1.5594, "lon": 30.2522, "country": "CD", "admin1": "Ituri", "precision": 1}


def record(doc_id, events, places=(), published="2025-10-15"):
    ents = [{"id": f"e{i}", "name": name, "type": "LOCATION", "aliases": [], "geo": geo} for i, (name, geo) in enumerate(places)]
    return {"doc_id": doc_id, "document": {"published": published}, "entities": ents, "claims": [], "relations": [],
            "contradictions": [], "events": events}


def event(i, sub, place, evidence, start="2025-10-14", actors=(), targets=(), fat=(None, None), acled_type="Battles", status="occurred"):
    return {"id": f"v{i}", "acled_type": acled_type, "acled_sub_type": sub, "actors": list(actors), "targets": list(targets),
            "location": place, "time": {"start": start, "end": start} if start else None, "time_text": None,
            "fatalities": {"min": fat[0], "max": fat[1]}, "sources": ["someone"], "status": status, "evidence": evidence}


@pytest.fixture(autouse=True)
def words_only(monkeypatch):
    monkeypatch.setenv("NEWSFUSION_EMBEDDINGS", "off")


def fuse(*docs):
    state, results = run_steps(CorpusState(docs=list(docs)), ["entities", "events"])
    assert all(r.ok for r in results), results
    return state.events


CLASH_A = "M23 rebels clashed with government troops near Goma on Tuesday, killing 12 soldiers"
CLASH_B = "Heavy fighting between M23 rebels and government troops near Goma on Tuesday left at least 30 soldiers dead"


def test_same_event_in_two_articles_is_one_event_with_both_figures():
    a = record("a", [event(0, "Armed clash", "Goma", CLASH_A, actors=["M23"], fat=(12, 12))], [("Goma", GOMA)])
    b = record("b", [event(0, "Armed clash", "Goma", CLASH_B, actors=["M23"], fat=(30, None))], [("Goma", GOMA)])
    evs = fuse(a, b)
    assert len(evs) == 1
    ev = evs[0]
    assert sorted(ev.reports) == [("a", "v0"), ("b", "v0")]
    assert [(f["doc_id"], f["min"], f["max"]) for f in ev.summary["fatalities"]] == [("a", 12, 12), ("b", 30, None)]
    assert len(ev.merges) == 1 and ev.merges[0]["score"] >= 0.55
    assert "same place (Goma)" in ev.merges[0]["reason"] and "lexical" in ev.merges[0]["reason"]


def test_nearby_town_within_25_km_still_merges():
    a = record("a", [event(0, "Armed clash", "Goma", CLASH_A, actors=["M23"])], [("Goma", GOMA)])
    b = record("b", [event(0, "Armed clash", "Sake", CLASH_B.replace("Goma", "Sake"), actors=["M23"])], [("Sake", SAKE)])
    evs = fuse(a, b)
    assert len(evs) == 1 and "km apart" in evs[0].merges[0]["reason"]


def test_different_town_not_merged():
    a = record("a", [event(0, "Armed clash", "Goma", CLASH_A, actors=["M23"])], [("Goma", GOMA)])
    b = record("b", [event(0, "Armed clash", "Bunia", CLASH_B.replace("Goma", "Bunia"), actors=["M23"])], [("Bunia", BUNIA)])
    assert len(fuse(a, b)) == 2


def test_different_week_not_merged():
    a = record("a", [event(0, "Armed clash", "Goma", CLASH_A, actors=["M23"], start="2025-10-14")], [("Goma", GOMA)])
    b = record("b", [event(0, "Armed clash", "Goma", CLASH_B, actors=["M23"], start="2025-10-21")], [("Goma", GOMA)],
               published="2025-10-22")
    assert len(fuse(a, b)) == 2


def test_different_kind_not_merged():
    a = record("a", [event(0, "Armed clash", "Goma", CLASH_A, actors=["M23"])], [("Goma", GOMA)])
    b = record("b", [event(0, "Arrests", "Goma", "Police arrested 12 M23 rebels near Goma on Tuesday", actors=["police"],
                            acled_type="Strategic developments")], [("Goma", GOMA)])
    assert len(fuse(a, b)) == 2


def test_planned_and_occurred_not_merged():
    a = record("a", [event(0, "Peaceful protest", "Goma", "Students marched in Goma on Tuesday", acled_type="Protests")], [("Goma", GOMA)])
    b = record("b", [event(0, "Peaceful protest", "Goma", "Students will march in Goma on Tuesday", acled_type="Protests",
                            status="planned")], [("Goma", GOMA)])
    assert len(fuse(a, b)) == 2


def test_two_events_of_one_article_never_merge():
    a = record("a", [event(0, "Armed clash", "Goma", CLASH_A), event(1, "Armed clash", "Goma", CLASH_A + " again")], [("Goma", GOMA)])
    b = record("b", [event(0, "Armed clash", "Goma", CLASH_B)], [("Goma", GOMA)])
    evs = fuse(a, b)
    assert all(len({d for d, _ in ev.reports}) == len(ev.reports) for ev in evs)
    assert len(evs) == 2


def test_ids_are_stable_across_runs_and_input_order():
    a = record("a", [event(0, "Armed clash", "Goma", CLASH_A, actors=["M23"])], [("Goma", GOMA)], published="2025-10-14")
    b = record("b", [event(0, "Armed clash", "Goma", CLASH_B, actors=["M23"])], [("Goma", GOMA)], published="2025-10-15")
    first = fuse(a, b)
    again = fuse(b, a)
    assert [e.id for e in first] == [e.id for e in again]
    from newsfusion.resolve.base import stable_id

    assert first[0].id == stable_id("evt", "a", "v0")  # the earliest report names the event


def test_lexical_similarity_and_reason():
    sim = Similarity.of(["rebels shelled the town of Goma", "the town of Goma was shelled by rebels", "police arrested a man"],
                        use_embeddings=False)
    assert sim.method.startswith("lexical")
    assert sim.matrix[0][1] > sim.matrix[0][2]


def test_embedding_similarity_when_the_model_is_installed():
    model, why = _load_model()
    if model is None:
        pytest.skip(f"embedding model not loadable here: {why}")
    sim = Similarity.of(["Rebels shelled the town overnight.", "The town came under artillery fire from the rebels during the night.",
                         "The central bank raised interest rates."], use_embeddings=True)
    assert sim.embedded and sim.matrix[0][1] > sim.matrix[0][2] + 0.2


EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
KIRUMBA = ("kirumba_clash_kivu_dispatch.txt", "kirumba_clash_great_lakes_monitor.jsonl")


def test_demo_corpus_two_outlets_one_event(pipeline, monkeypatch):
    """The demo corpus's two reports of the Kirumba fighting are one event with two reports."""
    if not all((EXAMPLES / f).exists() for f in KIRUMBA):
        pytest.skip(f"demo corpus not found in {EXAMPLES}")
    monkeypatch.delenv("NEWSFUSION_EMBEDDINGS", raising=False)
    from newsfusion.export.record import doc_record
    from newsfusion.ingest import read_paths

    articles = [a for a in read_paths([str(EXAMPLES / f) for f in KIRUMBA])]
    docs = [doc_record(d) for d in pipeline.pipe(articles, doc_ids=[Path(f).stem for f in KIRUMBA])]
    evs = fuse(*docs)
    clash = [e for e in evs if e.acled_sub_type == "Armed clash" and len(e.reports) == 2]
    assert len(clash) == 1, [(e.acled_sub_type, e.reports) for e in evs]
    assert {d for d, _ in clash[0].reports} == {Path(f).stem for f in KIRUMBA}
    figures = {(f["min"], f["max"]) for f in clash[0].summary["fatalities"]}
    # kept side by side; the second report: at least 18 soldiers and the bodies of three civilians found
    assert (12, 30) in figures and (21, None) in figures
    taken = [e for e in evs if e.acled_sub_type == "Non-state actor overtakes territory" and len(e.reports) == 2]
    assert len(taken) == 1
