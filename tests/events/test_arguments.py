"""Event arguments: (sentence, expected actor / target / location / time) tables.

Sentences written for these tests, from several conflicts; none from the seeds.
"""

import pytest


def first_event(events, acled_type=None):
    evs = [e for e in events if acled_type is None or e["acled_type"] == acled_type]
    assert evs, events
    return evs[0]


ACTORS = [
    # subject of an active verb, passive "by" phrase, nominal "by", "between X and Y"
    ("Boko Haram militants abducted 40 schoolgirls from a school in Borno State on Monday.", "Boko Haram"),
    ("A Palestinian was killed by Israeli troops in Jenin on Tuesday.", "Israeli army"),  # troops are the army (GUIDE)
    ("Fighting between the Sudanese Armed Forces and the Rapid Support Forces killed 15 civilians in El Fasher.", "Sudanese Armed Forces"),
    # a member noun attached to an organisation gives the organisation
    ("Fighters of the Arakan Army captured the town of Paletwa on Sunday.", "Arakan Army"),
    ("Al-Shabaab gunmen stormed a hotel in Mogadishu on Friday, killing nine people.", "Al-Shabaab"),
    # a claim of responsibility names the actor
    ("Al-Shabaab claimed responsibility for a car bomb that killed six soldiers in Baidoa on Monday.", "Al-Shabaab"),
    # "X, which was behind the attack": a named group stands in for the gunmen of the account
    ("Gunmen attacked a bus near Garissa on Monday, killing six passengers. Police blamed al-Shabab, which was behind "
     "the attack.", "al-Shabab"),
    # nationality adjective + noun keeps the description
    ("Colombian police arrested a FARC dissident commander in Cali on Wednesday.", "Colombian police"),
    # a definite group description refers back to the group named before
    ("Boko Haram fighters raided the village of Kukawa on Sunday. The group also abducted 12 women there.", "Boko Haram"),
    # the nationality of a strike names the state behind it
    ("A Turkish strike on a village near Duhok killed four people on Monday.", "Turkey"),
    # "the attack was led by X"
    ("Gunmen attacked the town of Boni on Monday. The attack on Boni was led by Ansar Dine.", "Ansar Dine"),
    # an act told in an "after ...ing" clause has the subject of the main verb
    ("Rebel fighters fled into the forest after killing two soldiers near Kasindi.", "Rebel fighters"),
    # a weapon is no actor: the nationality of the weapon that killed names the state
    ("Three fighters of the rebel group were killed by an Iranian drone near Sardasht on Friday.", "Iran"),
]


@pytest.mark.parametrize("text,actor", ACTORS, ids=[a[0][:40] for a in ACTORS])
def test_actor(events_of, text, actor):
    evs = events_of(text)
    assert any(actor in a for e in evs for a in e["actors"]), [(e["acled_sub_type"], e["actors"]) for e in evs]


NOT_ACTORS = [
    # a place's possessive says where, the dateline where the report was filed, victims are no agents
    ("Four soldiers were killed in Tigray's deadliest ambush this year.", "Tigray"),
    ("KIDAL, Mali (Reuters) - Rebels attacked an army post on Monday.", "KIDAL"),
    ("Ten villagers died during an attack on Kaya on Sunday.", "villagers"),
    ("The death toll from a rebel attack on Beni has risen to 30.", "toll"),
    ("Three fighters of the rebel group were killed by an Iranian drone near Sardasht on Friday.", "drone"),
]


@pytest.mark.parametrize("text,wrong", NOT_ACTORS, ids=[a[0][:40] for a in NOT_ACTORS])
def test_not_an_actor(events_of, text, wrong):
    evs = events_of(text)
    assert evs and not any(wrong.lower() in a.lower() for e in evs for a in e["actors"]), [(e["acled_sub_type"], e["actors"]) for e in evs]


def test_we_in_a_quote_is_the_speakers_group(events_of):
    text = 'Abu Salim, a spokesman for the Ahrar Brigade, told AFP: "This morning we stormed the army post near Kafr Nabl."'
    evs = events_of(text)
    assert any("Ahrar Brigade" in a for e in evs for a in e["actors"]), [(e["acled_sub_type"], e["actors"]) for e in evs]


TARGETS = [
    ("Colombian police arrested a FARC dissident commander in Cali on Wednesday.", "FARC dissident commander"),
    ("Soldiers clashed with jihadists near Djibo on Monday.", "jihadists"),
    ("Militants set fire to a church in the village of Kamba on Sunday.", "church"),
    ("A jihadist commander, Amadou Diallo, was killed during a raid by troops on his home in Mopti on Monday.", "Amadou Diallo"),
    ("The militia pledged allegiance to the Islamic State in a video released on Friday.", "Islamic State"),
]


@pytest.mark.parametrize("text,target", TARGETS, ids=[t[0][:40] for t in TARGETS])
def test_target(events_of, text, target):
    evs = events_of(text)
    assert any(target in t for e in evs for t in e["targets"]), [(e["acled_sub_type"], e["targets"]) for e in evs]


LOCATIONS = [
    ("Russian forces shelled the city of Kharkiv overnight, killing two civilians.", "Kharkiv"),
    ("Gunmen killed 12 villagers in an attack on Kadji in the Tillaberi region on Sunday.", "Kadji"),   # the village, not the region
    ("Rebels of the Arakan Army captured the town of Paletwa on Sunday.", "Paletwa"),
    ("Rockets fired from Gaza struck Sderot on Monday.", "Gaza"),  # fired from
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu, killing seven people.", "Mogadishu"),
    # no place in the sentence: the article's place
    ("Clashes erupted in Bamako on Monday. Police arrested 30 people on Tuesday.", "Bamako"),
    # coordinated verbs share the place the parser hangs on the last one
    ("More than 20 villagers were killed and wounded in Tula on Sunday, residents said. "
     "Troops also detained and beat men in Tula.", "Tula"),
    # where a missile struck beats where it came from
    ("The rebels fired two missiles from Idlib at a base in Latakia on Friday.", "Latakia"),
    # a place naming a weapon, a border line or a party is not the event's place
    ("Militants fired Grad rockets at a base in Kirkuk on Monday.", "Kirkuk"),
    ("Gunmen attacked an army post in Tera near the Malian border on Sunday.", "Tera"),
]


@pytest.mark.parametrize("text,place", LOCATIONS, ids=[t[0][:40] for t in LOCATIONS])
def test_location(events_of, text, place):
    evs = events_of(text)
    assert all(e["location"] == place for e in evs) and evs, [(e["acled_sub_type"], e["location"]) for e in evs]


def test_two_towns_are_two_events(events_of):
    evs = events_of("Jihadists overran two towns, Boni and Hombori, on Sunday, residents said.")
    assert sorted(e["location"] for e in evs) == ["Boni", "Hombori"]
    assert {e["acled_sub_type"] for e in evs} == {"Non-state actor overtakes territory"}


@pytest.mark.parametrize("text, first", [
    ("Rebels captured Kalehe, Minova and Nyabibwe on Tuesday, residents said.", "Kalehe"),
    ("Rebels overran Kidal and Tessalit on Sunday, residents said.", "Kidal"),
])
def test_one_act_on_places_coordinated_is_one_event(events_of, text, first):
    """GUIDE: one incident one event; only a plural place noun ("two towns, A and B") lists
    places ACLED codes apart."""
    evs = [e for e in events_of(text) if e["acled_type"] == "Battles"]
    assert len(evs) == 1 and evs[0]["location"] == first, [(e["acled_sub_type"], e["location"]) for e in evs]


TIMES = [
    ("Soldiers clashed with jihadists near Djibo on Monday.", "on Monday"),
    # the time of a statement does not date the event
    ("A drone strike on a farm killed six herders, residents said on Friday.", None),
    ("In a statement issued on Friday, the group said it had fired rockets at the airport.", None),
    ("In recent days, the militants have been attacking army posts around Djibo with rockets.", "In recent days"),
    # a "since" phrase and a year inside a noun do not date the event
    ("Rebels captured Goma on Tuesday, the worst defeat for the army since the 2012 crisis.", "on Tuesday"),
    # the time as written: the words that place it within its span come with it
    ("Militants attacked an army base near Kismayu early on Sunday, officials said.", "early on Sunday"),
    ("Gunmen opened fire early last Tuesday in the town of Kouri, killing 20 people.", "early last Tuesday"),
    ("Three fighters were killed in an air strike on Rafah earlier today, medics said.", "earlier today"),
    ("In late 2021, the army launched an offensive against the rebels near Beni.", "In late 2021"),
    ("Rebels shelled a residential building in Kassala late on Thursday night, killing 13.", "late on Thursday night"),
]


@pytest.mark.parametrize("text,time", TIMES, ids=[t[0][:40] for t in TIMES])
def test_time(events_of, text, time):
    evs = events_of(text)
    assert evs and evs[0]["time_text"] == time, [(e["acled_sub_type"], e["time_text"]) for e in evs]


def test_time_keeps_resolved_range(events_of):
    ev = first_event(events_of("Soldiers clashed with jihadists near Djibo on Monday.", published="2025-03-12"))
    assert ev["time"]["start"] == "2025-03-10" and ev["time"]["resolved"] is True


def test_evidence_span_points_at_the_sentence(pipeline):
    from newsfusion.model import Article

    text = "The market reopened. Gunmen killed 12 villagers in an attack on Kadji on Sunday. Aid arrived later."
    doc = pipeline(Article(text=text))
    ev = doc.events[0]
    assert doc.span_text(ev.evidence) == "Gunmen killed 12 villagers in an attack on Kadji on Sunday."
    assert doc.span_text(ev.trigger) in ("killed", "attack")


def test_the_dateline_is_not_the_place(events_of):
    text = ("Air strike kills six in village\n\n"
            "NAIROBI: An air strike on a farm killed six herders, residents said on Friday.\n\n"
            "Jets bombed the village of Dhusamareb on Thursday night, a resident said.")
    evs = events_of(text, title="Air strike kills six in village")
    assert [e["location"] for e in evs] == ["Dhusamareb"], [(e["acled_sub_type"], e["location"]) for e in evs]


def test_a_party_between_is_not_the_place(events_of):
    evs = events_of("A farmer was killed in the north on Monday amid exchanges of fire between Armenia and Azerbaijan.")
    assert all(e["location"] != "Armenia" for e in evs), [(e["acled_sub_type"], e["location"]) for e in evs]


PARTIES = [
    # people who are not armed, and their homes, are civilians (GUIDE.md: targets as ACLED names them)
    ("Gunmen killed 12 villagers in the village of Kadji on Sunday.", "civilians"),
    ("Rebels burned dozens of houses in the village of Tula on Monday.", "civilians"),
    # soldiers and police officers are their country's army and police
    ("Militants killed four Malian soldiers near Gao on Monday.", "Malian army"),
    ("Jihadists attacked a checkpoint in northern Burkina Faso on Friday, killing three policemen.", "Burkinabe police"),
    # fighters are their group
    ("Two Islamic Jihad fighters were killed on Tuesday in an Israeli drone strike in Jenin.", "Islamic Jihad"),
]


@pytest.mark.parametrize("text,target", PARTIES, ids=[t[0][:40] for t in PARTIES])
def test_target_named_as_acled_does(events_of, text, target):
    evs = events_of(text)
    assert any(t == target for e in evs for t in e["targets"]), [(e["acled_sub_type"], e["targets"]) for e in evs]


def test_people_arrested_are_the_persons(events_of):
    evs = events_of("Police arrested 15 Boko Haram fighters in Maiduguri on Monday.")
    assert any(t == "Boko Haram fighters" for e in evs for t in e["targets"]), [(e["acled_sub_type"], e["targets"]) for e in evs]


FINEST_PLACE = [
    # a name the text calls a place is a place, whatever type the entities gave it
    ("Rebels attacked soldiers guarding a road project in Kombo district on Thursday.", "Kombo district"),
    # the most specific place any telling states: the lede says the country, the body the village
    ("Gunmen killed six people in northern Nigeria on Sunday, police said.\n\n"
     "The attack took place in the village of Tungan Kudu, a police spokesman said.", "Tungan Kudu"),
    # a country modifying the town it is in: the town
    ("A car bomb exploded at a checkpoint on the outskirts of the Syria border town of Rutba on Monday.", "Rutba"),
]


@pytest.mark.parametrize("text,place", FINEST_PLACE, ids=["named-as-place", "finest-telling", "country-then-town"])
def test_the_most_specific_place(events_of, text, place):
    evs = events_of(text)
    assert any(place in (e["location"] or "") for e in evs), [(e["acled_sub_type"], e["location"]) for e in evs]


def test_a_line_is_no_place(events_of):
    evs = events_of("Two soldiers were killed near the border area with Niger in northern Benin on Monday.")
    assert evs and all(e["location"] != "Niger" for e in evs), [(e["acled_sub_type"], e["location"]) for e in evs]


# the agent of fire, the owner behind a stand-in target, a rank's army, a weapon's state
GENERIC_ROLES = [
    ("A policeman was killed by mortar fire from the Islamic State near Baiji on Monday.", "actors", "Islamic State"),
    ("An army patrol came under rocket fire from al-Shabaab militants near Jowhar on Tuesday.", "actors", "al-Shabaab"),
    ("Two soldiers were wounded by sniper fire from Houthi rebels in Hodeidah on Wednesday.", "actors", "Houthi"),
    ("Iraqi aircraft carried out a precision strike on a militant hideout near Rutba on Thursday.", "actors", "Iraqi"),
    ("The opposition leader survived an attack on his life in Goma on Sunday.", "targets", "opposition leader"),
    ("Islamic State fighters launched an attack on a Peshmerga frontline position near Sinjar on Sunday.", "targets", "Peshmerga"),
    ("A brigadier general of the Syrian army was killed by a roadside bomb near Palmyra on Monday.", "targets", "Syrian army"),
    ("A colonel was killed in a roadside bombing in Idlib province on Monday.", "targets", "Syrian army"),
    ("Coalition jets carried out a strike on the location to hit Islamic State militants near Tabqa.", "targets", "Islamic State"),
]


@pytest.mark.parametrize("text,role,expected", GENERIC_ROLES, ids=[t[0][:40] for t in GENERIC_ROLES])
def test_generic_roles(events_of, text, role, expected):
    evs = events_of(text)
    assert any(expected in a for e in evs for a in e[role]), [(e["acled_sub_type"], e[role]) for e in evs]


NOT_ARGUMENTS = [
    ("Coalition jets carried out a strike on the location to hit militants near Tabqa.", "targets", "location"),
    ("The opposition leader survived an attack on his life in Goma on Sunday.", "targets", "life"),
    ("A policeman was killed by mortar fire from the Islamic State near Baiji on Monday.", "location", "Islamic State"),
    ("People attacked a police station in the town of Sibut on Friday.", "actors", "people"),
    ("Russian warplanes struck the town of Saraqeb on Monday, killing nine civilians.", "actors", "warplanes"),
    ("Government forces shelled rebel-held territory on Monday.", "location", "territory"),
    ("Artillery shelled the town of Binnish on Tuesday, killing four residents.", "targets", "town"),
    ("An air strike documented by Human Rights Watch killed seven civilians in Zinjibar on Sunday.", "actors", "Human Rights Watch"),
]


@pytest.mark.parametrize("text,role,wrong", NOT_ARGUMENTS, ids=[t[0][:40] for t in NOT_ARGUMENTS])
def test_not_these_arguments(events_of, text, role, wrong):
    evs = events_of(text)
    vals = [e[role] if isinstance(e[role], list) else [e[role] or ""] for e in evs]
    assert evs and not any(wrong.lower() in (v or "").lower() for vs in vals for v in vs), vals


def test_nationality_of_a_strike_is_the_army_the_article_names(events_of):
    text = ("The Israeli army said it was reviewing the incident. An Israeli strike on a house in Rafah "
            "killed four people on Tuesday.")
    evs = events_of(text)
    assert any("Israeli army" in a for e in evs for a in e["actors"]), [(e["acled_sub_type"], e["actors"]) for e in evs]


def test_an_outlet_is_no_actor(events_of):
    # the outlet of a dateline reports the strike; "its forces" is not the outlet's
    got = events_of("Missiles hit Kharkiv overnight\n\n(Reuters) \u2013 Russia\u2019s defence ministry said on Monday its "
                    "forces had carried out missile strikes overnight against military sites in Kharkiv.")
    assert got and all("Reuters" not in e["actors"] for e in got), [(e["actors"], e["evidence"]) for e in got]


def test_a_party_does_not_act_on_itself(events_of):
    got = events_of("Meanwhile, according to state television, 20 police officers were wounded in clashes with "
                    "protesters in Dakar on Friday.")
    assert got and all(not set(e["actors"]) & set(e["targets"]) for e in got), [(e["actors"], e["targets"]) for e in got]
