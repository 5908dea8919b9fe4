"""Doc.sentence_of and Doc.entity_at answer as a scan does, from indexes built once per article."""

from hypothesis import given
from hypothesis import strategies as st

from newsfusion.model import Article, Doc, Span


def scan(sentences, span):
    return next((s for s in sentences if s.start <= span.start < s.end), None)


@given(st.lists(st.integers(0, 5), min_size=1, max_size=20), st.integers(-2, 80))
def test_sentence_of_in_order(gaps, at):
    sentences, pos = [], 0
    for g in gaps:  # sentences of 3 characters with gaps of 0-5 between them
        sentences.append(Span(pos + g, pos + g + 3))
        pos += g + 3
    doc = Doc(Article(text="x" * (pos + 5)))
    doc.sentences = sentences
    assert doc.sentence_of(Span(at, at + 1)) == scan(sentences, Span(at, at + 1))


def test_sentence_of_follows_a_new_sentence_list_and_falls_back_when_out_of_order():
    doc = Doc(Article(text="x" * 40))
    doc.sentences = [Span(0, 10), Span(10, 20)]
    assert doc.sentence_of(Span(12, 13)) == Span(10, 20)
    doc.sentences = [Span(10, 20), Span(0, 12)]  # overlapping and out of order: the first that holds it
    assert doc.sentence_of(Span(11, 12)) == Span(10, 20)
    assert doc.sentence_of(Span(5, 6)) == Span(0, 12)
    doc.sentences.append(Span(20, 30))  # grown in place
    assert doc.sentence_of(Span(25, 26)) == Span(20, 30)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8), st.one_of(st.none(), st.integers(0, 3))), max_size=25),
       st.integers(0, 45), st.integers(0, 10))
def test_entity_at_equals_a_scan(mentions, start, width):
    from newsfusion.model import Mention

    doc = Doc(Article(text="x" * 60))
    doc.mentions = [Mention(Span(s, s + w), "x" * w, "ORG", e) for s, w, e in mentions]
    span = Span(start, start + width)
    best, best_len = None, 0
    for m in doc.mentions:
        if m.entity is not None and m.span.overlaps(span):
            ov = min(m.span.end, span.end) - max(m.span.start, span.start)
            if ov > best_len:
                best, best_len = m.entity, ov
    assert doc.entity_at(span) == best
