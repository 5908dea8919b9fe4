"""The attribute ruler's indexed match gives spaCy's matches and annotations (stages/attribute_ruler.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from newsfusion.config import settings
from newsfusion.stages.attribute_ruler import IndexedMatch, index_attribute_ruler

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"
SHARED = Path(__file__).resolve().parents[2] / "shared"

EDGE = [
    "Y'all gonna see it, ain't that right? Gotta go. Let's c'mon, it's nothin' -- y' all know.",
    "There is a man. There were two, there's three and there're four.  \n\n  Is n't it?",
    "He's been told; she'd gone; they've come.   The cat, which was grey, sat.\n\n\n",
    "",
    "A",
]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    devset = SHARED / "devset" / "articles"
    if devset.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(devset.glob("*.txt"))]
    return texts + EDGE


@pytest.fixture(scope="module")
def shipped():
    return spacy.load(settings().spacy_model)


def test_the_indexed_match_gives_the_rulers_matches(shipped):
    ruler = shipped.get_pipe("attribute_ruler")
    indexed = IndexedMatch(ruler)
    assert not len(indexed.rest)  # every rule of the English model is indexed
    checked = 0
    for doc in shipped.pipe(_texts(), disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert indexed(doc) == sorted(set(ruler.match(doc)))
        checked += len(doc)
    assert checked > 3_000


def test_the_annotations_are_the_shipped_models(shipped):
    fast = spacy.load(settings().spacy_model)
    assert index_attribute_ruler(fast)
    texts = _texts()
    for a, b in zip(shipped.pipe(texts), fast.pipe(texts)):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in a] == \
               [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in b]


def test_rules_in_other_forms_are_left_to_a_matcher(shipped):
    """A ruler with rules of every form the index reads and some it does not (operators,
    other attributes): the same matches as spaCy's, the others run by the fallback Matcher."""
    nlp = spacy.load(settings().spacy_model, exclude=["attribute_ruler", "lemmatizer", "ner"])
    ruler = nlp.add_pipe("attribute_ruler", name="custom")
    ruler.add_patterns([
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"LOWER": {"IN": ["the", "a"]}, "TAG": "DT"}]], "attrs": {"POS": "DET"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["NN", "DT"]}, "DEP": {"IN": ["nsubj", "dobj"]}}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": {"REGEX": "^th"}}, {"TAG": "NN"}]], "attrs": {"LEMMA": "x"}, "index": 1},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
        {"patterns": [[{"TAG": {"REGEX": "^VB"}}]], "attrs": {"POS": "VERB"}},
        {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"POS": "ADV"}},  # an operator
        {"patterns": [[{"LENGTH": 3}]], "attrs": {"LEMMA": "three"}},  # an attribute the index does not read
        {"patterns": [[{"DEP": "punct"}], [{"ORTH": "!"}]], "attrs": {"POS": "PUNCT"}},  # one of each in a rule
    ])
    indexed = IndexedMatch(ruler)
    assert len(indexed.rest) == 3
    texts = ["The very very big dog ate the bone!  It was very old.", "This thing is the best thing.\n\nThe end!", *EDGE]
    kinds = set()
    for doc in nlp.pipe(texts, disable=["custom"]):
        matches = indexed(doc)
        assert matches == sorted(set(ruler.match(doc)))
        kinds |= {attr_id for attr_id, _, _, _ in matches}
    assert kinds == set(range(9))  # every rule matched somewhere


def test_rules_added_after_indexing_are_matched():
    nlp = spacy.load(settings().spacy_model)
    assert index_attribute_ruler(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    assert nlp("The cat sat.")[1].pos_ == "NOUN"
    ruler.add([[{"LOWER": "cat"}]], {"POS": "PROPN"})
    assert nlp("The cat sat.")[1].pos_ == "PROPN"
