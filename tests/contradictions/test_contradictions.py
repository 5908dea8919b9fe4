"""In-article contradictions on short reports written for these tests."""

import pytest

from newsfusion.contradictions import find_figures
from newsfusion.model import Article
from newsfusion.pipeline import Pipeline

FIGURES = [
    ("The army said 12 soldiers had been killed.", [("soldiers", 12)]),
    ("Troops killed at least 40 militants near the border.", [("militants", 40)]),
    ("Local sources put the number of dead civilians at 65.", [("civilians", 65)]),
    ("Seventeen of its own soldiers were also killed.", [("soldiers", 17)]),
    ("Dozens of soldiers were killed.", []),
    ("Twelve soldiers were wounded.", []),
]


@pytest.mark.parametrize("text,expected", FIGURES)
def test_figures(text, expected):
    assert [(f.victims, f.value) for f in find_figures(text)] == expected


@pytest.fixture(scope="module")
def pipe():
    return Pipeline()


def test_numeric_dispute_between_sources(pipe):
    doc = pipe(Article(text=(
        "Rebels seized the town of Kirumba on Wednesday. The army said 12 soldiers had been killed in the fighting. "
        "A local security source said at least 30 soldiers had been killed.")))
    nums = [c for c in doc.contradictions if c.kind == "numeric"]
    assert len(nums) == 1
    assert {nums[0].a.value, nums[0].b.value} == {12, 30}
    sources = {nums[0].a.source, nums[0].b.source}
    assert "local security source" in sources
    assert any(s.endswith("army") for s in sources), sources  # "the army", named from the article's country


def test_lower_bound_agrees_with_higher_figure(pipe):
    doc = pipe(Article(text="The army said at least 12 soldiers were killed. A local official said 30 soldiers were killed."))
    assert [c for c in doc.contradictions if c.kind == "numeric"] == []


def test_denial_answers_the_claim_it_was_asked_about(pipe):
    doc = pipe(Article(text=(
        "Two aid workers told Reuters that soldiers had burned the market in Mangina.\n\n"
        "Asked to comment on the aid workers' claims, army spokesman Serge Ilunga told Reuters: \"These are lies.\"")))
    pol = [c for c in doc.contradictions if c.kind == "polarity"]
    assert len(pol) == 1
    assert "burned the market" in doc.span_text(pol[0].a.evidence)
    assert "lies" in doc.span_text(pol[0].b.evidence)
    assert "aid workers" in pol[0].a.source and "Serge Ilunga" in pol[0].b.source


def test_denial_of_presence_against_a_statement_of_presence(pipe):
    doc = pipe(Article(text=(
        "There is growing evidence that al-Shabaab fighters are operating in Mandera. "
        "A government spokesman said: \"There is no presence of al-Shabaab in Mandera.\"")))
    pol = [c for c in doc.contradictions if c.kind == "polarity"]
    assert len(pol) == 1 and "operating in Mandera" in doc.span_text(pol[0].a.evidence)


def test_no_contradiction_without_a_denial(pipe):
    doc = pipe(Article(text="Residents said gunmen attacked the village. Officials said the gunmen fled north."))
    assert doc.contradictions == []
