"""One event per happening within an article: mentions of the same event merge,
different events stay apart. Texts written for these tests."""


def kinds(events):
    return sorted((e["acled_type"], e["acled_sub_type"]) for e in events)


def test_killing_belongs_to_the_strike_in_the_sentence(events_of):
    evs = events_of("An air strike by the army hit a market in Tangaza on Monday, killing at least 30 people.")
    assert kinds(evs) == [("Explosions/Remote violence", "Air/drone strike")]
    assert evs[0]["fatalities"]["min"] == 30


def test_reference_joins_the_event_it_points_to(events_of):
    text = ("Gunmen attacked the village of Kadji on Sunday, killing 12 villagers. "
            "The attack was the deadliest in the region this year, officials said.")
    evs = events_of(text)
    assert len(evs) == 1 and evs[0]["fatalities"]["min"] == 12


def test_toll_told_in_a_later_sentence_joins_the_battle(events_of):
    text = ("Malian troops fought jihadists near Boni on Monday. "
            "Eleven soldiers were killed in the fighting, a military source said.")
    evs = events_of(text)
    assert kinds(evs) == [("Battles", "Armed clash")] and evs[0]["fatalities"]["min"] == 11


def test_protest_and_its_violence_are_one_gathering(events_of):
    text = ("Hundreds of students marched through Butembo on Saturday to denounce the killings. "
            "Some protesters burned tyres and threw stones at police vehicles.")
    evs = events_of(text)
    assert len([e for e in evs if e["acled_type"] in ("Protests", "Riots")]) == 1


def test_headline_and_body_are_one_event(events_of):
    text = ("Suspected rebels kill nine near Eringeti\n\n"
            "Suspected rebels killed nine civilians in a night raid on a farming village near Eringeti on Monday, "
            "local officials said.")
    evs = events_of(text, title="Suspected rebels kill nine near Eringeti")
    assert len(evs) == 1
    assert evs[0]["evidence"].startswith("Suspected rebels killed nine civilians")


def test_accusation_and_denial_are_one_alleged_event(events_of):
    text = ("Residents accused the soldiers of killing five civilians in the village of Tula on Sunday. "
            "The army denied that its soldiers had killed civilians in Tula.")
    evs = [e for e in events_of(text) if e["acled_type"] == "Violence against civilians"]
    assert len(evs) == 1 and evs[0]["status"] == "alleged"


def test_two_attacks_in_two_towns_stay_apart(events_of):
    text = ("Gunmen killed 12 villagers in Kadji on Sunday. "
            "In a separate attack, militants killed four soldiers at a checkpoint in Tera on Monday.")
    evs = events_of(text)
    assert len(evs) == 2 and sorted(e["location"] for e in evs) == ["Kadji", "Tera"]


def test_clash_and_territory_taken_are_two_events(events_of):
    evs = events_of("Rebels seized the town of Kirumba on Wednesday after a day of fighting with government troops.")
    assert kinds(evs) == [("Battles", "Armed clash"), ("Battles", "Non-state actor overtakes territory")]


def test_raid_ending_in_arrests_is_the_arrests(events_of):
    evs = events_of("Police raided a house in Bunia on Friday and arrested five suspected militia members.")
    assert kinds(evs) == [("Strategic developments", "Arrests")]


# --- the story of one incident told several times (texts written for these tests) ---

def test_lede_and_body_account_are_one_clash(events_of):
    text = ("Jihadists kill 14 in attack on militia post\n\n"
            "Jihadists have killed 14 people in northern Burkina Faso, local sources said on Saturday.\n\n"
            "Late on Thursday, fighters on motorbikes stormed a post held by volunteer militiamen in the village "
            "of Koumbri, the sources said.\n\n"
            "In early March, the same group killed six soldiers in a similar raid.")
    evs = events_of(text, title="Jihadists kill 14 in attack on militia post")
    clashes = [e for e in evs if e["acled_sub_type"] == "Armed clash"]
    assert len(clashes) == 2, [(e["acled_sub_type"], e["location"], e["time_text"]) for e in evs]
    main = next(e for e in clashes if e["location"] == "Koumbri")
    assert main["fatalities"]["min"] == 14 and main["evidence"].startswith("Late on Thursday")
    assert not [e for e in evs if e["acled_type"] == "Violence against civilians"]


def test_quotes_add_colour_not_events(events_of):
    text = ("Militants attacked an army base near Afgooye on Tuesday, killing nine soldiers, officials said. "
            "\"There was a loud explosion, then shooting for an hour,\" a resident said. "
            "\"The fighting was heavy,\" an officer said.")
    evs = events_of(text)
    assert [e["acled_sub_type"] for e in evs] == ["Armed clash"], [(e["acled_sub_type"], e["evidence"]) for e in evs]


def test_the_capture_of_a_town_told_twice_is_one_event(events_of):
    text = ("Rebels have seized the town of Kalembe in North Kivu, a local administrator said. "
            "\"Since this morning we have seen the capture of Kalembe,\" said the official.")
    evs = [e for e in events_of(text) if e["acled_sub_type"] == "Non-state actor overtakes territory"]
    assert len(evs) == 1, [(e["evidence"]) for e in evs]


def test_attack_that_became_a_clash_is_one_clash(events_of):
    evs = events_of("Militiamen attacked the suburb of Delmas on Tuesday, where they clashed with residents.")
    assert kinds(evs) == [("Battles", "Armed clash")]


def test_abduction_in_an_attack_is_its_own_event(events_of):
    evs = events_of("Rebels killed 12 soldiers and abducted two others in an ambush on a convoy near Saravena on Monday.")
    assert ("Violence against civilians", "Abduction/forced disappearance") in kinds(evs)
    assert ("Battles", "Armed clash") in kinds(evs)
    abduction = next(e for e in evs if e["acled_sub_type"] == "Abduction/forced disappearance")
    assert abduction["fatalities"]["min"] is None  # the dead belong to the ambush


def test_a_bare_strike_takes_the_means_told_later(events_of):
    text = ("An enemy strike on apartment blocks in Zaporizhzhia wounded 20 people on Friday, officials said. "
            "The governor said a ballistic missile hit the blocks.")
    evs = events_of(text)
    assert kinds(evs) == [("Explosions/Remote violence", "Shelling/artillery/missile attack")]


def test_a_country_gives_way_to_the_village_told_later(events_of):
    text = ("Soldiers killed 11 civilians in Mali, local sources said. "
            "Residents said troops opened fire in the village of Dioura on Sunday, killing 11 people.")
    evs = events_of(text)
    assert [e["location"] for e in evs] == ["Dioura"], [(e["acled_sub_type"], e["location"]) for e in evs]


def test_a_town_and_its_country_in_one_sentence_are_one_place(events_of):
    evs = events_of("Seven militants were killed in two blasts in Afghanistan's Kandahar province on Friday night, "
                    "police said, after explosions in Afghanistan's south.")
    assert len([e for e in evs if e["acled_type"] == "Explosions/Remote violence"]) == 1, evs


def test_a_given_target_is_colour_a_new_one_another_incident(events_of):
    text = ("Gunmen killed nine villagers in an attack on Kadji on Sunday, officials said. "
            "Residents said their village was attacked at dawn. "
            "A bomb also exploded at a bus station in Tera.")
    evs = events_of(text)
    assert kinds(evs) == [("Explosions/Remote violence", "Remote explosive/landmine/IED"),
                          ("Violence against civilians", "Attack")], [(e["acled_sub_type"], e["evidence"]) for e in evs]


def test_a_headline_cut_in_two_is_still_the_headline(events_of):
    title = "Soldiers kill nine herders in village: local officials"
    text = title + "\n\nSoldiers shot dead nine herders in Mali, local officials said.\n\n" \
        "Residents said nine herders were killed in the village of Dioura on Sunday."
    evs = events_of(text, title=title)
    assert [(e["acled_sub_type"], e["location"]) for e in evs] == [("Attack", "Dioura")], evs


# --- arson beside a killing is a second act; what a strike destroys is the strike ---

def test_houses_torched_beside_a_killing_are_an_act_of_their_own(events_of):
    evs = events_of("Armed men killed six farmers in the village of Ruvi on Tuesday and torched a dozen houses.")
    assert kinds(evs) == [("Strategic developments", "Looting/property destruction"),
                          ("Violence against civilians", "Attack")]


def test_what_a_strike_destroys_belongs_to_the_strike(events_of):
    evs = events_of("A drone strike destroyed a fuel depot near Mabalo on Friday, killing three guards.")
    assert len(evs) == 1


def test_a_district_named_with_its_kind_word_is_a_region_inside_the_town_story(events_of):
    # "Mbuko district" (the kind word inside the name) is coarse, so it can be the shelled town's area
    text = ("Rebels shelled the town of Lokoro on Thursday night, killing four civilians, local officials said. "
            "\"The rebels targeted a residential building in Mbuko district of Lokoro late on Thursday night,\" "
            "a local official said.")
    evs = events_of(text)
    assert len(evs) == 1 and evs[0]["location"] == "Lokoro", [(e["acled_sub_type"], e["location"]) for e in evs]
