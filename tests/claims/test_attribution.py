"""Claims from sentences of other conflicts: (text, expected claims) tables.

Each expected claim is (source contains, source kind, stance, cue). The texts
are written for these tests; none comes from the seed articles.
"""

import pytest

from newsfusion.model import Article
from newsfusion.pipeline import Pipeline

CASES = [
    ("Sudan's army said on Tuesday that its forces had retaken the town of Wad Madani.",
     [("army", "named_org", "assert", "said")]),
    ('"We will not surrender," said Ahmed Hassan, a spokesman for the Rapid Support Forces.',
     [("Ahmed Hassan", "named_person", "assert", "said")]),
    ("According to two humanitarian workers who asked not to be named, at least 40 civilians were killed in the attack.",
     [("humanitarian workers", "anonymous", "assert", "According to")]),
    ('The Kremlin denied that Russian troops had struck the hospital.',
     [("Kremlin", "named_org", "deny", "denied")]),
    ("Residents told Reuters that gunmen had stormed the village overnight.",
     [("Residents", "anonymous", "assert", "told")]),
    ("The militants are believed to have crossed the border from Niger.",
     [("author", "author", "hedge", "are believed")]),
    ("Al-Shabaab claimed responsibility for the bombing in a statement on its Telegram channel.",
     [("Shabaab", "named_org", "assert", "claimed responsibility")]),
    ("Ukraine's defence ministry accused Russia of shelling civilian areas in Kharkiv.",
     [("ministry", "named_org", "assert", "accused")]),
    ("Local officials put the death toll at 23.",
     [("officials", "anonymous", "assert", "put")]),
    ('"There were bodies everywhere," one survivor said.',
     [("survivor", "anonymous", "assert", "said")]),
    ('Myanmar\'s military government dismissed the accusations as "fabricated".',
     [("government", "named_org", "deny", "dismissed")]),
    ("The governor of North Kivu, Peter Cirimwami, told AFP that the rebels had been pushed back.",
     [("Peter Cirimwami", "named_person", "assert", "told")]),
    ("Fighting continued near Bakhmut on Sunday, a Ukrainian military source said.",
     [("Ukrainian military source", "anonymous", "assert", "said")]),
    ("The rebels, the UN said, had blocked aid convoys for weeks.",
     [("UN", "named_org", "assert", "said")]),
    ('Asked about the strike, a spokeswoman for the ministry said: "These claims are baseless."',
     [("spokeswoman", "anonymous", "deny", "said")]),
    ("The group's leader reportedly fled to Libya.",
     [("author", "author", "hedge", "reportedly")]),
    ("The African Union condemned the attack on the camp near Goma.",
     [("African Union", "named_org", "assert", "condemned")]),
    ("A man who said he spoke for the militia told reporters that it had nothing to do with the raid.",
     [("man", "anonymous", "deny", "told")]),
    ("The defence ministry said its forces did not carry out any strikes on the city.",
     [("ministry", "named_org", "deny", "said")]),
    ("Ten people died in the raid, with some outlets saying nine had been killed.",
     [("outlets", "media", "assert", "saying")]),
    # reported speech inside a claim is a claim of its own, except inside a direct quotation
    ("The monitor said the shelling began hours after the rebels claimed control of the airport.",
     [("monitor", "anonymous", "assert", "said"), ("rebels", "anonymous", "assert", "claimed")]),
    ('"Last week the radio said they would leave us alone, now they burn our fields," said a farmer in the valley.',
     [("farmer", "anonymous", "assert", "said")]),
    ("The convoy was stopped by what drivers said were soldiers in plain clothes.", []),
    ("The coalition will announce the new casualty figures on Friday.", []),
    # one claim per speaker
    ("Hospital staff and a police officer said eleven people died in the blast.",
     [("Hospital staff", "anonymous", "assert", "said"), ("police officer", "anonymous", "assert", "said")]),
    ("Security and health officials said the convoy was hit twice.",
     [("Security officials", "anonymous", "assert", "said"), ("health officials", "anonymous", "assert", "said")]),
    ("Elders, including a former mayor of the town, said the fighters had left at dawn.",
     [("Elders", "anonymous", "assert", "said"), ("former mayor", "anonymous", "assert", "said")]),
    ("The health ministry said in a statement published on Sunday that four nurses had died in the shelling.",
     [("ministry", "named_org", "assert", "said")]),
    ("Days after the strike, IS said it had carried out the bombing near Mosul.",
     [("IS", "named_org", "assert", "said")]),
    # relative and embedded attribution, participles, inversions, misparsed verbs
    ("The regional governor, who had earlier announced a curfew, said the town was calm.",
     [("governor", "anonymous", "assert", "announced"), ("governor", "anonymous", "assert", "said")]),
    ('"The attack also wounded several guards," said in a statement Ibrahim Keita.',
     [("Ibrahim Keita", "named_person", "assert", "said")]),
    ("The electoral commission confirmed the results but said turnout was low in the north.",
     [("commission", "named_org", "assert", "confirmed"), ("commission", "named_org", "assert", "said")]),
    ("The militia denied burning the market.", [("militia", "anonymous", "deny", "denied")]),
    ("The group has pledged revenge for the killing of its commander.", [("group", "anonymous", "assert", "pledged")]),
    ("The police confirmed witness reports saying two men had been shot.",
     [("police", "named_org", "assert", "confirmed"), ("witness reports", "anonymous", "assert", "saying")]),
    # cue words beyond 'said'
    ("The envoy expressed concern about the growing number of displaced people.", [("envoy", "anonymous", "assert", "expressed")]),
    ("Police identified the attacker as a 24-year-old former soldier.", [("Police", "named_org", "assert", "identified")]),
    ("A local official gave a death toll of 14.", [("local official", "anonymous", "assert", "gave")]),
    ("The monitoring group has documented more than 300 attacks on clinics.", [("monitoring group", "anonymous", "assert", "documented")]),
    ("Villagers blamed the herders.", [("Villagers", "anonymous", "assert", "blamed")]),
    ("The minister commended the troops for their restraint.", [("minister", "anonymous", "assert", "commended")]),
    ("Investigators suspect that the fire at the depot was started deliberately.", [("Investigators", "anonymous", "hedge", "suspect")]),
    ("The Islamic State jihadist group claimed the bombing in a statement.", [("Islamic State", "named_org", "assert", "claimed")]),
    ("Aid agencies voiced alarm at the lack of food in the camps.", [("Aid agencies", "anonymous", "assert", "voiced")]),
    ("The army gave no details.", []),
    # the author's own doubt
    ("It is unclear how many fighters were killed in the clashes.", [("author", "author", "hedge", "It is unclear")]),
    ("It was not immediately clear who carried out the attack.", [("author", "author", "hedge", "It was not immediately clear")]),
    ("The alleged massacre took place in a village near Djibo.", [("author", "author", "hedge", "alleged")]),
    ("Reuters could not independently verify the footage.", [("author", "author", "hedge", "could not independently verify")]),
    ("The rebels said they shot down a helicopter, but that could not be independently verified.",
     [("rebels", "anonymous", "assert", "said"), ("author", "author", "hedge", "could not be independently verified")]),
    ("The casualties, if confirmed, would make it the deadliest attack this year.", [("author", "author", "hedge", "if confirmed")]),
    ("Thousands of detainees are accused of links to the militia.", [("author", "author", "hedge", "are accused")]),
    ("The suspected militants fled into the forest.", []),
    ("Police arrested twelve protesters in the capital.", []),
    ("He hopes to say more next week.", []),
    ("The town was governed according to customary law.", []),
]


@pytest.fixture(scope="module")
def claims_pipe():
    return Pipeline(["nlp", "entities", "claims"])


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_claims(claims_pipe, text, expected):
    doc = claims_pipe(Article(text=text))
    got = [(c.source, c.source_kind, c.stance, doc.span_text(c.cue)) for c in doc.claims]
    assert len(got) == len(expected), got
    for (src, kind, stance, cue), (g_src, g_kind, g_stance, g_cue) in zip(expected, got):
        assert src.lower() in g_src.lower(), got
        assert (kind, stance) == (g_kind, g_stance), got
        assert cue.lower() == g_cue.lower(), got
