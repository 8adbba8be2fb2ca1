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
