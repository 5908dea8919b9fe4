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
