"""Stance from invented sentences: (text, stances of the claims in order)."""

import pytest

from newsfusion.claims.stance import stance_of
from newsfusion.model import Article
from newsfusion.pipeline import Pipeline

CASES = [
    ("The army said it could not confirm the number of casualties.", ["hedge"]),
    ("A police spokesman said the cause of the blast was not yet known.", ["hedge"]),
    ("Investigators suspect that the fire at the depot was started deliberately.", ["hedge"]),
    ("The governor said the gunmen were suspected of links to a local gang.", ["hedge"]),
    ("The rebels said the casualty figures were inflated.", ["deny"]),
    ("However, the ministry said the detained men were not soldiers.", ["deny"]),
    ("The spokesman said the accusation was baseless, adding that the two commanders are alive and well.", ["deny", "deny"]),
    ("The group believes the ceasefire will hold.", ["assert"]),
    ("The governor denied the report and accused the opposition of spreading panic.", ["deny", "assert"]),
    ("The ministry said three soldiers were killed.", ["assert"]),
]


@pytest.fixture(scope="module")
def claims_pipe():
    return Pipeline(["nlp", "entities", "claims"])


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_stance(claims_pipe, text, expected):
    doc = claims_pipe(Article(text=text))
    assert [c.stance for c in doc.claims] == expected, [(doc.span_text(c.cue), c.stance) for c in doc.claims]


@pytest.mark.parametrize(
    "content,expected",
    [
        ("the toll is exaggerated", "deny"),
        ("the number of dead is not known", "hedge"),
        ("the attackers may have crossed from Niger", "hedge"),
        ("the attackers crossed from Niger", "assert"),
    ],
)
def test_stance_of_content(content, expected):
    assert stance_of("say", "assert", False, content, "", False, []) == expected
