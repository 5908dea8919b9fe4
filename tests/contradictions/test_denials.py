"""Denials and what they deny, on short reports written for these tests."""

import pytest

from newsfusion.model import Article


@pytest.fixture(scope="module")
def pipe(pipeline):
    return pipeline


def test_denial_answers_the_claim_it_was_asked_about(pipe):
    doc = pipe(Article(text=(
        "Two aid workers told Reuters that soldiers had burned the market in Eringeti.\n\n"
        "Asked to comment on the aid workers' claims, army spokesman Serge Ilunga told Reuters: \"These are lies.\"")))
    pol = [c for c in doc.contradictions if c.kind == "polarity"]
    assert len(pol) == 1
    assert "burned the market" in doc.span_text(pol[0].a.evidence)
    assert "lies" in doc.span_text(pol[0].b.evidence)
    assert "aid workers" in pol[0].a.source and "Serge Ilunga" in pol[0].b.source


def test_denial_of_presence_against_a_statement_of_presence(pipe):
    doc = pipe(Article(text=(
        "There is growing evidence that al-Shabaab fighters are operating in Mandera. "
        "A government spokesman said: \"There is no presence of al-Shabaab in Mandera.\"")))
    pol = [c for c in doc.contradictions if c.kind == "polarity"]
    assert len(pol) == 1 and "operating in Mandera" in doc.span_text(pol[0].a.evidence)


def test_no_contradiction_without_a_denial(pipe):
    doc = pipe(Article(text="Residents said gunmen attacked the village. Officials said the gunmen fled north."))
    assert doc.contradictions == []


# (report, fragment of the denied statement, fragment of the denial): sides are each statement's own sentence
ANSWERS = [
    ("Rights groups accused the militia of burning three villages near Djugu last month. "
     "Local officials said the fighting had displaced thousands. The militia denies the charge.",
     "Rights groups accused the militia of burning", "The militia denies the charge"),
    ("Police said gunmen killed four farmers near Zurmi on Monday. "
     "The government accuses the rebels of arming the gunmen. The rebels reject those allegations.",
     "The government accuses the rebels of arming", "The rebels reject those allegations"),
]


@pytest.mark.parametrize("text,accused,denial", ANSWERS, ids=[a[2] for a in ANSWERS])
def test_a_denial_answers_the_nearest_accusation(contradictions_of, text, accused, denial):
    got = contradictions_of(text, "polarity")
    assert len(got) == 1, got
    assert accused in got[0][0] and denial in got[0][1]


NO_ANSWER = [
    # "the accusations" with no accusation told
    "The former commander died on Monday in Bukavu, his family said. He had long denied the accusations.",
    # the denial reported inside another claim is no claim it answers
    "The governor denies the doctors' claims, according to a local newspaper.",
]


@pytest.mark.parametrize("text", NO_ANSWER, ids=[t[:40] for t in NO_ANSWER])
def test_a_denial_without_what_it_denies(contradictions_of, text):
    assert contradictions_of(text, "polarity") == []


# a denial of doing something, by its means, against the nearest report of it by someone else
ACTS = [
    ("Doctors said three protesters were shot dead near the palace on Sunday. Police denied using live ammunition.",
     "three protesters were shot dead", "denied using live ammunition"),
    ("Residents said warplanes bombed the market in Kafr Nabl, killing nine people. "
     "The air force denied carrying out any air strikes in the area.",
     "warplanes bombed the market", "denied carrying out any air strikes"),
    # the sentence after "According to X, ..." goes on telling X's account
    ("According to a medical committee, two of the dead were students. Four were shot dead near the bridge. "
     "The police denied firing live rounds.",
     "Four were shot dead", "denied firing live rounds"),
]


@pytest.mark.parametrize("text,act,denial", ACTS, ids=[a[2] for a in ACTS])
def test_a_denial_of_an_act_answers_its_report(contradictions_of, text, act, denial):
    got = contradictions_of(text, "polarity")
    assert len(got) == 1, got
    assert act in got[0][0] and denial in got[0][1]


def test_a_speaker_denying_its_own_act_is_no_dispute(contradictions_of):
    text = "Police said officers fired tear gas and shot two rioters dead. Police denied firing live rounds at the march."
    assert contradictions_of(text, "polarity") == []


# a denial of involvement answers the nearest claim by someone else that blames the denier
RESPONSIBILITY = [
    ("Gunmen attacked the village of Kwall on Sunday, killing 12 people. Police blamed Fulani herders for the attack. "
     "A herders' association denied any involvement.",
     "Police blamed Fulani herders", "denied any involvement"),
    ("The Kenyan government said al-Shabaab militants carried out the bombing. Al-Shabaab denied responsibility for the attack.",
     "al-Shabaab militants carried out the bombing", "denied responsibility"),
]


@pytest.mark.parametrize("text,blame,denial", RESPONSIBILITY, ids=[r[2] for r in RESPONSIBILITY])
def test_a_denial_of_involvement_answers_who_blamed(contradictions_of, text, blame, denial):
    got = contradictions_of(text, "polarity")
    assert len(got) == 1, got
    assert blame in got[0][0] and denial in got[0][1]


def test_a_denial_of_involvement_nobody_alleged(contradictions_of):
    text = "Gunmen attacked the village of Kwall on Sunday, residents said. A herders' association denied any involvement."
    assert contradictions_of(text, "polarity") == []
