"""The article highlighter: spans to HTML, every slice escaped, proper nesting whatever the spans do."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfusion.kb import Annotation
from newsfusion.web.highlight import choose_links, css_token, highlight
from newsfusion.web.render import marked


def A(start, end, kind="entity", label="ORG", ref="e0", target="ent_1", tone="ORG"):
    return Annotation(start, end, kind, label, ref, target, tone)


class Tree(HTMLParser):
    """Checks that tags nest, and collects the text outside .hl-label."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []
        self.feed(html)
        self.close()
        assert not self.stack, f"unclosed {self.stack}"

    def handle_starttag(self, tag, attrs):
        label = "hl-label" in (dict(attrs).get("class") or "") or any(is_label for _, is_label in self.stack)
        self.stack.append((tag, label))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if not any(is_label for _, is_label in self.stack):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@pytest.mark.parametrize(
    "text, notes, expected",
    [
        ("no spans here", [], "no spans here"),
        (
            "Hamas said",
            [A(0, 5)],
            '<a class="hl hl-ent hl-ent-ORG" href="/entities/ent_1" title="ORG (e0)" data-ref="e0">Hamas<span class="hl-label" aria-hidden="true">ORG</span></a> said',
        ),
        (  # an entity without a KB entity is marked, not linked
            "Bob ran",
            [A(0, 3, target=None, label="PERSON", tone="PERSON")],
            '<span class="hl hl-ent hl-ent-PERSON" title="PERSON (e0)" data-ref="e0">Bob<span class="hl-label" aria-hidden="true">PERSON</span></span> ran',
        ),
        (  # claim content spans an entity: the content class is cut around the link
            "He said Hamas won",
            [A(8, 13), A(8, 17, "claim_content", "assert", "c0", None, "assert"), A(3, 7, "claim_cue", "assert", "c0", None, "assert")],
            'He <a class="hl hl-claim-cue hl-assert" href="#claim-c0" title="assert (c0)" data-ref="c0">said</a> '
            '<a class="hl hl-ent hl-ent-ORG" href="/entities/ent_1" title="ORG (e0)" data-ref="e0"><span class="hl-claim-content hl-assert">Hamas</span>'
            '<span class="hl-label" aria-hidden="true">ORG</span></a><span class="hl-claim-content hl-assert"> won</span>',
        ),
        (  # article text is escaped, and so are ids and labels
            "<b>x</b> & y",
            [A(3, 4, label='"><script>', ref="e\"1", target="ent/<1>")],
            '&lt;b&gt;<a class="hl hl-ent hl-ent-ORG" href="/entities/ent%2F%3C1%3E" title="&#34;&gt;&lt;script&gt; (e&#34;1)" data-ref="e&#34;1">x'
            '<span class="hl-label" aria-hidden="true">&#34;&gt;&lt;script&gt;</span></a>&lt;/b&gt; &amp; y',
        ),
    ],
)
def test_highlight_table(text, notes, expected):
    assert str(highlight(text, notes)) == expected


def test_links_do_not_overlap_and_entities_win():
    notes = [A(0, 10, "event", "Attack", "v0", "evt_1", None), A(2, 6), A(5, 9, "claim_cue", "assert", "c0", None, "assert"), A(12, 15)]
    assert [(a.kind, a.start) for a in choose_links(notes)] == [("entity", 2), ("entity", 12)]


@pytest.mark.parametrize("value, token", [("ORG", "ORG"), ("a b<c>", "a-b-c-"), (None, "none"), ("x" * 60, "x" * 40)])
def test_css_token(value, token):
    assert css_token(value) == token


HOSTILE = "<script>window.__xss=1</script> <img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">x</a> {{ 7*7 }} {% if 1 %}"


def test_hostile_text_survives_as_text():
    notes = [A(0, 8), A(9, 20, "claim_content", "deny", "c0", None, "deny"), A(40, 60, "event", "Attack", "v0", "evt_9", None), A(50, 90, "event_evidence", "Attack", "v0", "evt_9", None)]
    html = str(highlight(HOSTILE, notes))
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    tree = Tree(html)
    assert tree.text == HOSTILE
    assert "{{ 7*7 }}" in html  # shown as written, not evaluated


span = st.tuples(st.integers(0, 40), st.integers(0, 40)).map(sorted).filter(lambda p: p[0] < p[1])
kinds = st.sampled_from(["entity", "event", "event_evidence", "claim_cue", "claim_source", "claim_content"])


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="ab <>&\"'{}", min_size=1, max_size=40), st.lists(st.tuples(span, kinds), max_size=8))
def test_any_spans_give_well_nested_html_with_the_text_intact(text, spans):
    notes = [A(s, e, k, "L", f"r{i}", "t", "assert") for i, ((s, e), k) in enumerate(spans)]
    html = str(highlight(text, notes))
    assert Tree(html).text == text
    assert not re.search(r"<(?!/?(a|span)\b)", html)  # only the tags the highlighter writes


@pytest.mark.parametrize(
    "snippet, marks, expected",
    [
        ("the army said", [[4, 8]], "the <mark>army</mark> said"),
        ("<b>army</b>", [[3, 7]], "&lt;b&gt;<mark>army</mark>&lt;/b&gt;"),
        ("abc", [[2, 9], [0, 1]], "<mark>a</mark>bc"),  # out of range marks are ignored
        ("", [], ""),
    ],
)
def test_search_snippets_are_marked_from_escaped_slices(snippet, marks, expected):
    assert str(marked(snippet, marks)) == expected
