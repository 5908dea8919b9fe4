"""A fatality figure no single incident can reach is flagged on the event, never stored as its toll."""

import pytest

from newsfusion.resolve import CorpusState, run_steps
from newsfusion.resolve.base import MAX_INCIDENT_FATALITIES, plausible_toll
from newsfusion.store.kbrows import event_rows


@pytest.mark.parametrize("value, toll", [(0, 0), (17, 17), (MAX_INCIDENT_FATALITIES, MAX_INCIDENT_FATALITIES),
                                         (99_000_000, None), (40_000, None), (None, None), (-3, None), ("12", 12)])
def test_plausible_toll(value, toll):
    assert plausible_toll(value) == toll


def _doc(doc_id, fat, evidence):
    ev = {"id": "v0", "acled_type": "Violence against civilians", "acled_sub_type": "Attack", "location": "Kalongo", "actors": ["poachers"],
          "targets": ["elephants"], "fatalities": fat, "sources": ["Radio Lake"], "evidence": evidence, "status": "occurred", "claims": []}
    return {"doc_id": doc_id, "document": {"outlet": "Radio Lake"}, "entities": [], "claims": [], "relations": [], "events": [ev], "contradictions": []}


def test_an_implausible_toll_is_flagged_not_stored():
    s = CorpusState(docs=[_doc("d1", {"min": 99_000_000, "max": 99_000_000}, "poaching has killed 99,000,000 elephants")])
    s, results = run_steps(s, ["entities", "events", "contradictions"])
    assert all(r.ok for r in results)
    ev = s.events[0]
    assert ev.summary["fatalities"][0]["min"] is None and ev.summary["fatalities"][0]["max"] is None
    assert ev.summary["warnings"] and "99,000,000" in ev.summary["warnings"][0]
    rows, _ = event_rows(s)
    assert rows[0]["fatalities_min"] is None and rows[0]["fatalities_max"] is None


def test_a_plausible_toll_is_kept():
    s = CorpusState(docs=[_doc("d1", {"min": 12, "max": 12}, "gunmen killed 12 villagers")])
    s, _ = run_steps(s, ["entities", "events"])
    assert "warnings" not in s.events[0].summary
    rows, _ = event_rows(s)
    assert (rows[0]["fatalities_min"], rows[0]["fatalities_max"]) == (12, 12)
