"""Context is not an event: history, habits, trends, statistics and circumstances.

Each sentence is written for this test (invented or generic places and groups from
several conflicts); the controls beside them show the incident of the day still counts.
"""

import pytest

NOT_EVENTS = [
    # a pattern, not one incident
    "The two armies have traded almost-daily fire across the frontier for months.",
    "Residents complain of frequent attacks on the road to Dori.",
    "The insurgents have repeatedly carried out deadly raids against army posts.",
    # a trend
    "The group has stepped up raids on army posts in the east.",
    "Rebels intensified their offensive across the province.",
    # a count of incidents
    "The air force carried out more than 200 air strikes in the province last year.",
    "Dozens of attacks on aid convoys were recorded by the monitors.",
    # circumstances
    "Prices have soared amid ongoing clashes between rival militias.",
    "Thousands of families who fled the fighting in the hills now live in camps near Kaga Bandoro.",
    "Critics say the withdrawal left border villages vulnerable to attack.",
    # a participle hanging on a present-tense statement
    "Facing stiff resistance, the army is turning to air power, analysts say.",
    "Aid agencies accuse the militia of burning villages across the region.",
    # a device found is no explosion
    "This is the third explosive device found on this road since the start of the year, he said.",
]


@pytest.mark.parametrize("text", NOT_EVENTS, ids=[t[:45] for t in NOT_EVENTS])
def test_context_is_not_an_event(events_of, text):
    got = events_of(text)
    assert got == [], [(e["acled_sub_type"], e["evidence"]) for e in got]


STILL_EVENTS = [
    ("Rebels attacked the garrison in Tessit on Monday, killing four soldiers.", "Armed clash"),
    ("The rebels are holding three police officers hostage after seizing them in an ambush near Saravena on Sunday.",
     "Abduction/forced disappearance"),
    ("Two air strikes hit the market in Tangaza on Monday, killing nine people.", "Air/drone strike"),
    ("About 20 rockets were fired from the border area at the town of Kiryat Shmona on Tuesday.",
     "Shelling/artillery/missile attack"),
]


@pytest.mark.parametrize("text,sub", STILL_EVENTS, ids=[t[0][:45] for t in STILL_EVENTS])
def test_the_incident_still_counts(events_of, text, sub):
    got = [e["acled_sub_type"] for e in events_of(text)]
    assert sub in got, got


BACKGROUND = [
    # the start of a period: the event that started it is told, as background
    ("Fighting has continued in the north since rebels attacked the garrison in Tessit on 3 May.", "Armed clash"),
    # an earlier year
    ("Last year the rebels captured the town of Kiwanja.", "Non-state actor overtakes territory"),
    ("The faction seized the town of Gao in 2017.", "Non-state actor overtakes territory"),
    ("The militia burned the market of Kalehe four years ago.", "Looting/property destruction"),
]


@pytest.mark.parametrize("text,sub", BACKGROUND, ids=[t[0][:45] for t in BACKGROUND])
def test_background_events_are_events(events_of, text, sub):
    """GUIDE.md: events told as background count, with their own time, flagged."""
    got = [(e["acled_sub_type"], e["background"]) for e in events_of(text, published="2024-06-01")]
    assert (sub, True) in got, got


def test_the_news_is_not_background(events_of):
    got = events_of("Rebels attacked the garrison in Tessit on Monday, killing four soldiers.", published="2024-06-01")
    assert [e["background"] for e in got] == [False], got


RUNNING_TOTALS = [
    "At least 2,000 people have been killed in the fighting since January, the UN said.",
    "The conflict has killed more than 300 civilians so far this year.",
    # the toll of a whole war, told as a killing
    "More than 25,000 people have been killed in the insurgency, according to rights groups.",
    "Some 9,000 people were killed during the conflict, the commission found.",
]


@pytest.mark.parametrize("text", RUNNING_TOTALS, ids=[t[:45] for t in RUNNING_TOTALS])
def test_a_running_total_is_no_incident(events_of, text):
    got = events_of(text)
    assert got == [], [(e["acled_sub_type"], e["evidence"]) for e in got]


def test_a_photo_caption_reports_nothing(events_of):
    text = ("FILE - Protesters march in Caracas during a rally against the government, May 3, 2017.\n\n"
            "Police arrested 20 protesters in Caracas on Monday.")
    got = {e["evidence"][:20] for e in events_of(text)}
    assert got == {"Police arrested 20 p"}, got


AGGREGATES = [
    "Bombings and shootings kill dozens of people in the capital each month.",
    "Armed groups in the region have killed more than 400 civilians in 2023, a rights group said.",
    "Fighting between the two sides has left over 2,500 dead since 2016.",
]


@pytest.mark.parametrize("text", AGGREGATES, ids=[t[:45] for t in AGGREGATES])
def test_aggregates_are_no_events(events_of, text):
    got = [e for e in events_of(text, published="2023-11-20") if not e["background"]]
    assert got == [], [(e["acled_sub_type"], e["evidence"]) for e in got]
