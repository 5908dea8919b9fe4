"""Fatalities wording: (sentence, expected (min, max)) tables, and the rule that combines figures.

Sentences written for these tests; none from the seed articles.
"""

import pytest

from newsfusion.events.fatalities import NON_LETHAL_SUB_TYPES, Figure, combine, word_number
from newsfusion.model import Span

WORDING = [
    ("Gunmen killed 12 villagers in an attack on Kadji on Sunday.", (12, 12)),                     # digits
    ("Gunmen killed twelve villagers in an attack on Kadji on Sunday.", (12, 12)),                 # words
    ("An air strike hit a market in Tangaza on Monday, killing at least 30 people.", (30, None)),  # at least N
    ("An air strike hit a market in Tangaza on Monday, killing more than 30 people.", (30, None)), # more than N
    ("Fighting in El Fasher killed between 10 and 15 civilians on Monday.", (10, 15)),            # between
    ("Jihadists killed two dozen soldiers in an ambush near Djibo on Friday.", (24, 24)),        # two dozen
    ("The guards, a Kenyan and a Ugandan, died in an ambush on their convoy near Bunia on Monday.", (2, 2)),  # listed
    ("Fourteen bodies were found on Monday in a village near Kumba after an attack by gunmen.", (14, 14)),  # bodies
    ("Gunmen attacked the village of Tadda near Kumba on Sunday. The bodies of nine villagers were recovered on "
     "Monday.", (9, 9)),                                                                     # bodies told after
    ("A bomb exploded at a market in Gao on Friday, killing a total of nine people.", (9, 9)),  # a total of N
    ("A Palestinian was killed by Israeli troops in Jenin on Tuesday.", (1, 1)),                 # a + noun
    ("Militants shot dead Amadou Diallo, a village chief, in Mopti on Monday.", (1, 1)),        # a named person
    ("A roadside bomb killed 17 soldiers, including four officers, near Gao on Monday.", (17, 17)),  # subset
    ("Gunmen killed 5 soldiers and 3 civilians in an attack on a checkpoint near Kidal on Monday.", (8, 8)),  # sides add up
    ("A drone strike killed two fighters and wounded eleven civilians near Kidal on Monday.", (2, 2)),  # wounded don't count
    # one number for several groups is one total, and "troops" and "soldiers" are one side
    ("Rebels ambushed a convoy near Saravena on Monday, killing 9 troops and police. "
     "The ambush, in which eight soldiers and one police officer died, hit a convoy carrying ballots.", (9, 9)),
    # "no injuries were reported": nobody died
    ("The militia fired two missiles at a patrol boat on Lake Kivu on Friday. No injuries were reported.", (0, 0)),
]


@pytest.mark.parametrize("text,expected", WORDING, ids=[w[0][:45] for w in WORDING])
def test_fatalities_wording(events_of, text, expected):
    evs = [e for e in events_of(text) if e["fatalities"]["min"] is not None or e["fatalities"]["max"] is not None]
    assert evs, events_of(text)
    assert (evs[0]["fatalities"]["min"], evs[0]["fatalities"]["max"]) == expected


VAGUE = [
    "Dozens of soldiers were killed when militants attacked an army base near Menaka on Monday.",
    "Scores of civilians were killed in the shelling of Kharkiv on Monday.",
    "Many people were killed in clashes near Goma on Monday.",
    "Security forces wounded 40 protesters in Khartoum on Thursday.",   # injured, not dead
    # one number for the dead and the detained is no toll
    "Soldiers stormed the village of Dioura on Sunday; some 30 men were killed and detained, residents said.",
]


@pytest.mark.parametrize("text", VAGUE, ids=[v[:45] for v in VAGUE])
def test_vague_or_wounded_is_no_number(events_of, text):
    evs = events_of(text)
    assert evs
    for e in evs:  # no figure read; a non-lethal sub type is ACLED's 0/0
        zero = (0, 0) if e["acled_sub_type"] in NON_LETHAL_SUB_TYPES else (None, None)
        assert (e["fatalities"]["min"], e["fatalities"]["max"]) == zero


def test_two_figures_for_one_battle_give_a_range(events_of):
    text = ("Malian troops fought jihadists near Boni on Monday. "
            "The army said it had killed at least 40 militants while 9 of its own soldiers were also killed. "
            "Local sources put the number of dead soldiers at closer to 20.")
    evs = [e for e in events_of(text) if e["acled_type"] == "Battles"]
    assert len(evs) == 1, evs
    f = evs[0]["fatalities"]
    assert (f["min"], f["max"]) == (40 + 9, 40 + 20)
    assert f["breakdown"]["militants"] == 40 and f["breakdown"]["soldiers"] == 9


@pytest.mark.parametrize("text,value", [
    ("17", 17), ("1,200", 1200), ("seventeen", 17), ("twenty-five", 25), ("twenty five", 25),
    ("a hundred", 100), ("three hundred", 300), ("two thousand", 2000), ("dozens", None), ("many", None),
])
def test_word_number(text, value):
    assert word_number(text) == value


def fig(side, low, high):
    return Figure(side, low, high, f"{low}", Span(0, 1))


@pytest.mark.parametrize("figs,expected", [
    ([fig("soldiers", 12, 12)], (12, 12)),
    ([fig("soldiers", 12, None)], (12, None)),                                     # at least 12
    ([fig("soldiers", 12, 12), fig("militants", 30, 30)], (42, 42)),              # sides add up
    ([fig("soldiers", 12, 12), fig("soldiers", 30, None)], (12, 30)),             # disputed: lowest..highest
    ([fig("militants", 100, None), fig("soldiers", 17, 17), fig("soldiers", 65, 65)], (117, 165)),
    ([fig("soldiers", 12, 12), fig("soldiers", 12, 12)], (12, 12)),               # the same figure twice
    ([fig("people", 30, 30), fig("soldiers", 20, 20)], (30, 30)),                 # a total and a part of it
    ([fig("people", 3, 3), fig("guards", 1, 1), fig("police", 1, 1)], (3, 3)),   # parts counted in the total
    ([fig("people", 15, 15), fig("soldiers", 20, 20)], (15, 20)),                 # parts beyond the total: disputed
    ([], (None, None)),
])
def test_combine(figs, expected):
    f = combine(figs)
    assert (f.min, f.max) == expected


# A non-lethal act with no toll stated is 0/0 (ACLED); a lethal one with no toll stays unknown.
NON_LETHAL = [
    ("Police arrested four suspects in a raid on a house in Tamale on Thursday.", "Arrests", (0, 0)),
    ("Rebels looted shops and burned twenty houses in Koro on Saturday.", "Looting/property destruction", (0, 0)),
    ("The two militias signed a ceasefire agreement in Bangassou on Friday.", "Agreement", (0, 0)),
    ("Gunmen attacked a checkpoint near Kidal on Monday.", None, (None, None)),
]


@pytest.mark.parametrize("text,sub_type,expected", NON_LETHAL, ids=[n[0][:45] for n in NON_LETHAL])
def test_non_lethal_act_without_toll_is_zero(events_of, text, sub_type, expected):
    evs = [e for e in events_of(text) if sub_type is None or e["acled_sub_type"] == sub_type]
    assert evs, events_of(text)
    assert (evs[0]["fatalities"]["min"], evs[0]["fatalities"]["max"]) == expected
