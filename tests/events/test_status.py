"""Event status: occurred, planned, alleged, denied; threats and hypotheticals are no events.

Sentences written for these tests; none from the seed articles.
"""

import pytest

from newsfusion.model import Article, Claim, Doc, Span
from newsfusion.events.draft import Draft
from newsfusion.events.lexicon import TriggerRule
from newsfusion.events.sources import claims_for, sources_and_status

STATUS = [
    ("Soldiers clashed with jihadists near Djibo on Monday.", "occurred"),
    ("The army plans to launch an offensive against the rebels next week.", "planned"),
    ("The movement will officially announce that it has joined the Islamic State.", "planned"),
    ("Youth groups announced a new march in Butembo for later this week.", "planned"),
    ("The militants are believed to have attacked the convoy near Kidal on Monday.", "alleged"),
    ("The army reportedly shelled the town of Kadugli on Sunday.", "alleged"),
    ("Rights groups accused the army of burning homes in the village of Tula on Sunday.", "alleged"),
]


@pytest.mark.parametrize("text,status", STATUS, ids=[s[0][:40] for s in STATUS])
def test_status(events_of, text, status):
    evs = events_of(text)
    assert evs and evs[0]["status"] == status, [(e["acled_sub_type"], e["status"]) for e in evs]


NO_EVENT = [
    # a threat is a claim, not an attack (the conditional plan included)
    "The rebels threatened to attack Goma if the army did not withdraw.",
    "If the government does not release the prisoners, the group plans to continue attacking army posts.",
    # hypothetical, wished, tried, purpose
    "The militants could attack the town at any moment.",
    "The group wants to seize the oil fields.",
    "Fighters travelled to Libya to join the Islamic State.",
    "The group hired mercenaries to assassinate the governor.",
    # negated or hesitated
    "The militants did not attack the town.",
    "The factions have hesitated to declare allegiance to the Islamic State.",
    # attempted
    "Police reported several attempted bombings in the capital.",
    # a vow to continue; done "without" it
    "The minister repeated the president's pledge to press on with the army's offensive against the rebels.",
    "The ministry confirmed the toll, without giving any details.",
    # what is called false is not told as having happened
    "False reports are spreading online claiming that rebels killed 20 soldiers in Goma.",
    "Fake news claiming that the army shelled Kidal has been spreading, the ministry said.",
]


@pytest.mark.parametrize("text", NO_EVENT, ids=[t[:45] for t in NO_EVENT])
def test_no_event(events_of, text):
    assert events_of(text) == [], [(e["acled_sub_type"], e["status"]) for e in events_of(text)]


def _draft_at(span: Span) -> Draft:
    class Tok:  # the smallest stand-in for a spaCy token the sources code needs
        idx, text, i = span.start, "x" * (span.end - span.start), 0

    return Draft("attack", TriggerRule(frozenset(), frozenset(), "attack"), Tok())


def _doc_with(*claims: Claim) -> Doc:
    return Doc(Article(text="x" * 200, author="A. Writer"), claims=list(claims))


def test_denied_when_the_only_report_is_a_denial():
    deny = Claim("Army spokesman", "named_person", "deny", None, Span(10, 60), Span(0, 80))
    doc = _doc_with(deny)
    d = _draft_at(Span(20, 26))
    ids, by_author = claims_for(doc, d)
    assert ids == [0] and not by_author
    assert sources_and_status(doc, d, ids, by_author) == (["Army spokesman"], "denied")


def test_alleged_when_asserted_and_denied():
    accuse = Claim("Residents", "anonymous", "assert", None, Span(10, 60), Span(0, 80))
    deny = Claim("Army spokesman", "named_person", "deny", None, Span(10, 60), Span(90, 150))
    doc = _doc_with(accuse, deny)
    d = _draft_at(Span(20, 26))
    ids, by_author = claims_for(doc, d)
    sources, status = sources_and_status(doc, d, ids, by_author)
    assert status == "alleged" and sources == ["Residents", "Army spokesman"]


def test_unattributed_event_is_the_authors():
    doc = _doc_with()
    d = _draft_at(Span(20, 26))
    ids, by_author = claims_for(doc, d)
    assert (ids, by_author) == ([], True)
    assert sources_and_status(doc, d, ids, by_author) == (["A. Writer"], "occurred")
