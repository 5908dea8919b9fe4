"""PLOVER event type and mode for every ACLED sub-event type (data/event_plover.tsv)."""

import pytest

from newsfusion.events.plover import ACLED_SUB_TYPES, load_mapping, plover_for

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
                "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.mark.parametrize("sub_type", ACLED_SUB_TYPES)
def test_every_sub_type_has_a_plover_type(sub_type):
    ptype, _ = plover_for(sub_type)
    assert ptype in PLOVER_TYPES


def test_the_table_names_only_known_sub_types():
    assert {sub for sub, _ in load_mapping()} == set(ACLED_SUB_TYPES)


@pytest.mark.parametrize("sub_type,frame,weapon,expected", [
    ("Air/drone strike", "airstrike", "warplane", ("ASSAULT", "aerial")),
    ("Air/drone strike", "airstrike", "drone", ("ASSAULT", "drone")),
    ("Attack", "attack", "machete", ("ASSAULT", "primitive")),
    ("Suicide bomb", "suicide", None, ("ASSAULT", "suicide-attack")),
    ("Arrests", "arrest", None, ("COERCE", "arrest")),
    ("Abduction/forced disappearance", "abduct", None, ("ASSAULT", "abduct")),
    ("Peaceful protest", "protest", None, ("PROTEST", "demo")),
    ("Violent demonstration", "riot", None, ("PROTEST", "riot")),
    ("Other", "intel", None, ("COOPERATE", None)),
    ("Other", "capture", None, ("COERCE", "seize")),
    ("Agreement", "agreement", None, ("AGREE", None)),
])
def test_mode_refinements(sub_type, frame, weapon, expected):
    assert plover_for(sub_type, frame, weapon) == expected


def test_events_carry_plover(events_of):
    ev = events_of("A drone strike killed a senior al-Shabaab commander in Jilib on Friday.")[0]
    assert ev["plover"] == {"type": "ASSAULT", "mode": "drone"}
