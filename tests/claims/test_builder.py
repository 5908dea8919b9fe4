"""The single entry point that turns (source, cue, content) spans into a claim,
for rules and for a model's proposals alike. Invented sentences."""

import pytest

from newsfusion.claims import ClaimBuilder, attribution_from_spans, extract_claims
from newsfusion.model import Article, Span
from newsfusion.pipeline import Pipeline


@pytest.fixture(scope="module")
def parsed():
    return Pipeline(["nlp", "entities"])


def _span(text, words, start=0):
    i = text.index(words, start)
    return Span(i, i + len(words))


@pytest.mark.parametrize(
    "text,source,cue,content,expected",
    [
        ("The Kenyan army insisted the bridge near Garissa was still standing.",
         "The Kenyan army", "insisted", "the bridge near Garissa was still standing",
         ("named_org", "assert")),
        ("Two nurses at the clinic rejected the figures given by the governor.",
         "Two nurses at the clinic", "rejected", "the figures given by the governor",
         ("anonymous", "deny")),
        ("The convoy was possibly hit by a drone, the mayor's office hinted.",
         None, "possibly", "The convoy was possibly hit by a drone",
         ("author", "hedge")),
    ],
)
def test_from_spans(parsed, text, source, cue, content, expected):
    doc = parsed(Article(text=text))
    b = ClaimBuilder(doc)
    c = b.from_spans(_span(text, source) if source else None, _span(text, cue), _span(text, content), rule="model")
    assert (c.source_kind, c.stance) == expected
    assert c.rule == "model"
    assert doc.span_text(c.cue) == cue
    assert doc.span_text(c.evidence).find(cue) >= 0


def test_proposal_joins_rule_claims_and_resolves_pronouns(parsed):
    text = ("General Abel Keita said the rebels had withdrawn from the valley. "
            "He reckoned that the road would reopen within a week.")
    doc = parsed(Article(text=text))
    rules_only = extract_claims(doc)
    assert [doc.span_text(c.cue) for c in rules_only] == ["said"]
    prop = attribution_from_spans(doc, _span(text, "He"), _span(text, "reckoned"),
                                  _span(text, "the road would reopen within a week"), rule="model")
    claims = extract_claims(doc, proposals=[prop])
    assert [doc.span_text(c.cue) for c in claims] == ["said", "reckoned"]
    assert claims[1].source == "Abel Keita" and claims[1].source_kind == "named_person"
    assert claims[1].resolved_from == "he"


def test_proposal_on_a_rule_cue_is_dropped(parsed):
    text = "Police said three men were arrested at the market."
    doc = parsed(Article(text=text))
    prop = attribution_from_spans(doc, None, _span(text, "said"), _span(text, "three men were arrested"))
    claims = extract_claims(doc, proposals=[prop])
    assert len(claims) == 1 and claims[0].source_kind != "author"


def test_an_odd_parse_loses_its_sentence_not_the_article(parsed, monkeypatch):
    """A rule that fails on one sentence: in production the other sentences
    keep their claims and the article a warning; strict runs raise."""
    from newsfusion.claims import detect

    text = "Residents said the market burned. The weird sentence is here. The governor said two shops were looted."
    doc = parsed(Article(text=text))
    real = detect.Finder.adjective_cue

    def broken(self, tok, sent, s):
        if "weird" in sent.text:
            raise IndexError("boom")
        return real(self, tok, sent, s)

    monkeypatch.setattr(detect.Finder, "adjective_cue", broken)
    monkeypatch.setenv("NEWSFUSION_STRICT", "0")
    claims = extract_claims(doc)
    assert [c.source for c in claims] == ["Residents", "governor"]
    assert any("skipped" in w for w in doc.warnings)
    monkeypatch.setenv("NEWSFUSION_STRICT", "1")
    with pytest.raises(IndexError):
        extract_claims(doc)
