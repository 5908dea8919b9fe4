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
