"""Who a claim's source is: invented texts, (text, expected) tables."""

import pytest

from newsfusion.claims.sources import author_name
from newsfusion.model import Article
from newsfusion.pipeline import Pipeline


@pytest.fixture(scope="module")
def ents():
    return Pipeline(["nlp", "entities"])


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Clashes in the north\n\nGAO, March 3 (Reuters) - Two soldiers were killed near Gao, the army said.", "Reuters"),
        ("Clashes in the north\n\nTwo soldiers were killed near Gao, a local official told AFP. A witness told AFP the shooting lasted an hour.", "AFP"),
        ("Clashes in the north\n\nTwo soldiers were killed near Gao, a local official said.\n\n(Xinhua)", "Xinhua"),
        ("Clashes in the north\n\nTwo soldiers were killed near Gao, a local official said.", "author"),
    ],
)
def test_author_from_the_text(ents, text, expected):
    doc = ents(Article(text=text))
    assert expected in author_name(doc)


def test_byline_and_outlet_come_first(ents):
    doc = ents(Article(text="Two soldiers were killed near Gao, a local official told AFP.", outlet="Sahel Post"))
    assert author_name(doc) == "Sahel Post"
    doc = ents(Article(text="Two soldiers were killed.", author="Jane Doe", outlet="Sahel Post"))
    assert author_name(doc) == "Jane Doe"
