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
    # "bringing the toll to five" counts the guards the sentence counts, not the attackers
    ("Two more guards were found dead after the raid, UN officials said, bringing the death toll to five. "
     "Eight assailants were killed in the gunfight, the mission added.", []),
    # "the resident" is the resident quoted before; a second attack is another incident
    ("A resident of Mabass said at least 20 people were killed in the first strike. "
     "The resident said the second strike fell on empty farmland and there were no casualties.", []),
    # a figure is the claim's whose content says it, not a remark on it in the same sentence
    ("The militants said 40 soldiers had been killed in the raid, but that could not be independently verified. "
     "The army said nine soldiers died in the raid.",
     [("The militants said 40 soldiers", "nine soldiers")]),
    # a comparison with the past or a forecast disputes no figure
    ("Police said six people died in the fire at the camp. Officials said the toll was far lower than in last year's fire.", []),
    ("Police said six people died in the fire at the camp. A doctor said the toll is going to be higher.", []),
    # a paragraph opening with a quote mark and closed by "X said" is X's, inner quote marks and all
    ("The rebels had said that 14 soldiers were killed in the ambush.\n\n"
     "\"The convoy was ambushed and three soldiers were killed. Six assailants were also \"neutralised\" and "
     "others fled\" the army spokesman said.", [("14 soldiers", "three soldiers")]),
    # one incident's tolls far apart in the story: the events stage holds both figures, however far apart
    ("A truck bomb killed 85 people at a checkpoint in the town of Dalvora on Sunday, according to a police official. "
     "The blast destroyed several shops and a mosque. Witnesses described scenes of panic. The army sealed off the area. "
     "No group has claimed the attack. The town has been the scene of fighting for months. "
     "Aid agencies said hospitals were overwhelmed. The government condemned the attack. Residents fled to nearby villages. "
     "Later, the district mayor's spokesman said nine people were killed in the truck bombing.",
     [("killed 85 people", "nine people were killed")]),
    # two sources on an incident told apart from the story's dispute that incident's toll
    ("A car bomb killed 85 people near a market in Dalvora on Saturday, according to a defence official. "
     "Police said 40 people were killed in a separate attack on a bus station on Friday. "
     "The governor's spokesman said nine people were killed in the attack on the bus station.",
     [("40 people", "nine people")]),
    # the same two speakers on two incidents the events stage keeps apart
    ("A car bomb killed 85 people near a market in Dalvora on Sunday, a defence official told reporters. "
     "Separately, the governor's spokesman said nine people were killed in a mortar strike on the port of Kessa on Saturday.", []),
    # a superlative ranks the incident ("the deadliest attack this year", "one of the worst attacks"):
    # neither a running total nor several incidents
    ("A car bomb killed 85 people in Dalvora on Sunday, the deadliest attack in the region this year, "
     "according to a defence official. The governor's spokesman said nine people were killed in the bombing.",
     [("killed 85 people", "nine people were killed")]),
    ("Eighty-five people were killed in Sunday's car bombing in Dalvora, according to a defence official, "
     "in one of the worst attacks of the conflict. Speaking to reporters, the governor's spokesman said the bombing "
     "had killed nine people.",
     [("Eighty-five people", "killed nine people")]),
    # ... but a running total stays one beside a superlative
    ("Police said four people were killed in Monday's raid on the village, the deadliest raid this year. "
     "A rights group said 300 people have been killed in the region since January.", []),
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


def test_a_speaker_revising_its_figure_is_an_update(doc_of):
    doc = doc_of("Police said on Monday that seven people died in the bus bombing. "
                 "Police later said 11 people died in the bombing.")
    assert [c for c in doc.contradictions if c.kind == "numeric"] == []
    (u,) = doc.updates
    assert u.kind == "update" and (u.a.value, u.b.value) == (7, 11)
    assert "seven people died" in doc.span_text(u.a.evidence) and "11 people died" in doc.span_text(u.b.evidence)


DISPUTED_WITHOUT_A_FIGURE = [
    ("Police said six people died in the fire at the camp. Residents said the real toll was much higher.",
     "six people died", "the real toll was much higher"),
    ("The rebels said they had killed 50 soldiers near the dam. The army said the figure was grossly inflated.",
     "killed 50 soldiers", "grossly inflated"),
]


@pytest.mark.parametrize("text,figure,dispute", DISPUTED_WITHOUT_A_FIGURE, ids=[d[2] for d in DISPUTED_WITHOUT_A_FIGURE])
def test_a_figure_disputed_without_a_figure(contradictions_of, text, figure, dispute):
    got = contradictions_of(text)
    assert len(got) == 1, got
    assert figure in got[0][0] and dispute in got[0][1]
