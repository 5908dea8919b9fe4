"""Disputed figures: (invented report, expected disputes) tables.

Each expected dispute is a pair of fragments, one from each side's evidence."""

import pytest

NUMERIC = [
    # two sources, incompatible counts of the same victims
    ("Rebels seized the town of Kirumba on Wednesday. The army said 12 soldiers had been killed in the fighting. "
     "A local security source said at least 30 soldiers had been killed.",
     [("12 soldiers", "at least 30 soldiers")]),
    # bounds that meet agree: "at least 12" and "30"
    ("The army said at least 12 soldiers were killed in the ambush. A local official said 30 soldiers were killed in the ambush.", []),
    # a range against a higher floor
    ("Medics said the shelling of the market killed between 10 and 12 people. "
     "A monitoring group said at least 15 people died in the shelling.",
     [("between 10 and 12", "at least 15")]),
    # one speaker revising its own figure is an update
    ("Police said on Monday that seven people died in the bus bombing. Police later said 11 people died in the bombing.", []),
    # a running total is not the incident's toll
    ("Police said four people were killed in Monday's raid on the village. "
     "A rights group said 300 people have been killed in the region since January.", []),
    # a part larger than the whole
    ("The army said five of its soldiers were killed in the ambush on the convoy. "
     "Residents said three people died in the ambush.",
     [("five of its soldiers", "three people")]),
    ("The army said five of its soldiers were killed in the ambush on the convoy. "
     "Residents said 30 people died in the ambush.", []),
    # "no casualties" against a count of that side's dead
    ("The rebels said they killed 12 Congolese soldiers in the assault on the base. The Congolese army denied any casualties.",
     [("12 Congolese soldiers", "denied any casualties")]),
    # the dead of two sides
    ("The army said four soldiers were killed in the clash. The rebels said 20 of their fighters died in the clash.", []),
    # figures for incidents in different places
    ("Officials said 10 people were killed in the shelling of Kharkiv. "
     "Regional authorities said three people died in a strike on Odesa.", []),
    # another incident, told apart
    ("Police said a car bomb killed seven people at the market. "
     "Two other explosions killed three people, a hospital official said.", []),
    # the toll of several incidents holds the toll of one
    ("Police said seven militants were killed in two explosions in the province. "
     "Four militants were killed when their vehicle hit a mine, a local official said.", []),
    # one speaker under two descriptions
    ("The regional police office said six people were killed in the attack. "
     "Police later said eight people were killed in the attack.", []),
    # "bringing the toll to four" counts the peacekeepers the sentence counts, not the attackers
    ("Two more peacekeepers were found dead after the ambush, UN officials said, bringing the death toll to four. "
     "Nine attackers were killed in the crossfire, the mission added.", []),
    # "the resident" is the resident quoted before; a second attack is another incident
    ("A resident of Mabass said at least 20 people were killed in the first strike. "
     "The resident said the second strike hit a forest, so there were no casualties.", []),
    # a figure is the claim's whose content says it, not a remark on it in the same sentence
    ("The militants said 40 soldiers had been killed in the raid, but that could not be confirmed by other sources. "
     "The army said nine soldiers died in the raid.",
     [("The militants said 40 soldiers", "nine soldiers")]),
    # figures for incidents on different days
    ("Officials said 10 civilians were killed in Saturday's raid on Kimbo. "
     "A rights group also accused the army of killing 21 civilians on March 3 in another village.", []),
]


@pytest.mark.parametrize("text,expected", NUMERIC, ids=[n[0][:50] for n in NUMERIC])
def test_disputed_figures(contradictions_of, text, expected):
    got = contradictions_of(text, "numeric")
    assert len(got) == len(expected), got
    for (a, b), (want_a, want_b) in zip(got, expected):
        assert want_a in a and want_b in b, (a, b)


def test_the_toll_is_exaggerated(contradictions_of):
    text = ("The militants said they had killed 30 soldiers in the attack on the base. "
            "The army gave no figure. The group routinely inflates its casualty figures.")
    got = contradictions_of(text, "numeric")
    assert len(got) == 1 and "30 soldiers" in got[0][0] and "inflates" in got[0][1]


def test_sides_name_sources_and_values(doc_of):
    doc = doc_of("Rebels seized the town of Kirumba on Wednesday. The army said 12 soldiers had been killed in the fighting. "
                 "A local security source said at least 30 soldiers had been killed.")
    (c,) = [c for c in doc.contradictions if c.kind == "numeric"]
    assert (c.a.value, c.b.value) == (12, 30)
    assert (c.a.source, c.b.source) == ("Congolese army", "local security source")  # "the army" in a story set in Kirumba (DR Congo)
    assert "12" in c.about and "at least 30" in c.about
