"""The place of an event is never where its source sits or who leads a force (invented reports)."""

import pytest


@pytest.mark.parametrize("text, wrong", [
    ("Fighting went on in Idlib province this week. According to the UK-based monitor, drones killed four fighters on Monday.", "UK"),
    ("Clashes spread across Deir ez-Zor this month. The SDF, an ally of the US-led coalition, arrested nine suspects on Sunday.", "US"),
    ("Tension is high in Anbar. Iran-backed militiamen killed two policemen on Friday, officials said.", "Iran"),
])
def test_the_seat_of_a_source_or_force_is_not_the_place(events_of, text, wrong):
    evs = events_of(text)
    assert evs and all(e.get("location") != wrong for e in evs), evs


@pytest.mark.parametrize("text, wrong", [
    # "based in X": where the group sits
    ("Tension is high in Tillaberi. A militant group based in Burkina Faso claimed an attack that killed ten soldiers on Monday.",
     "Burkina Faso"),
    # a line: a country named after "the border area with", a name of two words included
    ("Benin's army is stretched in the north. Gunmen killed six soldiers on Monday in an ambush near the border area "
     "with Burkina Faso and Niger, the army said.",
     "Burkina Faso"),
])
def test_where_a_group_sits_or_a_line_is_not_the_place(events_of, text, wrong):
    evs = events_of(text)
    assert evs and all(e.get("location") != wrong for e in evs), evs


def test_another_incident_does_not_take_the_place_of_the_one_before(events_of):
    text = ("Militants kill 20 soldiers in northern Benin\n\n"
            "Militants killed 20 soldiers on March 3 in an attack on a post in Porga, the army said. "
            "The army has sent reinforcements to the north. "
            "In January, eight soldiers were killed in a similar attack near the border.")
    evs = [e for e in events_of(text, title=text.split("\n")[0], published="2024-03-05")]
    january = [e for e in evs if e["time_text"] and "January" in e["time_text"]]
    assert january and january[0]["location"] != "Porga", evs
