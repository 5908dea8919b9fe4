"""The demo corpus in examples/articles: every file reads, and it covers what it promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsfusion.ingest import read_paths
from newsfusion.model import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"

EXPECTED = {
    # name: (format, title, author, outlet, published)
    "bunia_arrests": ("text", "Police arrest 11 suspected CODECO militiamen in Bunia", "Trésor Ndjabu", None, "2025-10-18"),
    "butembo_protest": ("text", "Police fire on Butembo march against killings", None, "Grand Nord Observer", "2025-10-20"),
    "kirumba_clash_great_lakes_monitor": (
        "json", "M23 rebels enter Kirumba as army pulls back", "Marc Tshibangu, Esther Kavira", "Great Lakes Monitor", "2025-10-15"),
    "kirumba_clash_kivu_dispatch": (
        "text", "Rebels seize Kirumba after a day of fighting in Lubero", "Aline Furaha", "Kivu Dispatch", "2025-10-15"),
    "lubero_defection": ("text", "Wazalendo commander says he is joining the M23 rebels", "Kambale Sivanzire", None, None),
    "mangina_attack": (
        "html", "Suspected ADF fighters kill nine and abduct 15 near Mangina", "Grace Masika", "Grand Nord Observer", "2025-10-12"),
    "masisi_drone_strike#1": (
        "rss", "Army drone strike hits M23 positions near Mushaki", "Josué Bahati", "Radio Kivu Echo", "2025-10-16"),
    "oicha_road_ied": ("text", "Roadside bomb kills five on Beni-Oicha road", "Patient Muhindo", "Kivu Dispatch", "2025-10-09"),
}


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article]:
    items = list(read_paths([str(EXAMPLES)]))
    errors = [str(x) for x in items if not isinstance(x, Article)]
    assert not errors, errors
    return {a.name: a for a in items}


def test_every_demo_article_reads_with_its_metadata(corpus):
    got = {n: (a.source_format, a.title, a.author, a.outlet, a.published) for n, a in corpus.items()}
    assert got == EXPECTED


def test_demo_articles_are_short_english_reports(corpus):
    for name, art in corpus.items():
        words = len(art.text.split())
        assert 150 <= words <= 400, (name, words)
        assert art.language == "en", name


def test_readme_describes_every_file():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)` \|", readme, re.M))
    present = {p.name for p in EXAMPLES.iterdir() if p.name != "README.md"}
    assert listed == present
    assert "invented for demonstration" in readme


def within(art: Article, *phrases: str) -> bool:
    return all(p in art.text for p in phrases)


def test_required_situations_are_present(corpus):
    arts = list(corpus.values())
    # two casualty figures for the same battle within one article
    assert any(within(a, "12 soldiers", "at least 30 soldiers") for a in arts)
    # a spokesman's denial
    assert any(within(a, "denied that its fighters", '"pure propaganda"') for a in arts)
    # one person spelled two ways in two articles
    spelled = ({n for n, a in corpus.items() if "Mbusa Kakule" in a.text}, {n for n, a in corpus.items() if "Mbussa Kakule" in a.text})
    assert spelled[0] and spelled[1] and not spelled[0] & spelled[1]
    # relative dates in dated articles, and one article without any date
    assert any(a.published and "last week" in a.text for a in arts)
    assert any(a.published and "earlier this month" in a.text for a in arts)
    assert [n for n, a in corpus.items() if a.published is None] == ["lubero_defection"]
    # attribution patterns
    assert any(re.search(r"told Kivu Dispatch", a.text) for a in arts)
    assert any("according to" in a.text for a in arts)
    assert any("are believed to be" in a.text for a in arts)
    assert any("asked not to be named" in a.text for a in arts)
    # the same event from two outlets on the same day
    kirumba = [a for a in arts if "Kirumba" in (a.title or "")]
    assert len({a.outlet for a in kirumba}) == 2 and len({a.published for a in kirumba}) == 1


def test_hard_wrapped_demo_article_is_unwrapped(corpus):
    raw = (EXAMPLES / "oicha_road_ied.txt").read_text(encoding="utf-8")
    art = corpus["oicha_road_ied"]
    assert len(art.text) == len(raw)
    assert "between Beni and Oicha on Wednesday afternoon" in art.text
    assert "between\nBeni" in raw


def test_html_boilerplate_is_dropped(corpus):
    text = corpus["mangina_attack"].text
    assert "Subscribe" not in text and "Cookie" not in text and "Related" not in text
    assert "Two humanitarian workers who asked not to be named" in text
