"""Issue #14: organisations by any name in one report (dossier.orgnames, dossier.nlp.orgspans and the
resolver), and the pairs that must stay apart."""
import pytest

from dossier.orgnames import (acronym_match, org_core, org_key, same_org, short_form)


@pytest.mark.parametrize("a,b", [
    ("EADS", "European Aeronautic Defence and Space Company N.V."),   # acronym without the suffix
    ("GM", "General Motors"),
    ("IMF", "International Monetary Fund"),
    ("USAF", "Air Force"),                                            # country letters first
    ("Chrysler", "Chrysler LLC"),                                     # legal suffixes
    ("Ford Motor Company", "Ford Motor Co."),
    ("Acme Holdings N.V.", "Acme Holdings"),
    ("China Eastern", "China Eastern Airlines"),                      # short forms
    ("Cerberus", "Cerberus Capital Management"),
    ("Senate", "United States Senate"),                               # a country word first
])
def test_one_organisation(a, b):
    assert same_org(a, b) and same_org(b, a)


@pytest.mark.parametrize("a,b", [
    ("Apple Inc.", "Apple Corps"),                     # two full legal names
    ("AFP", "Australian Federal Police"),              # a news agency's acronym
    ("AP", "Alpine Partners"),
    ("Air", "Air France"),                             # no name of its own
    ("Capital", "Cerberus Capital Management"),
    ("General Electric", "General Motors"),
    ("China Eastern Airlines", "China Southern Airlines"),
    ("Deutsche Bank", "Deutsche Telekom"),
])
def test_different_organisations_stay_apart(a, b):
    assert not same_org(a, b) and not same_org(b, a)


def test_keys_for_across_reports_keep_the_country():
    assert org_key("Ford Motor Company") == org_key("Ford Motor Co.")
    assert org_key("The Acme Group Inc.") == org_key("Acme Group")
    assert org_key("French Senate") != org_key("United States Senate")
    assert org_core("United States Senate") == org_core("the Senate") == ("senate",)


def test_agency_acronym_names_the_agency_when_spelt_out():
    assert acronym_match("AFP", "Agence France Presse")
    assert not acronym_match("AFP", "Australian Federal Police")


def test_legal_name_is_no_short_form():
    assert not short_form("Apple Inc.", "Apple Inc. Corps")
    assert short_form("Apple", "Apple Corps")


def _entity(doc, word):
    eid = next((doc._.token_entity.get(t.i) for t in doc if t.text == word), None)
    return next((e for e in doc._.entities if e.id == eid), None)


@pytest.mark.parametrize("text,a,b", [
    ("European Aeronautic Defence and Space Company N.V. (EADS) said profits rose. EADS shares "
     "fell.", "Aeronautic", "EADS"),
    ("Chrysler LLC and Cerberus Capital Management announced the deal. Cerberus will own most "
     "of Chrysler.", "LLC", "Chrysler"),
    ("Chrysler LLC and Cerberus Capital Management announced the deal. Cerberus will own most "
     "of Chrysler.", "Management", "Cerberus"),
    ("China Eastern Airlines reported a loss. China Eastern blamed fuel prices.", "Airlines",
     "blamed"),
    ("The United States Senate passed the bill on Tuesday. The Senate vote was close.", "United",
     "Senate"),
])
def test_variants_in_one_report_are_one_entity(nlp, text, a, b):
    doc = nlp(text)
    if b == "blamed":  # the short form's own token
        toks = [t for t in doc if t.text == "Eastern"]
        ea, eb = (doc._.token_entity.get(toks[0].i), doc._.token_entity.get(toks[1].i))
        assert ea and ea == eb
        return
    if a == "United":
        senate = [t for t in doc if t.text == "Senate"]
        assert doc._.token_entity.get(senate[0].i) == doc._.token_entity.get(senate[1].i)
        return
    ea = _entity(doc, a)
    eb = [doc._.token_entity.get(t.i) for t in doc if t.text == b][-1]
    assert ea is not None and ea.id == eb and ea.type == "ORG"


def test_agency_and_the_body_its_acronym_spells_stay_apart(nlp):
    doc = nlp("The Australian Federal Police arrested two men in Sydney, AFP reported.")
    police = _entity(doc, "Police")
    afp = _entity(doc, "AFP")
    assert police is not None and afp is not None and police.id != afp.id


@pytest.mark.parametrize("text,first,second", [
    # a short form the model tagged as a place, a company's first word left untagged, a
    # short form met before the full name, a generic word ending the name
    ("Jade Coast Airlines grounded six jets. Jade Coast said the checks would take a week.",
     "Airlines", "said"),
    ("Engine maker Aldrin Propulsion Corporation said it was working. Aldrin denied claims "
     "that it had known about the defect.", "Propulsion", "denied"),
    ("Telvora said it was disappointed. Telvora N.V. shares fell.", "N.V.", "said"),
    ("The European Commission said the talks would start. The Commission did not say when.",
     "European", "did"),
    ("The Andes Wire Service (AWS) reported the result. AWS said turnout was high.",
     "Wire", "said"),
])
def test_short_forms_join_whatever_the_model_tagged(nlp, text, first, second):
    doc = nlp(text)
    ea = _entity(doc, first)
    name_tok = [t for t in doc if t.text == second][0]
    before = doc[name_tok.i - 1]
    assert ea is not None and ea.type == "ORG"
    assert doc._.token_entity.get(before.i) == ea.id


def test_two_companies_sharing_a_first_word_stay_apart(nlp):
    doc = nlp("Kestrel Motors AG and Kestrel Capital LLC signed the deal on Friday.")
    motors, capital = _entity(doc, "Motors"), _entity(doc, "Capital")
    assert motors is not None and capital is not None and motors.id != capital.id


def test_a_legal_name_split_around_and_is_one(nlp):
    doc = nlp("Norsk Kraft AS and Baltic Energy Corporation will build a plant.")
    assert _entity(doc, "Kraft").id != _entity(doc, "Baltic").id
    doc = nlp("European Aerospace and Defence Company N.V. (EADC) said profits rose.")
    assert _entity(doc, "Aerospace").id == _entity(doc, "EADC").id


def test_body_glued_to_the_person_after_its_country(nlp):
    doc = nlp("The protocol was signed by the Chairman of the State Committee of Border Affairs of "
              "the Republic of Tajikistan Rahmonov Saidjon, and by the Deputy Chairman of the Cabinet "
              "of Ministers of the Kyrgyz Republic Usenov Kanybek.")
    people = {e.name: e for e in doc._.entities if e.type == "PERSON"}
    assert {"Rahmonov Saidjon", "Usenov Kanybek"} <= set(people)
    assert people["Usenov Kanybek"].roles == [
        "deputy chairman of the Cabinet of Ministers of the Kyrgyz Republic"]
    # a country opening a body's name is no such title: no person in "the US Federal Reserve"
    doc = nlp("Markets fell after the bailout of the insurer by the US Federal Reserve yesterday.")
    assert not any(e.type == "PERSON" for e in doc._.entities)


def test_a_body_of_an_international_organisation(nlp):
    doc = nlp("The AU Peace and Security Council will meet on Friday, the AU said.")
    names = {(e.name, e.type) for e in doc._.entities}
    assert ("AU Peace and Security Council", "ORG") in names
    assert ("African Union", "ORG") in names
    assert not any(n == "UN Security Council" for n, _ in names)
    doc = nlp("The UN Security Council voted on Monday.")
    assert [e.name for e in doc._.entities] == ["UN Security Council"]


def _names(nlp, text):
    return [(e.name, e.type, e.aliases) for e in nlp(text)._.entities]


def test_acronym_defined_in_the_text_names_the_body_everywhere(nlp):
    doc = nlp("ORVA in talks to buy a rival\nOSLO - Orbital Research Vehicle Agency N.V. (ORVA) is in "
              "talks to buy Kepler Optics plc. ORVA shares rose 3 percent.")
    orva = [e for e in doc._.entities if "ORVA" in e.aliases]
    assert len(orva) == 1 and "Orbital Research Vehicle Agency N.V." in orva[0].aliases
    assert len([m for m in orva[0].mentions if m.text == "ORVA"]) == 3


def test_acronym_in_the_name_s_own_language(nlp):
    # the letters follow the Spanish name, not the English one: still the bracket defines it
    names = _names(nlp, "The National Farmers' Union (UNA), in a statement: \"We will march.\" "
                        "Later the UNA said it would wait.")
    assert ("National Farmers' Union", "ORG", ["National Farmers' Union", "UNA"]) in names


def test_possessive_before_a_name_is_no_part_of_it(nlp):
    names = _names(nlp, "Norway's Financial Supervisory Authority (FSA) said it saw no risk. An FSA "
                        "spokesman declined to comment.")
    fsa = next(n for n in names if "FSA" in n[2])
    assert fsa[0] == "Financial Supervisory Authority"


def test_country_and_generic_body_are_one(nlp):
    names = _names(nlp, "The United States Senate voted 71-27 on Wednesday. Senator Jane Roe said the "
                        "Senate had done its job.")
    senate = next(n for n in names if "Senate" in n[2])
    assert "United States Senate" in senate[2]


def test_short_form_before_a_title_is_the_company_named_before(nlp):
    doc = nlp("German carmaker Osprey Motors AG will build a plant. Osprey Chief Executive Anna Berg "
              "called it vital. The deal does not involve Osprey Capital, an investment firm.")
    ents = {e.name: e for e in doc._.entities}
    assert "Osprey" in ents["Osprey Motors AG"].aliases
    assert ents["Osprey Capital"].aliases == ["Osprey Capital"]


def test_source_outlet_acronym(nlp):
    from dossier.nlp import extract_one
    from dossier.records import Document
    text = "BAKU, May 5 /SNA/. Ministers met in Baku. One of them told SNA the talks were useful."
    ex = extract_one(Document(id="x", text=text, raw_text=text, source="Steppe News Agency"), nlp=nlp)
    agency = [e for e in ex.entities if "SNA" in e.aliases]
    assert len(agency) == 1 and "Steppe News Agency" in agency[0].aliases
    assert len(agency[0].mentions) == 2
    # an acronym the text spells out as another body stays that body's
    text = "The Southern Nations Alliance (SNA) met. SNA leaders agreed."
    ex = extract_one(Document(id="y", text=text, raw_text=text, source="Steppe News Agency"), nlp=nlp)
    assert not any("Steppe News Agency" in e.aliases for e in ex.entities)


def test_shared_short_country_name(nlp):
    names = {(n, t) for n, t, _ in _names(nlp, "Fighting in eastern Congo worsened. The envoy of the "
                                               "Democratic Republic of the Congo criticized Rwanda.")}
    assert ("Republic of the Congo", "GPE") not in names
    names = {(n, t) for n, t, _ in _names(nlp, "Congo and Gabon signed a deal.")}
    assert ("Republic of the Congo", "GPE") in names
    names = {n for n, _, _ in _names(nlp, "South Sudan and Sudan swapped prisoners.")}
    assert {"South Sudan", "Sudan"} <= names
