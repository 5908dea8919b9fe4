"""One incident, one event: tellings of one incident join, other incidents stay apart.

Short reports written for these tests (invented incidents in real places); each pair
checks one cue the story rules use to tell incidents apart or join them.
"""

import pytest


def _news(events_of, text):
    title = text.split("\n", 1)[0]
    return [e for e in events_of(text, title=title, published="2024-03-05") if not e["background"]]


SAME_INCIDENT = [
    # the headline, the lede, the body in other words, the toll told later
    ("Gunmen kill four police officers in central Mali\n\n"
     "Gunmen killed four police officers at a checkpoint near Koro on Monday, officials said.\n\n"
     "The assailants opened fire on the checkpoint at dawn and fled towards the border, a police source said.\n\n"
     "Two of the attackers were also killed in the exchange, the source added."),
    # a definite noun with a "when" clause tells the incident again
    ("Clashes erupt on the border between two armies\n\n"
     "At least five soldiers were killed in clashes on the border on Sunday, the defence ministry said.\n\n"
     "The ministry said the clashes occurred when enemy units shelled border posts near the village of Kerki."),
]


@pytest.mark.parametrize("text", SAME_INCIDENT, ids=["tellings", "when-clause"])
def test_one_incident_told_several_times_is_one_event(events_of, text):
    got = _news(events_of, text)
    assert len(got) == 1, [(e["acled_sub_type"], e["evidence"]) for e in got]


def test_the_attackers_killed_count_with_the_attack(events_of):
    text = SAME_INCIDENT[0]
    got = _news(events_of, text)
    assert got and got[0]["fatalities"]["min"] == 6, got


OTHER_INCIDENTS = [
    # a place far from the first one
    ("Soldiers kill two in northern Mali\n\n"
     "Soldiers shot dead two men in Gao on Monday, residents said.\n\n"
     "In the south, soldiers also killed a herder near Sikasso, his family said."),
    # the other side's attack, in reply
    ("Israeli strike kills two in south Lebanon\n\n"
     "An Israeli strike killed two people in the village of Aitaroun on Sunday, state media said.\n\n"
     "Hezbollah fired rockets at an Israeli army post in reply, the group said."),
    # explicitly another incident
    ("Bomb kills three in Mogadishu\n\n"
     "A roadside bomb killed three soldiers in Mogadishu on Tuesday, police said.\n\n"
     "In a separate attack, gunmen killed a businessman in the city's Hodan district."),
]


@pytest.mark.parametrize("text", OTHER_INCIDENTS, ids=["far-apart", "reply", "separate"])
def test_other_incidents_stay_apart(events_of, text):
    got = _news(events_of, text)
    assert len(got) == 2, [(e["acled_sub_type"], e["evidence"]) for e in got]
