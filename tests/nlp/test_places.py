"""Small places the model mistypes or misses, told by their context (dossier.nlp.places)."""


def _ents(nlp, text):
    return {(e.name, e.type) for e in nlp(text)._.entities}


def test_place_noun_and_of_makes_a_place(nlp):
    ents = _ents(nlp, "Mortars hit the village of Kara-Bulak near the border on Sunday. Residents "
                      "of the exclave of Sokhrud and Tangiz were told to leave.")
    assert ("Kara-Bulak", "LOC") in ents or ("Kara-Bulak", "GPE") in ents
    assert ("Sokhrud", "GPE") in ents
    assert ("Tangiz", "GPE") in ents


def test_place_noun_after_the_name(nlp):
    ents = _ents(nlp, "Both sides claim the Tashbulak water intake. The fighting spread to the "
                      "Zhaman oil field.")
    assert ("Tashbulak", "GPE") in ents
    assert ("Zhaman", "GPE") in ents


def test_two_weak_cues(nlp):
    # a GeoNames city after a locative preposition, or before "plant"
    ents = _ents(nlp, "The carmaker said the plant in Debrecen would hire 2,000 people. The Ostrava "
                      "plant continues to run.")
    assert ("Debrecen", "GPE") in ents
    assert ("Ostrava", "GPE") in ents


def test_coordinated_with_a_town(nlp):
    ents = _ents(nlp, "Relatives travelled from Kassala and Gedaref to the airport.")
    assert ("Gedaref", "GPE") in ents


def test_people_stay_people(nlp):
    # a person named with a given name elsewhere, and a person next to a country
    ents = _ents(nlp, "Envoy Ruslan Tokayev met officials in Astana. The talks with Tokayev and "
                      "Kazakhstan ended on Monday. Mr. Hale said in Jackson that he would stay.")
    assert ("Ruslan Tokayev", "PERSON") in ents
    assert not any(n in ("Tokayev", "Hale") and t != "PERSON" for n, t in ents)


def test_hyphenated_pair_of_known_places(nlp):
    ents = _ents(nlp, "Convoys on the Dakar-Bamako road have been attacked nine times.")
    assert ("Dakar", "GPE") in ents
    assert ("Bamako", "GPE") in ents
    assert ("Guinea-Bissau", "GPE") in _ents(nlp, "Troops from Guinea-Bissau arrived on Monday.")


def _full(nlp, text):
    return {e.name: e for e in nlp(text)._.entities}


def test_ships_are_no_people(nlp):
    ents = _full(nlp, "The Panama-flagged Morning Lark, carrying cement, was boarded on Monday. "
                      "The Morning Lark crew were unharmed. The tanker Silver Wren was also stopped.")
    assert "Morning Lark" not in ents
    assert "Silver Wren" not in ents or ents["Silver Wren"].type != "PERSON"


def test_venues_are_places(nlp):
    ents = _full(nlp, "The delegations are arriving at the Palais des Congrès in Brazzaville. "
                      "Ministers later dined at the Grand Meridian Hotel in Geneva.")
    assert ents["Palais des Congrès"].type == "LOC"
    assert ents["Palais des Congrès"].country == "COG"  # the city it is in
    assert ents["Grand Meridian Hotel"].type == "LOC"


def test_a_palace_that_speaks_stays_an_institution(nlp):
    ents = _full(nlp, "The Elysee Palace said on Monday that talks would continue.")
    assert any(e.type == "ORG" for e in ents.values())


def test_a_district_takes_its_citys_state(nlp):
    ents = _full(nlp, "Delegations met at a government guest palace in Doha's West Bay on Monday.")
    assert ents["West Bay"].country == "QAT"


def test_a_place_named_after_a_country_is_not_the_country(nlp):
    ents = _full(nlp, "The memorandum was signed in Mali Zvornik on Tuesday by the two ministers.")
    assert "Mali Zvornik" in ents
    assert "Mali" not in ents
    ents = _full(nlp, "Fighting spread to eastern Ukraine on Monday.")
    assert "Ukraine" in ents


def test_a_dateline_names_a_place(nlp):
    ents = _full(nlp, "Gunmen attack army post\n\nKABO, Central African Republic - Gunmen attacked "
                      "an army post on Friday, officials said.")
    assert ents["KABO"].type in ("GPE", "LOC")
    assert ents["KABO"].country == "CAF"


def test_two_names_of_one_place(nlp):
    ents = _full(nlp, "The meeting was held in Borovoe (also Burabay), a lakeside resort. "
                      "Talks resumed in Astana (formerly Nur-Sultan) on Monday.")
    assert {"Borovoe", "Burabay"} <= set(ents["Borovoe"].aliases)
    assert "Burabay" not in ents
    assert "Nur-Sultan" in ents["Astana"].aliases
    ents = _full(nlp, "Aid reached Goma, known as Nyiragongo gateway, on Monday.")
    assert "Nyiragongo" not in ents.get("Goma").aliases


def test_a_place_described_by_a_place_noun(nlp):
    ents = _full(nlp, "Talks were held at Norvex, a town near the border. Analysts at Halvorsen, "
                      "the energy company, said prices would rise.")
    assert ents["Norvex"].type == "GPE"
    assert ents["Halvorsen"].type == "ORG"


def test_a_town_after_a_motion_verb(nlp):
    ents = _full(nlp, "Officials later travelled to Novi Pazar and to Port Sudan.")
    assert ents["Novi Pazar"].type == "GPE"
    assert ents["Port Sudan"].type == "GPE"  # a city, not the state it is named after
    assert "Sudan" not in ents


def test_a_place_keeps_the_form_with_its_noun(nlp):
    ents = _full(nlp, "Water flooded villages near the Dahlak islands and the Drina river.")
    assert "Dahlak islands" in ents["Dahlak"].aliases
    assert "Drina river" in ents["Drina"].aliases
