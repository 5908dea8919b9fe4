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


@pytest.mark.parametrize("text, tellings", [
    (SAME_INCIDENT[0], ["kill", "killed", "opened fire"]),
    (SAME_INCIDENT[1], ["killed", "clashes", "shelled"]),
])
def test_the_event_keeps_every_telling_with_its_span(events_of, text, tellings):
    """Event.mentions: each telling's trigger and evidence, in text order, so every one can be highlighted."""
    (ev,) = _news(events_of, text)
    got = [text[m["trigger_span"][0]:m["trigger_span"][1]] for m in ev["mentions"]]
    assert all(t in got for t in tellings), got
    starts = [m["trigger_span"][0] for m in ev["mentions"]]
    assert starts == sorted(starts) and ev["trigger_span"][0] in starts
    for m in ev["mentions"]:
        ev_start, ev_end = m["evidence_span"]
        assert ev_start <= m["trigger_span"][0] and m["trigger_span"][1] <= ev_end


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


def test_a_bomb_elsewhere_keeps_its_own_toll(events_of):
    """A bomb that names its means at a town of its own is not the raid told again: each keeps its dead."""
    text = ("Gunmen kill seven and abduct 12 near Kamango\n\n"
            "Gunmen killed at least seven farmers and abducted about twelve others in a raid on a village "
            "near Kamango, officials said on Saturday.\n\n"
            "The army said troops had been sent after the attackers.\n\n"
            "On Thursday, a roadside bomb killed four passengers near Oicha.")
    got = {e["acled_sub_type"]: e for e in _news(events_of, text)}
    assert got["Remote explosive/landmine/IED"]["fatalities"]["min"] == 4, got
    assert got["Remote explosive/landmine/IED"]["location"] == "Oicha"
    assert got["Attack"]["fatalities"]["min"] == 7 and got["Attack"]["location"] == "Kamango"


def test_the_incident_an_attack_follows_is_another(events_of):
    text = ("Gunmen kill nine in village attack\n\n"
            "Gunmen killed nine villagers in the village of Dolbel on Friday, a local official said.\n\n"
            "The raid follows the killing on Tuesday of 20 farmers in another village of the region.")
    got = _news(events_of, text)
    assert len(got) == 2, [(e["acled_sub_type"], e["evidence"]) for e in got]


def test_one_town_spelled_two_ways_is_one_place(events_of):
    text = ("Gunmen kill 12 in Niger village\n\n"
            "At least 12 people were killed in Tinkim on Friday, the mayor said.\n\n"
            "The gunmen opened fire on worshippers in the village of Tinkime and killed 12 people, he said.")
    got = _news(events_of, text)
    assert len(got) == 1, [(e["acled_sub_type"], e["evidence"]) for e in got]


def test_two_acts_coordinated_in_one_sentence_are_two_events(events_of):
    got = _news(events_of, "Gunmen shot dead a police officer in Cali on Tuesday, then planted a bomb under his car and detonated it.")
    subs = sorted(e["acled_sub_type"] for e in got)
    assert subs == ["Armed clash", "Remote explosive/landmine/IED"], subs


def test_a_blamed_attack_names_its_actor_and_joins_the_incident(events_of):
    text = ("Gunmen kill two peacekeepers\n\n"
            "Gunmen killed two peacekeepers near Bria on Monday, the UN mission said.\n\n"
            "The mission blamed the attack on the Union for Peace in the Central African Republic (UPC).")
    got = _news(events_of, text)
    assert len(got) == 1 and got[0]["acled_sub_type"] == "Armed clash", [(e["acled_sub_type"], e["evidence"]) for e in got]
    assert any("UPC" in a or "Union for Peace" in a for a in got[0]["actors"]), got[0]["actors"]


PLACE_TOLD_LATER = [
    # a definite bare "strike" after an air strike was told says where it hit
    ("Air strike kills six in eastern province\n\n"
     "An air strike killed six people in Tessalit province on Tuesday, local officials said.\n\n"
     "The strike occurred in the village of Amachach, a council member said.",
     "Amachach"),
    # a pronoun with a verb of occurrence ("it was perpetrated", "it took place") says where
    ("Gunmen kill five soldiers in northern Niger\n\n"
     "Gunmen killed five soldiers on Sunday in northern Niger, the defence ministry said.\n\n"
     "It was perpetrated near Inates, close to the border, the ministry added.",
     "Inates"),
    ("Militants attack police post\n\n"
     "Militants attacked a police post on Friday in southern Somalia, killing three officers.\n\n"
     "It took place in the town of Bulo Burde, residents said.",
     "Bulo Burde"),
]


@pytest.mark.parametrize("text, place", PLACE_TOLD_LATER, ids=["the-strike", "it-was-perpetrated", "it-took-place"])
def test_the_place_told_later_is_the_incidents_place(events_of, text, place):
    got = _news(events_of, text)
    assert len(got) == 1, [(e["acled_sub_type"], e["evidence"]) for e in got]
    assert got[0]["location"] == place, got[0]["location"]


STRIKE_BACK = [
    ("The strike occurred in the village of Amachach.", True),
    ("The strike took place near the border.", True),
    ("The strike was near a market.", True),
    ("The strike came a day after the rebels seized the town.", False),  # the place that follows is the seizure's
    ("Residents said the strike destroyed two houses.", False),
]


@pytest.mark.parametrize("text, refers", STRIKE_BACK)
def test_the_strike_refers_back_only_when_it_says_where_or_when(nlp, text, refers):
    """A definite bare "the strike" after an air strike is a telling of it only as the subject of a
    verb of occurrence; "The strike came a day after rebels seized X" gives X to the seizure."""
    from types import SimpleNamespace

    from newsfusion.events.detect import strike_back

    told = [SimpleNamespace(frame="airstrike", drop=None)]
    tok = next(t for t in nlp(text) if t.lower_ == "strike")
    assert (strike_back(tok, told) is not None) is refers


def test_a_lone_it_happened_tells_no_event(events_of):
    text = ("Talks resume in the capital\n\n"
            "Delegates met in Khartoum on Monday to resume talks, the mediators said.\n\n"
            "It happened after weeks of delay, a diplomat said.")
    assert _news(events_of, text) == []


def test_the_start_of_a_period_does_not_date_a_reference(events_of):
    """"the deadliest attack since rebels began operating here years ago": the time is when the
    period began, the attack is the one told."""
    text = ("Rebels kill 12 soldiers in eastern Chad\n\n"
            "Rebels killed 12 soldiers in an attack on a base near Abeche on Sunday, the army said.\n\n"
            "It is the deadliest attack since the rebels began operating in the east several years ago.")
    evs = events_of(text, title=text.split("\n")[0], published="2024-03-05")
    assert len(evs) == 1, [(e["evidence"], e["time_text"]) for e in evs]


def test_a_participle_of_arrival_acts_where_and_when_they_came(events_of):
    # "arrived at X on Sunday, shooting dead ...": the killing has the arrival's place and time as its own,
    # so the body's account states the incident more fully than the lede
    got = events_of("Gunmen killed six villagers in central Nigeria, police said on Monday. The gunmen arrived at "
                    "Kpalu village in Plateau state on Sunday, shooting dead the villagers before fleeing.")
    assert len(got) == 1, got
    assert got[0]["evidence"].startswith("The gunmen arrived"), got[0]["evidence"]
    assert (got[0]["location"], got[0]["time_text"]) == ("Kpalu village", "on Sunday"), got[0]


def test_a_definite_count_of_events_points_back_to_the_events_told(events_of):
    # "the two attacks killed nine": the joint toll of the bombings just told, no third incident
    got = events_of("A suicide bomber blew himself up at a police station in Gao on Tuesday. Officials said the "
                    "Tuesday suicide bombing was preceded by a nearby car bomb and that the two attacks killed a total "
                    "of nine people.")
    assert sorted(e["acled_sub_type"] for e in got) == ["Remote explosive/landmine/IED", "Suicide bomb"], got
    bomb = next(e for e in got if e["acled_sub_type"] == "Suicide bomb")
    assert (bomb["fatalities"]["min"], bomb["fatalities"]["max"]) == (9, 9), bomb


def test_an_undated_incident_happened_on_the_news_day(events_of):
    # ACLED dates an undated report by the news it belongs to: the lede's incident's own time
    got = events_of("Gunmen killed four farmers in Kadji on Sunday, police said.\n\nIn another attack, militants "
                    "burned a church in Tera, a local official said.")
    tera = [e for e in got if e["location"] == "Tera"]
    assert tera and all(e["time_text"] == "on Sunday" for e in tera), [(e["location"], e["time_text"]) for e in got]


def test_an_undated_change_of_hands_is_not_dated_by_the_news(events_of):
    got = events_of("Gunmen killed four farmers in Kadji on Sunday, police said.\n\nRebels seized the town of Kolo, "
                    "residents said.")
    kolo = [e for e in got if e["location"] == "Kolo"]
    assert kolo and all(e["time_text"] is None for e in kolo), [(e["location"], e["time_text"]) for e in got]
