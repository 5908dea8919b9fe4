"""One event per happening within an article: mentions of the same event merge,
different events stay apart. Texts written for these tests."""


def kinds(events):
    return sorted((e["acled_type"], e["acled_sub_type"]) for e in events)


def test_killing_belongs_to_the_strike_in_the_sentence(events_of):
    evs = events_of("An air strike by the army hit a market in Tangaza on Monday, killing at least 30 people.")
    assert kinds(evs) == [("Explosions/Remote violence", "Air/drone strike")]
    assert evs[0]["fatalities"]["min"] == 30


def test_reference_joins_the_event_it_points_to(events_of):
    text = ("Gunmen attacked the village of Kadji on Sunday, killing 12 villagers. "
            "The attack was the deadliest in the region this year, officials said.")
    evs = events_of(text)
    assert len(evs) == 1 and evs[0]["fatalities"]["min"] == 12


def test_toll_told_in_a_later_sentence_joins_the_battle(events_of):
    text = ("Malian troops fought jihadists near Boni on Monday. "
            "Eleven soldiers were killed in the fighting, a military source said.")
    evs = events_of(text)
    assert kinds(evs) == [("Battles", "Armed clash")] and evs[0]["fatalities"]["min"] == 11


def test_protest_and_its_violence_are_one_gathering(events_of):
    text = ("Hundreds of students marched through Butembo on Saturday to denounce the killings. "
            "Some protesters burned tyres and threw stones at police vehicles.")
    evs = events_of(text)
    assert len([e for e in evs if e["acled_type"] in ("Protests", "Riots")]) == 1


def test_headline_and_body_are_one_event(events_of):
    text = ("Suspected rebels kill nine near Mangina\n\n"
            "Suspected rebels killed nine civilians in a night raid on a farming village near Mangina on Monday, "
            "local officials said.")
    evs = events_of(text, title="Suspected rebels kill nine near Mangina")
    assert len(evs) == 1
    assert evs[0]["evidence"].startswith("Suspected rebels killed nine civilians")


def test_accusation_and_denial_are_one_alleged_event(events_of):
    text = ("Residents accused the soldiers of killing five civilians in the village of Tula on Sunday. "
            "The army denied that its soldiers had killed civilians in Tula.")
    evs = [e for e in events_of(text) if e["acled_type"] == "Violence against civilians"]
    assert len(evs) == 1 and evs[0]["status"] == "alleged"


def test_two_attacks_in_two_towns_stay_apart(events_of):
    text = ("Gunmen killed 12 villagers in Kadji on Sunday. "
            "In a separate attack, militants killed four soldiers at a checkpoint in Tera on Monday.")
    evs = events_of(text)
    assert len(evs) == 2 and sorted(e["location"] for e in evs) == ["Kadji", "Tera"]


def test_clash_and_territory_taken_are_two_events(events_of):
    evs = events_of("Rebels seized the town of Kirumba on Wednesday after a day of fighting with government troops.")
    assert kinds(evs) == [("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory")]


def test_raid_ending_in_arrests_is_the_arrests(events_of):
    evs = events_of("Police raided a house in Bunia on Friday and arrested five suspected militia members.")
    assert kinds(evs) == [("Strategic developments", "Arrests")]
