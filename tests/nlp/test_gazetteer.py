"""Gazetteer: known places, bodies and outlets beat the statistical NER, without breaking longer names."""
from dossier.nlp.gazetteer import SPAN_KEY, country_of_word, get_gazetteer


def _ents(nlp, text):
    doc = nlp(text)
    return doc, {(e.text, e.label_) for e in doc.ents}


def test_lookup_data():
    g = get_gazetteer()
    assert g.lookup("US").name == "United States"
    assert g.lookup("U.S.").country == "USA"
    assert g.lookup("Kiev").name == "Kyiv"
    kyiv = g.lookup("Kyiv")
    assert kyiv.type == "GPE" and kyiv.country == "UKR" and abs(kyiv.lat - 50.45) < 0.1
    assert g.lookup("Donbas").type == "LOC"
    assert g.lookup("EU").name == "European Union"
    assert g.lookup("ABC News").type == "ORG"
    assert g.lookup("Reading") is None  # stoplisted common word
    assert country_of_word("Ukrainian") == "UKR"
    assert country_of_word("US") == "USA"


def test_kyiv_is_a_place(nlp):
    doc, ents = _ents(nlp, "The head of the Ukrainian delegation, Umerov, noted that Washington shares Kyiv's key goals.")
    assert ("Kyiv", "GPE") in ents
    assert ("Washington", "GPE") in ents
    assert any(s.text == "Kyiv" for s in doc.spans[SPAN_KEY])


def test_org_preset_splits_person(nlp):
    _, ents = _ents(nlp, "Secretary of the National Security and Defense Council Rustem Umerov reported on the talks.")
    assert ("National Security and Defense Council", "ORG") in ents
    assert ("Rustem Umerov", "PERSON") in ents


def test_outlets_and_longest_match(nlp):
    _, ents = _ents(nlp, "According to ABC News, CNN and the Kyiv Independent, talks continued in Geneva.")
    assert {("ABC News", "ORG"), ("CNN", "ORG"), ("Kyiv Independent", "ORG"), ("Geneva", "GPE")} <= ents


def test_longer_model_name_kept(nlp):
    _, ents = _ents(nlp, "The Bank of England raised rates on Thursday.")
    assert not any(t == "England" for t, _ in ents) or ("Bank of England", "ORG") not in ents


def test_generic_body_inside_longer_name(nlp):
    _, ents = _ents(nlp, "The Senate Armed Services Committee met as the US Federal Reserve held rates.")
    assert ("Senate", "ORG") not in ents or ("Senate Armed Services Committee", "ORG") in ents
    _, ents = _ents(nlp, "The Senate voted on Tuesday.")
    assert ("Senate", "ORG") in ents


def test_the_outlet_word_alone_is_no_outlet(nlp):
    # "The Times", "The Independent": without their article, words of other names
    _, ents = _ents(nlp, "The Steppe Times reported that the Commonwealth of Independent States "
                         "met, according to the Baltic Insider.")
    assert ("Times", "ORG") not in ents and ("Independent", "ORG") not in ents
    assert ("the Commonwealth of Independent States", "ORG") in ents
    doc = nlp("The Times said so, and officials told The Independent on Monday.")
    assert {e.name for e in doc._.entities} >= {"The Times", "The Independent"}
    assert len([e for e in doc._.entities if e.type == "ORG"]) == 2


def test_a_states_form_without_its_inner_article_is_kept(nlp):
    ents = {e.name: e for e in nlp("The foreign minister of the Republic of Congo arrived on "
                                   "Monday. Congo offered to mediate.")._.entities}
    congo = next(e for e in ents.values() if e.country == "COG")
    assert {"Republic of Congo", "Congo"} <= set(congo.aliases)


def test_the_longest_demonym_wins(nlp):
    ents = {e.name: e for e in nlp("JUBA - South Sudanese officials met Sudanese negotiators and "
                                   "Central African delegates on Monday.")._.entities}
    assert ents["South Sudanese"].country == "SSD"
    assert ents["Sudanese"].country == "SDN"
    assert ents["Central African"].country == "CAF"
    assert "South" not in ents
