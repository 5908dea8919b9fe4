"""ACLED typing: (sentence, expected (type, sub-event type)) from several conflicts.

The sentences are written for these tests (Sahel, Sudan, Ukraine, Myanmar,
Colombia, DR Congo, Somalia, ...); none comes from the seed articles.
"""

import pytest

B, E, V, P, R, S = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                    "Strategic developments")

CASES = [
    # Battles
    ("Soldiers clashed with jihadists near Djibo on Monday.", (B, "Armed clash")),
    ("Ukrainian forces repelled 30 Russian attacks near Pokrovsk on Sunday.", (B, "Armed clash")),
    ("Jihadists ambushed a convoy of the Malian army near Tinzaouatene, killing dozens.", (B, "Armed clash")),
    ("Fighting between the Sudanese army and the Rapid Support Forces killed 15 fighters in El Obeid.", (B, "Armed clash")),
    ("Dozens of soldiers were killed when militants attacked an army base near Menaka.", (B, "Armed clash")),
    ("Rebels of the Arakan Army captured the town of Paletwa on Sunday.", (B, "Non-state actor overtakes territory")),
    ("Ukrainian troops recaptured the village of Robotyne on Tuesday.", (B, "Government regains territory")),
    # Explosions / remote violence
    ("An air strike by the army hit a market in Tangaza, killing at least 30 people.", (E, "Air/drone strike")),
    ("A drone strike killed a senior al-Shabaab commander in Jilib on Friday.", (E, "Air/drone strike")),
    ("Russian forces shelled the city of Kharkiv overnight, killing two civilians.", (E, "Shelling/artillery/missile attack")),
    ("A roadside bomb exploded near a military convoy in the Gao region, killing four soldiers.", (E, "Remote explosive/landmine/IED")),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu, killing seven people.", (E, "Suicide bomb")),
    ("Israeli strikes killed at least 20 people in Gaza on Tuesday, health officials said.", (E, "Air/drone strike")),
    ("A Russian missile strike on Odesa killed four people overnight.", (E, "Shelling/artillery/missile attack")),
    ("Sudanese army drones struck RSF positions in Omdurman overnight.", (E, "Air/drone strike")),
    # a weapon as the agent of a passive names the means
    ("Three fighters of the rebel group were killed by an Iranian drone near Sardasht on Friday.", (E, "Air/drone strike")),
    ("Attackers threw a grenade into a bar in Bujumbura on Saturday, wounding ten people.", (E, "Grenade")),
    # ACLED types by the means: the instrument of an attack decides, whoever was hit
    ("The rebels attacked the port of Hodeidah with ballistic missiles on Tuesday.", (E, "Shelling/artillery/missile attack")),
    ("The militia targeted two navy frigates with a swarm of drones on Sunday.", (E, "Air/drone strike")),
    ("Paramilitaries targeted residential districts of Nyala with artillery bombardment on Monday, killing 9 civilians.",
     (E, "Shelling/artillery/missile attack")),
    ("A fighter jet dropped four bombs on the village of Kan Gyi on Tuesday.", (E, "Air/drone strike")),
    ("The coalition said it carried out a strike against militants in Marib on Friday.", (E, "Air/drone strike")),
    ("An enemy strike on a hospital in Sumy killed five people on Sunday.", (E, "Air/drone strike")),
    ("Armed men targeted an army checkpoint near Kaya on Friday.", (B, "Armed clash")),
    ("Militants fired a barrage of rockets at the air base in Kandahar on Monday.", (E, "Shelling/artillery/missile attack")),
    # Violence against civilians
    ("Gunmen killed 12 villagers in an attack on Kadji on Sunday.", (V, "Attack")),
    ("Boko Haram militants abducted 40 schoolgirls from a school in Borno State on Monday.", (V, "Abduction/forced disappearance")),
    ("A Palestinian was killed by Israeli troops in Jenin on Tuesday.", (V, "Attack")),
    # Protests and riots
    ("Hundreds of people rallied peacefully in Bamako on Friday to demand elections.", (P, "Peaceful protest")),
    ("Police fired tear gas to disperse hundreds of protesters who had gathered in Khartoum on Thursday.", (P, "Protest with intervention")),
    ("Police in Nairobi used tear gas against protesters demanding the president's resignation.", (P, "Protest with intervention")),
    ("Security forces shot dead three protesters in Omdurman on Thursday.", (P, "Excessive force against protesters")),
    ("Rioters torched cars and threw stones at police in Dakar on Monday.", (R, "Violent demonstration")),
    ("A mob lynched a man accused of theft in Goma on Sunday.", (R, "Mob violence")),
    # Strategic developments
    ("Colombian police arrested a FARC dissident commander in Cali on Wednesday.", (S, "Arrests")),
    ("The militia pledged allegiance to the Islamic State in a video released on Friday.", (S, "Change to group/activity")),
    ("Militants set fire to a church in the village of Kamba on Sunday.", (S, "Looting/property destruction")),
    ("Attackers set ablaze dozens of houses in the village of Tula on Monday.", (S, "Looting/property destruction")),
    ("The government and the rebels signed a ceasefire agreement in Doha on Saturday.", (S, "Agreement")),
    ("Troops defused a bomb planted on a road near Kidal on Monday.", (S, "Disrupted weapons use")),
    ("Most of the drones were intercepted over the Black Sea on Monday, the navy said.", (S, "Disrupted weapons use")),
    # ACLED: goods and equipment seized by an armed group are looting
    ("The insurgents also took six pickup trucks and a cache of rifles from the garrison in Bulo Burte.",
     (S, "Looting/property destruction")),
    ("The rebels set up a new base in the hills above Bunia last month.", (S, "Headquarters or base established")),
    ("The government deployed 2,000 troops to the northern province of Cabo Delgado last week.", (S, "Other")),
    ("The general deposed the civilian government on Monday and suspended the constitution.", (S, "Other")),
    ("The two factions agreed to open peace talks in Addis Ababa on Friday.", (S, "Agreement")),
    ("Army units neutralised eight insurgents near Mopti on Sunday.", (B, "Armed clash")),
    # a war or an insurgency told with its start (background, with its own time)
    ("The insurgency, which erupted in the Pool region in 2016, has displaced thousands.", (B, "Armed clash")),
    ("The rebels launched an insurgency against the government in 1998.", (B, "Armed clash")),
    # a lede in the present perfect with an indefinite subject tells one incident, not a running total
    ("A suicide bomber has killed three policemen near a market in Kirkuk, officials said.", ("Explosions/Remote violence", "Suicide bomb")),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_acled_type(events_of, text, expected):
    got = [(e["acled_type"], e["acled_sub_type"]) for e in events_of(text)]
    assert expected in got, got


NOT_EVENTS = [
    "The rebels threatened to attack Goma if the army did not withdraw.",          # a threat
    "The militants did not attack the town.",                                      # negated
    "The government denied that it had any plans for new offensives.",            # a denial, no event
    "Analysts warn that attacks on aid convoys could rise during the rainy season.",  # hypothetical, generic
    "This is a battle cry that fighters chant at funerals.",                       # 'battle' as a modifier
    "The group has carried out numerous bombings in the region.",                 # several events, none told
    "Insurgents regularly ambush convoys on the road to Kidal.",                    # habitual present
    "Dock workers began a general strike in Port Sudan on Monday.",                # a labour strike
    "Thousands of young men took up arms against the junta.",                      # an idiom, no weapons taken
    "Police intercepted phone calls between the suspects in Kampala.",             # not weapons
    "The administration targeted 13 more officials with sanctions on Wednesday.",  # no armed act
    "Thousands have been arrested since the protests began, activists say.",      # a running count
    "More than 500 people have been arrested in the province since the declaration of martial law.",  # counted too
    "The rebels have been waging an insurgency in the hills for years.",           # over a period
    "The army has deployed thousands of troops in the region in recent years.",    # over a period
    # the toll of a count of incidents is no incident of its own
    "The monitor said jets have carried out 40 air raids on the province in the last six months, killing 90 people.",
]


def test_a_deployment_for_another_event_is_part_of_it(events_of):
    got = [e["acled_sub_type"] for e in events_of("Police sent officers to disperse the march in Lome on Monday.")]
    assert got == ["Protest with intervention"], got


@pytest.mark.parametrize("text", NOT_EVENTS, ids=[t[:40] for t in NOT_EVENTS])
def test_not_an_event(events_of, text):
    assert events_of(text) == []


@pytest.mark.parametrize("text, expected", [
    # a bare "strike" by no state beside an attack on the ground is a word for that attack
    ("Gunmen killed four guards after storming a prison near Maiduguri on Sunday in their boldest strike on a "
     "state building this year.", [(B, "Armed clash")]),
    # armed men who enter a camp or a base during an attack take no territory
    ("The rebels, who entered the army camp in Borno state on Monday, were killed in the ensuing firefight.",
     [(B, "Armed clash")]),
])
def test_one_act_one_type(events_of, text, expected):
    got = [(e["acled_type"], e["acled_sub_type"]) for e in events_of(text)]
    assert got == expected, got


def test_a_facility_word_after_a_common_noun_names_no_place(events_of):
    evs = events_of("Militants killed three policemen in Borno state after storming into a police camp on Saturday.")
    assert evs and all(e["location"] == "Borno state" for e in evs), [(e["acled_sub_type"], e["location"]) for e in evs]


def test_similar_incidents_are_no_incident(events_of):
    # a plural of "similar" / "such" incidents counts incidents of a kind, not the one told: it dates nothing
    got = events_of("Rebels attacked a police post in Kalemie on Monday. \u201cAs a result, three of our officers were "
                    "killed,\u201d the police said, blaming the rebels for similar recent attacks in the area.")
    assert got and all(e["time_text"] == "on Monday" for e in got), [(e["evidence"], e["time_text"]) for e in got]


def test_a_kind_of_event_is_no_event(events_of):
    # "X are rare / common": a statement about a kind of event, even in a dated paragraph
    got = events_of("Gunmen shot dead five traders at a market in Koro on Friday. Abductions are common on the road "
                    "to the market.")
    assert [e["acled_sub_type"] for e in got] == ["Attack"], got
