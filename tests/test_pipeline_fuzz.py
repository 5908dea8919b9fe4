"""Property: the whole pipeline survives any article made of newswire pieces.

Every stage runs in strict mode here (conftest sets NEWSFUSION_STRICT=1), so a
crash on odd text fails the test instead of hiding as a warning; and every
extraction keeps pointing into the text.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfusion.model import Article

PIECES = [
    "Hamas", "ISIS", "the army", "al-Shabaab", "Abu", "Al-", "Rafah", "Gaza Strip", "said", "told Reuters",
    "according to", "denied", "claimed responsibility for", "killed", "at least 12", "soldiers", "“", "”", '"',
    "(", ")", "[", "]", ",", ".", "’s", "-", "--", "\n", "\n\n", "Sheikh", "spokesman for", "a", "the", "of",
    "last week", "on Tuesday", "1973", "believed to be", "reportedly", "who", "which", "they", "he", "allied with",
    "pledged allegiance to", "X-controlled", "Ministry of Interior", "North Sinai", "17", "65", "dozens", ":",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60), st.sampled_from([None, "2025-10-15"]))
def test_pipeline_survives_newswire_pieces(pipeline, pieces, published):
    text = " ".join(pieces)
    doc = pipeline(Article(text=text, published=published))
    assert doc.warnings == []
    for m in doc.mentions:
        assert text[m.span.start : m.span.end] == m.text
    for c in doc.claims:
        assert 0 <= c.evidence.start < c.evidence.end <= len(text)
    for r in doc.relations:
        assert 0 <= r.evidence.start <= r.evidence.end <= len(text)
