"""The one casualty-figure reader (``events.fatalities.read_figures``) that events and
contradictions share: (sentence, [(side, low, high)]) tables of invented sentences."""

import pytest

from newsfusion.events.fatalities import read_figures

FIGURES = [
    ("The army said 12 soldiers had been killed.", [("soldiers", 12, 12)]),
    ("Troops killed at least 40 militants near the border.", [("militants", 40, None)]),
    ("Local sources put the number of dead civilians at 65.", [("civilians", 65, 65)]),
    ("Seventeen of its own soldiers were also killed.", [("soldiers", 17, 17)]),
    ("The shelling killed between 10 and 12 people, medics said.", [("people", 10, 12)]),
    ("Up to 40 people died in the fire, a witness said.", [("people", None, 40)]),
    ("The death toll rose to 21 on Sunday.", [("people", 21, 21)]),
    ("The toll from the ambush has climbed to 33 people, a medic said.", [("people", 33, 33)]),
    ("A local chief said there were at least 14 killed and many others injured.", [("people", 14, None)]),
    ("The ministry said at least four Malian soldiers lost their lives.", [("soldiers", 4, None)]),
    ("Three of our fighters were martyred, the movement said.", [("fighters", 3, 3)]),
    ("Rescuers said nine bodies were recovered from the rubble.", [("people", 9, 9)]),
    ("The bodies of 11 fishermen were found on the shore.", [("fishermen", 11, 11)]),
    ("The army denied any casualties.", [("people", 0, 0)]),
    ("The rebels said all their fighters survived the raid.", [("fighters", 0, 0)]),
    ("No casualties were reported after the blast.", [("people", 0, 0)]),
    ("The blast killed two guards; no one else was hurt.", [("guards", 2, 2)]),
    ("Dozens of soldiers were killed.", []),
    ("Twelve soldiers were wounded.", []),
    ("No injuries were reported.", []),
]


@pytest.mark.parametrize("text,expected", FIGURES, ids=[f[0][:40] for f in FIGURES])
def test_figures(doc_of, text, expected):
    assert [(f.side, f.low, f.high) for f in read_figures(doc_of(text))] == expected


VICTIMS = [
    ("Gunmen killed five Ugandan police officers near Kasese.", "five Ugandan police officers"),
    ("The group said two of its commanders, who led the assault, were killed.", "two of its commanders"),
]


@pytest.mark.parametrize("text,expected", VICTIMS, ids=[v[0][:40] for v in VICTIMS])
def test_figure_names_who_died(doc_of, text, expected):
    doc = doc_of(text)
    assert [doc.span_text(f.victims) for f in read_figures(doc)] == [expected]
