"""Per-article indexes of the contradiction rules: computed once, rebuilt when the lists change."""

from hypothesis import given
from hypothesis import strategies as st

from newsfusion.contradictions.common import entities_in, memo
from newsfusion.model import Article, Doc, Mention, Span


def test_memo_is_rebuilt_when_a_list_changes():
    doc = Doc(Article(text="x" * 50))
    calls = []

    def build(d):
        calls.append(1)
        return len(d.mentions)

    assert memo(doc, "n", build) == 0 and memo(doc, "n", build) == 0 and len(calls) == 1
    doc.mentions.append(Mention(Span(0, 3), "xxx", "ORG", 0))
    assert memo(doc, "n", build) == 1 and len(calls) == 2
    doc.mentions = []
    assert memo(doc, "n", build) == 0 and len(calls) == 3


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6), st.one_of(st.none(), st.integers(0, 4))), max_size=25),
       st.integers(0, 45), st.integers(0, 20))
def test_entities_in_equals_a_scan(mentions, start, width):
    doc = Doc(Article(text="x" * 60))
    doc.mentions = [Mention(Span(s, s + w), "x" * w, "ORG", e) for s, w, e in mentions]
    span = Span(start, start + width)
    assert entities_in(doc, span) == {m.entity for m in doc.mentions if m.entity is not None and span.contains(m.span)}


# -- the per-claim and per-figure indexes that keep long articles linear, against the plain scans they replaced

import re
from pathlib import Path
from types import SimpleNamespace

from newsfusion.contradictions import common, denials, numeric

from test_length_scaling import invented_article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _speaker_scan(doc, c1, c2) -> bool:
    """same_speaker as it read every claim's source again for each pair (before the per-claim memo)."""
    if c1.source_entity is not None and c1.source_entity == c2.source_entity:
        return True
    n1, n2 = common._name(c1.source), common._name(c2.source)
    if n1 == n2 or (c1.source_kind == c2.source_kind == "author"):
        return True
    t1, t2 = doc.span_text(c1.source_span).lower(), doc.span_text(c2.source_span).lower()
    for t, other in ((t1, n2), (t2, n1)):
        w = t.split()
        if len(w) == 2 and w[0] in ("the", "this", "that") and w[1] in other.split():
            return True
    w1, w2 = set(n1.split()), set(n2.split())
    small = min((w1, w2), key=len)
    if (w1 <= w2 or w2 <= w1) and small - common.GENERIC_SOURCES:
        return True
    e1 = entities_in(doc, c1.source_span) if c1.source_span is not None else set()
    e2 = entities_in(doc, c2.source_span) if c2.source_span is not None else set()
    if e1 & e2 and not common._persons(doc, e1 ^ e2):
        return True
    a, b = c1.source_entity, c2.source_entity
    return a is not None and b is not None and frozenset((a, b)) in common._same_side(doc)


def _anaphoric_scan(doc, d):
    """_anaphoric_target as it listed every claim before the denial (before the nearest-first search)."""
    deny = doc.claims[d]
    content = doc.span_text(deny.content)
    m = denials._ANAPHORIC.search(content)
    if m is None or len(content.split()) > 25 or deny.cue is None:
        return None
    before = [i for i, c in enumerate(doc.claims) if i != d and c.cue and c.cue.start < deny.cue.start
              and not _speaker_scan(doc, c, deny) and not denials.denies(doc, c) and c.source_kind != "author"
              and not denials.part_of_denial(doc, i)]
    owner = re.match(r"([A-Z][\w-]+)['’]", m.group(0))
    if owner:
        who = owner.group(1).lower()
        before = [i for i in before if who in (doc.claims[i].source + " " + doc.span_text(doc.claims[i].source_span)).lower()]
    if not before:
        return None
    if not re.search(r"accus|alleg|charge", m.group(0), re.I):
        return before[-1]
    best = max(denials._accusing(doc, doc.claims[i]) for i in before)
    return None if best == 0 else [i for i in before if denials._accusing(doc, doc.claims[i]) == best][-1]


ANAPHORIC = [
    "Rebels of the Northern Front accused the army of shelling a market in Kavala, killing 12 people. "
    "Police said the Front had attacked a checkpoint. The army rejected these accusations, the defence "
    "ministry said on Monday.",
    "Residents said soldiers had burned homes in Tessa. The governor said the army had killed 30 civilians. "
    "A military spokesman dismissed the allegations as lies. \"That report is false,\" he added.",
]


def _docs(pipeline):
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    return [pipeline(Article(text=t)) for t in [*texts, *ANAPHORIC, invented_article(6_000, seed=3)]]


def test_memoised_speakers_and_the_nearest_first_denial_target_equal_the_plain_scans(pipeline):
    checked = 0
    for doc in _docs(pipeline):
        claims = doc.claims
        for c1 in claims:
            for c2 in claims:
                assert common.same_speaker(doc, c1, c2) == _speaker_scan(doc, c1, c2)
        for d in range(len(claims)):
            if denials.denies(doc, claims[d]):
                assert denials._anaphoric_target(doc, d) == _anaphoric_scan(doc, d)
                checked += 1
    assert checked >= 5  # the texts hold denials to check


def test_a_claim_replaced_in_place_is_not_read_from_the_speaker_memo(pipeline):
    doc = pipeline(Article(text=ANAPHORIC[0]))
    assert len(doc.claims) >= 2
    first, second = doc.claims[0], doc.claims[1]
    common.same_speaker(doc, first, second)  # builds the memo
    doc.claims[1] = first.__class__(**{**first.__dict__})  # another object, the same length of list
    assert common.same_speaker(doc, doc.claims[1], first)  # read afresh: the copy's source is the first's


def _holds_scan(events, s) -> set[int]:
    return {i for i, e in enumerate(events) if not e.background and s.figure.text in e.fatalities.text.split("; ")
            and s.value in e.fatalities.breakdown.values()}


@given(st.lists(st.tuples(st.booleans(), st.lists(st.sampled_from(["5", "12", "at least 5", "dozens"]), max_size=3),
                          st.dictionaries(st.sampled_from(["civilians", "soldiers"]), st.integers(0, 15), max_size=2)),
                max_size=6),
       st.lists(st.tuples(st.sampled_from(["5", "12", "at least 5", "dozens", "7"]), st.integers(0, 15)), max_size=6))
def test_the_events_holding_each_figure_equal_a_scan_of_every_event(events, figures):
    evs = [SimpleNamespace(background=bg, fatalities=SimpleNamespace(text="; ".join(texts), breakdown=bd))
           for bg, texts, bd in events]
    figs = [SimpleNamespace(figure=SimpleNamespace(text=t), value=v) for t, v in figures]
    held = numeric._holding_events(SimpleNamespace(events=evs), figs)
    assert [set(h) for h in held] == [_holds_scan(evs, s) for s in figs]
