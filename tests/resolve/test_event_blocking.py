"""Event fusion scores only candidate pairs: the result equals scoring every pair."""

import random

import pytest

from newsfusion.corpus import EventReport
from newsfusion.events.similarity import lexical
from newsfusion.resolve.events import THRESHOLD, Report, Wording, _order, candidate_pairs, cluster, pair_score

PLACES = [  # (name, admin1, country, lat, lon)
    ("Mopti", "Mopti Region", "ML", 14.49, -4.19), ("Sevare", "Mopti Region", "ML", 14.53, -4.10),
    ("Mopti Region", None, "ML", None, None), ("Djenne", "Mopti Region", "ML", 13.90, -4.55),
    ("Gao", "Gao Region", "ML", 16.27, -0.04), ("north of Gao", None, "ML", None, None),
    ("Tromso", "Troms", "NO", 69.65, 18.96), ("Tromsdalen", "Troms", "NO", 69.64, 19.01),
    ("Suva", "Central", "FJ", -18.14, 178.44), ("Lami", "Central", "FJ", -18.11, -179.99),
    ("Alpha", "East", "XX", 10.00, 20.00), ("Bravo", "West", "XX", 10.10, 20.12), ("Charlie", None, "XX", 10.24, 20.26),
    ("Eastpoint", "Dateline", "FJ", -18.10, 179.95), ("Westpoint", "Other", "FJ", -18.10, -179.95), ("Polar", "Nordland", "NO", 69.70, 19.40),
    ("Springfield", None, None, None, None), (None, None, None, None, None),
]
KINDS = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence"),
         ("Strategic developments", "Arrests"), ("Battles", "Non-state actor overtakes territory")]
WORDS = "gunmen attacked village market soldiers killed civilians airstrike hit base protesters marched police arrested".split()


def _reports(n_docs: int, seed: int, ingested: bool = False) -> list[Report]:
    """Random reports; with ``ingested``, articles without a publication date get an ingest day."""
    rnd = random.Random(seed)
    out = []
    for d in range(n_docs):
        for v in range(rnd.randint(1, 3)):
            name, admin1, country, lat, lon = rnd.choice(PLACES)
            typ, sub = rnd.choice(KINDS)
            day = rnd.choice([None, 1, 2, 3, 5, 9, 20])
            start = f"2026-03-{day:02d}" if day else None
            geo = {"admin1": admin1, "country": country, "lat": lat, "lon": lon} if (admin1 or lat is not None) else None
            ev = EventReport(id=f"v{v}", acled_type=typ, acled_sub_type=sub, status=rnd.choice(["occurred"] * 5 + ["planned"]),
                             location=name, evidence=" ".join(rnd.sample(WORDS, 5)))
            people = {rnd.choice(["w:army", "w:rebels", "w:police", "ent_x"]) for _ in range(rnd.randint(0, 2))}
            pub = rnd.choice(["", f"2026-0{rnd.randint(1, 6)}-{rnd.randint(1, 28):02d}"])
            ing = f"2026-0{rnd.randint(1, 6)}-{rnd.randint(1, 28):02d}" if ingested and not pub else ""
            out.append(Report(f"d{d:03d}", f"v{v}", ev, pub, (name or "").lower(), geo,
                              rnd.choice([None, None, f"ent_{name}"]) if name else None, start, start, people, {p: p for p in people}, ing))
    return out


def _all_pairs(reports, sim):
    """The reference: every pair scored, as fusion did before candidates."""
    pairs, hard = [], set()
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            a, b = reports[i], reports[j]
            if a.doc_id == b.doc_id:
                hard.add((i, j))
                continue
            score, why = pair_score(a, b, sim.score(i, j), sim.method)
            if score is None:
                hard.add((i, j))
            elif score >= THRESHOLD:
                pairs.append((score, i, j, why))
    pairs.sort(key=lambda p: (-p[0], reports[p[1]].key, reports[p[2]].key))
    owner, members, merges = list(range(len(reports))), {i: [i] for i in range(len(reports))}, []
    for score, i, j, why in pairs:
        ci, cj = owner[i], owner[j]
        if ci == cj or any((min(x, y), max(x, y)) in hard for x in members[ci] for y in members[cj]):
            continue
        for x in members[cj]:
            owner[x] = ci
        members[ci] += members.pop(cj)
        merges.append({"a": reports[i].label, "b": reports[j].label, "score": score, "reason": why})
    return [sorted(m, key=lambda k: _order(reports[k])) for m in members.values()], merges


@pytest.mark.parametrize("ingested", [False, True])
def test_candidates_hold_every_pair_that_can_merge(ingested):
    reports = _reports(60, 1, ingested)
    sim = Wording([r.rec.evidence for r in reports], use_embeddings=False)
    cands = candidate_pairs(reports)
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            if reports[i].doc_id != reports[j].doc_id and pair_score(reports[i], reports[j], sim.score(i, j), sim.method)[0] is not None:
                assert (i, j) in cands, (reports[i].rec, reports[j].rec)
    assert len(cands) < len(reports) * (len(reports) - 1) / 2  # and far from all pairs


@pytest.mark.parametrize("ingested", [False, True])
def test_blocked_clustering_equals_all_pairs(ingested):
    for seed in range(5):
        reports = _reports(50, seed, ingested)
        sim = Wording([r.rec.evidence for r in reports], use_embeddings=False)
        assert cluster(reports, sim) == _all_pairs(reports, sim)


def test_lexical_wording_matches_the_similarity_figure():
    sim = Wording(["gunmen attacked the market", "gunmen stormed the market"], use_embeddings=False)
    assert sim.method.startswith("lexical")
    assert sim.raw(0, 1) == lexical("gunmen attacked the market", "gunmen stormed the market")


def test_reports_without_dates_published_months_apart_stay_apart():
    ev = EventReport(id="v0", acled_type="Battles", acled_sub_type="Armed clash", location="Alpha", evidence="gunmen attacked")
    a = Report("d1", "v0", ev, "2026-01-05", "alpha", None, None, None, None)
    b = Report("d2", "v0", ev, "2026-03-20", "alpha", None, None, None, None)
    c = Report("d3", "v0", ev, "2026-01-20", "alpha", None, None, None, None)
    assert pair_score(a, b, 1.0, "test")[0] is None
    assert pair_score(a, c, 1.0, "test")[0] is not None
    assert candidate_pairs([a, b, c]) == {(0, 2)}


EV = EventReport(id="v0", acled_type="Battles", acled_sub_type="Armed clash", location="Alpha", evidence="gunmen attacked")


@pytest.mark.parametrize("published, ingested, other_published, other_ingested, merges", [
    ("", "2026-03-10", "2026-03-14", "", True),     # an undated article ingested 4 days from the other's publication
    ("", "2026-03-10", "2026-03-30", "", False),    # 20 days: within the 30 of two published articles, not the 7 of an ingest day
    ("", "2026-03-10", "", "2026-03-16", True),     # two undated articles ingested in the same week
    ("", "2026-03-10", "", "2026-05-10", False),    # ... or two months apart
    ("", "", "2026-03-30", "", True),               # no ingest day known (a record outside the store): no bound, as before
    ("2026-03-10", "", "2026-03-30", "", True),     # two published articles: the 30-day window
])
def test_undated_article_is_dated_by_its_ingest_day(published, ingested, other_published, other_ingested, merges):
    a = Report("d1", "v0", EV, published, "alpha", None, None, None, None, ingested=ingested)
    b = Report("d2", "v0", EV, other_published, "alpha", None, None, None, None, ingested=other_ingested)
    assert (pair_score(a, b, 1.0, "test")[0] is not None) is merges
    if merges:
        assert candidate_pairs([a, b]) == {(0, 1)}


def test_undated_copies_meet_only_their_week():
    """Undated reports of undated articles ingested one a week: each meets its neighbours, not all."""
    from datetime import date, timedelta

    reports = [Report(f"d{k:03d}", "v0", EV, "", "alpha", None, None, None, None, ingested=(date(2026, 1, 1) + timedelta(days=7 * k)).isoformat())
               for k in range(200)]
    assert len(candidate_pairs(reports)) < len(reports) * (len(reports) - 1) / 2 / 4
